// Smoke test of examples/informer.ts run the way the README tells a user to: `npx tsx
// --conditions=source examples/informer.ts <kubeconfig> <namespace> --seconds 1` against a real
// server, importing the client by its package name (kapi/client, resolved through package.json
// `exports`). Asserts on what it prints: the objects created beforehand arrive as initial-list
// adds, its own object is seen through the lister, then its deletion, and it exits on its own.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { CONFIGMAPS, ROOT, configMap, namespace, startTestServer, type TestServer } from '../server/testserver.js';

const RUN_TIMEOUT_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runExample(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', '--conditions=source', 'examples/informer.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // It must end by itself after --seconds; a hang is a failure, not a stuck test run.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`examples/informer.ts did not exit within ${RUN_TIMEOUT_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, RUN_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('examples/informer.ts (run with npx tsx against a real server)', function () {
  this.timeout(120_000);
  let server: TestServer;
  const ns = `example-${process.pid}`;

  before(async () => {
    server = await startTestServer();
    const res = await server.post('/api/v1/namespaces', namespace(ns));
    expect(res.status, res.text).to.equal(201);
    for (const [name, labels] of [
      ['first', { app: 'web' }],
      ['second', { app: 'db' }],
    ] as const) {
      const cm = await server.post(CONFIGMAPS(ns), configMap(name, { a: '1' }, { labels }));
      expect(cm.status, cm.text).to.equal(201);
    }
  });
  after(async () => {
    await server?.stop();
  });

  it('prints the initial list, its own object through the lister and its deletion, then exits', async () => {
    const run = await runExample([server.kubeconfig, ns, '--seconds', '1']);
    const out = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    expect(run.code, out).to.equal(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines, out).to.include.members([`added   ${ns}/first (initial list)`, `added   ${ns}/second (initial list)`, 'cache synced; this handler synced: true']);
    // The initial adds come before the sync line; then its own object, found by the lister.
    const synced = lines.indexOf('cache synced; this handler synced: true');
    expect(lines.indexOf(`added   ${ns}/first (initial list)`), out).to.be.below(synced);
    const own = lines.find((l) => new RegExp(`^added   ${ns}/example-\\d+$`).test(l));
    expect(own, out).to.not.equal(undefined);
    const ownName = own!.slice(`added   ${ns}/`.length);
    // app=web selects `first` and the example's own object (labelled app=web), not `second`.
    const listed = lines.find((l) => l.startsWith(`configmaps with app=web in ${ns}: `));
    expect(listed, out).to.not.equal(undefined);
    expect(listed!.slice(`configmaps with app=web in ${ns}: `.length).split(', ').sort(), out).to.deep.equal([ownName, 'first'].sort());
    expect(lines, out).to.include(`deleted ${ns}/${ownName}`);
    expect(run.stderr, out).to.not.match(/list\/watch failed|Error/);
    // Its object is really gone from the server, the ones made here are untouched.
    const left = await server.get(CONFIGMAPS(ns));
    expect(left.status, left.text).to.equal(200);
    expect((left.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name).sort()).to.deep.equal(['first', 'second']);
  });
});
