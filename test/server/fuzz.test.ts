// Property test: whatever JSON a client sends to any served kind, at any version, the answer is
// a Status-bearing 4xx or a success, never a 5xx, and the server keeps serving.
import { expect } from 'chai';
import fc from 'fast-check';
import { type TestServer, startTestServer } from './testserver.js';

interface Target {
  path: string;
  apiVersion: string;
  kind: string;
}

/** Every kind at every version, read from discovery so the test follows the generated groups. */
async function targets(s: TestServer): Promise<Target[]> {
  const out: Target[] = [];
  const groupVersions: string[] = ['v1'];
  for (const g of (await s.get('/apis')).body.groups) for (const v of g.versions) groupVersions.push(v.groupVersion);
  for (const gv of groupVersions) {
    const base = gv === 'v1' ? '/api/v1' : `/apis/${gv}`;
    for (const r of (await s.get(base)).body.resources) {
      if (r.name.includes('/') || !r.verbs.includes('create')) continue;
      out.push({ path: r.namespaced ? `${base}/namespaces/default/${r.name}` : `${base}/${r.name}`, apiVersion: gv, kind: r.kind });
    }
  }
  return out;
}

describe('server robustness (property)', function () {
  this.timeout(120_000);
  let s: TestServer;
  let all: Target[];

  before(async () => {
    s = await startTestServer();
    all = await targets(s);
  });
  after(async () => {
    await s?.stop();
  });

  it('never answers 5xx to arbitrary bodies', async () => {
    expect(all.length).to.be.greaterThan(3);
    const value = fc.jsonValue({ maxDepth: 4 });
    const body = fc.record(
      {
        metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constant('x'), fc.string(), value), labels: value }, { requiredKeys: [] }), value),
        spec: value,
        status: value,
        data: value,
        extra: value,
      },
      { requiredKeys: [] },
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(all.length - 1), body, fc.boolean(), async (i, b, named) => {
        const t = all[i];
        const obj = { apiVersion: t.apiVersion, kind: t.kind, ...b } as Record<string, unknown>;
        if (named) obj.metadata = { ...(typeof b.metadata === 'object' && b.metadata && !Array.isArray(b.metadata) ? b.metadata : {}), name: `fuzz-${n++}` };
        const res = await s.post(t.path, obj);
        if (res.status >= 500) throw new Error(`${t.path} ${JSON.stringify(obj)} -> ${res.status} ${res.text}`);
        if (res.status >= 400) expect(res.body?.kind, res.text).to.equal('Status');
      }),
      { numRuns: 300 },
    );
    expect((await s.get('/healthz')).status).to.equal(200);
  });
});
