// `kubectl get -w` against the real server: the changes another client makes show up in kubectl's
// output as they happen (the real kubectl chosen by KAPI_KUBECTL, 1.32 by default, see
// kubectl-binary.ts; the server's kubeconfig, a fresh --cache-dir).
import { expect } from 'chai';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, type TestServer, USING_GENERATED, WIDGETS, namespace, startTestServer, widget } from '../server/testserver.js';
import { KUBECTL } from './kubectl-binary.js';

const WAIT_MS = 30_000;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON

/** A long-running kubectl whose output is collected as it arrives. */
class Running {
  stdout = '';
  stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  async until(ok: (stdout: string) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!ok(this.stdout)) {
      if (this.child.exitCode !== null) throw new Error(`kubectl exited before ${what}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  lines(): string[] {
    return this.stdout.split('\n').filter((l) => l.trim() !== '');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}

/** Splits kubectl's `-o json` watch output (pretty-printed objects back to back) into objects. */
function jsonStream(text: string): Obj[] {
  const out: Obj[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)) as Obj);
    }
  }
  return out;
}

describe(`kubectl get -w against kapi (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(120_000);
  let server: TestServer;
  let cacheDir: string;
  const running: Running[] = [];

  before(async function () {
    if (!USING_GENERATED) this.skip(); // Widgets are served by the generated groups only
    server = await startTestServer();
    for (const ns of ['kw', 'kw2']) expect((await server.post('/api/v1/namespaces', namespace(ns))).status).to.equal(201);
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'kapi-kubectl-watch-cache-'));
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  /** Starts a long-running kubectl (runKubectl waits for the exit, a watch never exits by itself). */
  function kubectl(...args: string[]): Running {
    const child = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig, '--cache-dir', cacheDir, ...args], {
      env: { ...process.env, KUBECONFIG: '', HOME: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r = new Running(child);
    running.push(r);
    return r;
  }

  async function createWidget(ns: string, name: string): Promise<Obj> {
    const res = await server.post(WIDGETS(ns), widget(name));
    expect(res.status, res.text).to.equal(201);
    return res.body as Obj;
  }

  it('prints the objects, then the changes another client makes', async () => {
    await createWidget('kw', 'first');
    const watch = kubectl('get', 'widgets', '-n', 'kw', '-w');
    await watch.until((out) => /^first\s/m.test(out), 'the initial list');
    const second = await createWidget('kw', 'second');
    await watch.until((out) => /^second\s/m.test(out), 'the created object');
    const upd = await server.put(`${WIDGETS('kw')}/second`, { ...second, spec: { color: 'blue' } });
    expect(upd.status, upd.text).to.equal(200);
    expect((await server.del(`${WIDGETS('kw')}/first`)).status).to.equal(200);
    // Rows: first, second (created), second (modified), first (deleted); a header may come first.
    await watch.until((out) => out.split('\n').filter((l) => /^(first|second)\s/.test(l)).length >= 4, 'the update and the delete');
    const rows = watch.lines().filter((l) => !/^NAME\s/.test(l)).map((l) => l.split(/\s+/)[0]);
    expect(rows.slice(0, 4)).to.deep.equal(['first', 'second', 'second', 'first']);
    expect(watch.stderr).to.equal('');
  });

  it('reports each event type with --output-watch-events -o json', async () => {
    const watch = kubectl('get', 'widgets', '-n', 'kw2', '-w', '--watch-only', '--output-watch-events', '-o', 'json');
    // --watch-only prints nothing until a change: give kubectl time to start its watch.
    const deadline = Date.now() + WAIT_MS;
    let obj: Obj | undefined;
    let n = 0;
    // Keep creating probe objects until kubectl shows one: then its watch is surely running.
    while (jsonStream(watch.stdout).length === 0) {
      expect(Date.now(), `kubectl never printed an event\nstderr: ${watch.stderr}`).to.be.below(deadline);
      obj = await createWidget('kw2', `probe-${n++}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const last = String(obj!.metadata.name);
    await watch.until((out) => jsonStream(out).some((e) => e.type === 'ADDED' && e.object.metadata.name === last), 'the last probe');
    const seen = jsonStream(watch.stdout).length;
    const upd = await server.put(`${WIDGETS('kw2')}/${obj!.metadata.name}`, { ...obj, spec: { color: 'green' } });
    expect(upd.status, upd.text).to.equal(200);
    expect((await server.del(`${WIDGETS('kw2')}/${obj!.metadata.name}`)).status).to.equal(200);
    await watch.until((out) => jsonStream(out).length >= seen + 2, 'MODIFIED and DELETED');
    const events = jsonStream(watch.stdout).slice(seen);
    expect(events.map((e) => [e.type, e.object.metadata.name])).to.deep.equal([
      ['MODIFIED', obj!.metadata.name],
      ['DELETED', obj!.metadata.name],
    ]);
    expect(events[0].object).to.include({ apiVersion: API.widgetApiVersion, kind: 'Widget' });
    expect(events[0].object.spec.color).to.equal('green');
  });

  it('watches all namespaces', async () => {
    const watch = kubectl('get', 'widgets', '-A', '-w', '-o', 'name');
    await watch.until((out) => out.includes('widget.example.com/'), 'the initial list');
    await createWidget('kw', 'cluster-wide');
    await watch.until((out) => out.includes('widget.example.com/cluster-wide'), 'the new object');
  });
});
