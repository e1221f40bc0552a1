// Issue 5, item 7: the same scenarios against kapi's informer and @kubernetes/client-node's
// makeInformer, both on our real server. Prints a table of which scenarios each gets wrong, and
// asserts that kapi's gets none wrong (client-node's results are reported, not asserted).
// client-node stops for good on any error other than 410 (a reset connection, a restarting
// server), so it runs twice: with the restart-on-error handler its documentation recommends, and
// as it comes.
import { expect } from 'chai';
import type { TestServer } from '../server/testserver.js';
import { play, SCENARIOS, type Verdict, World } from './scenarios.js';
import { clientNodeSubject, clientNodeSubjectWith, kapiSubject, type SubjectFactory } from './subjects.js';

const SUBJECTS: [string, SubjectFactory][] = [
  ['kapi', kapiSubject],
  ['client-node 1.4.0 + restart', clientNodeSubject],
  ['client-node 1.4.0 as is', clientNodeSubjectWith(false)],
];

/** KAPI_COMPARE_ONLY=partition,slow plays only those scenarios. */
const ONLY = process.env.KAPI_COMPARE_ONLY?.split(',');

type Row = { scenario: string; results: Map<string, Verdict> };

function table(rows: Row[]): string {
  const head = ['scenario', ...SUBJECTS.map(([n]) => n)];
  const body = rows.map((r) => [r.scenario, ...SUBJECTS.map(([n]) => (r.results.get(n)?.ok ? 'ok' : r.results.has(n) ? 'WRONG' : 'not run'))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

describe('client informer comparison: kapi vs @kubernetes/client-node (real server)', function () {
  this.timeout(600_000);
  let server: TestServer | undefined;
  const shared = async (): Promise<TestServer> => (server ??= await World.startServer());
  after(async () => {
    await server?.stop();
    if (process.env.KAPI_COMPARE_DEBUG) setTimeout(() => console.log(process.getActiveResourcesInfo()), 3000).unref();
  });

  it('plays every scenario against both informers and prints which each gets wrong', async () => {
    const rows = new Map<string, Row>();
    const details: string[] = [];
    for (const [subjectName, make] of SUBJECTS) {
      for (const scenario of SCENARIOS.filter((sc) => !ONLY || ONLY.includes(sc.name))) {
        let verdicts: Verdict[];
        try {
          verdicts = await play(scenario, make, shared);
        } catch (err) {
          verdicts = [{ scenario: `scenario "${scenario.name}" completes`, ok: false, detail: String(err) }];
        }
        for (const v of verdicts) {
          const row = rows.get(v.scenario) ?? { scenario: v.scenario, results: new Map<string, Verdict>() };
          row.results.set(subjectName, v);
          rows.set(v.scenario, row);
          if (!v.ok || process.env.KAPI_COMPARE_VERBOSE) details.push(`${subjectName} / ${v.scenario}: ${v.ok ? 'ok' : 'WRONG'}: ${v.detail}`);
        }
      }
    }
    console.log(`\n${table([...rows.values()])}\n\n${details.join('\n')}\n`);
    const [kapiName] = SUBJECTS[0]!;
    // Rows only client-node produced (its scenario did not complete) say nothing about kapi.
    const kapiWrong = [...rows.values()].filter((r) => r.results.has(kapiName) && !r.results.get(kapiName)!.ok);
    expect(kapiWrong.map((r) => `${r.scenario}: ${r.results.get(kapiName)!.detail}`)).to.deep.equal([]);
  });
});
