// Watch and list benchmark (issue 3).
//
// 1. Watch fan-out: N watchers (100, then 1,000) watch one resource while a writer creates and
//    updates objects at a fixed rate (200 writes/s). Each write carries the time it was sent; a
//    sample of the watchers (every watcher at N=100, every 10th at N=1,000, spread over the
//    subscription order) reads that time back from each event and records the delivery latency:
//    from the moment the writer sent the request, so it includes the durable (fsynced) write
//    itself. All watchers read everything; missing events and cut-off watchers are reported.
//    The server's CPU comes from /proc/<pid>/stat over the measured window.
//    Target: p99 < 50 ms at 1,000 watchers x 200 writes/s.
// 2. List: 10,000 objects listed over HTTP from the watch cache (time to the last byte), versus
//    JSON.stringify of the same list in this process. Target: list <= 1.5x stringify.
//
// The server runs in its own process (dist/ when built, as `make bench` does; otherwise the tsx
// launcher), this process is the load. Both share the machine: the figures include that.
//
// Run: make bench   (or: npx tsx bench/watch.ts [--seconds 10] [--rate 200] [--watchers 100,1000])

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SECONDS = Number(option('seconds', '10'));
const RATE = Number(option('rate', '200'));
const WATCHERS = option('watchers', '100,1000').split(',').map(Number);
const LIST_SIZE = Number(option('list-size', '10000'));
const CLK_TCK = 100; // Linux USER_HZ
const NS = 'default';
const COLLECTION = `/api/v1/namespaces/${NS}/configmaps`;
const MARK = '"benchSentAt":"';

// ---- server process ------------------------------------------------------------------------

function serverCommand(): string[] {
  const compiled = join(root, 'dist/bin/apiserver.js');
  return existsSync(compiled) ? [compiled] : [join(root, 'bin/apiserver')];
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const command = [...serverCommand(), '--bind-address', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'];
  const nodeArgs = option('node-args', '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, ...command], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`apiserver exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, utime 14, stime 15 (1-based over the whole line).
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

// ---- HTTP helpers ----------------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(base: string, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      base + path,
      { method, agent, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET to the last byte, without parsing: what a client waits for. */
function fetchBytes(base: string, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    httpRequest(base + path, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${path}: ${res.statusCode}`))));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const configMap = (name: string, sentAt?: number, seq = 0) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: NS, labels: { app: 'bench', tier: 'backend' } },
    data: { ...(sentAt === undefined ? {} : { benchSentAt: `${seq}@${sentAt.toFixed(3)}` }), greeting: 'hello', region: 'eu-west-1' },
  });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

// ---- watchers --------------------------------------------------------------------------------

/** A watch over a raw socket: cheap for the load generator. Measuring watchers scan the bytes for
 * the writer's timestamps; the others only count bytes. */
class Watcher {
  /** Per event seen: the writer's sequence number, send time and this watcher's receive time. */
  readonly seqs: number[] = [];
  readonly sent: number[] = [];
  readonly received: number[] = [];
  events = 0;
  bytes = 0;
  closed = false;
  private readonly socket: Socket;
  private tail = '';

  constructor(base: URL, path: string, readonly measuring: boolean) {
    this.socket = connect(Number(base.port), base.hostname);
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => this.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${base.host}\r\nAccept: application/json\r\n\r\n`));
    this.socket.on('data', (d: Buffer) => this.onData(d));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => (this.closed = true));
  }

  private onData(d: Buffer): void {
    this.bytes += d.length;
    if (!this.measuring) return;
    const now = performance.now();
    const text = this.tail + d.toString('latin1');
    let at = 0;
    for (;;) {
      const i = text.indexOf(MARK, at);
      if (i < 0) break;
      const end = text.indexOf('"', i + MARK.length);
      if (end < 0) break; // split across reads: finish with the next one
      const [seq, sentAt] = text.slice(i + MARK.length, end).split('@');
      this.seqs.push(Number(seq));
      this.sent.push(Number(sentAt));
      this.received.push(now);
      this.events++;
      at = end + 1;
    }
    this.tail = text.slice(Math.max(at, text.length - 64));
  }

  close(): void {
    this.socket.destroy();
  }
}

async function watchScenario(base: string, pid: number, watchers: number): Promise<void> {
  // Start every watch at the current revision (no initial events) and let them all register.
  const list = JSON.parse((await send(base, 'GET', `${COLLECTION}?limit=1`)).text) as { metadata: { resourceVersion: string } };
  const path = `${COLLECTION}?watch=true&resourceVersion=${list.metadata.resourceVersion}`;
  const url = new URL(base);
  const sampleEvery = watchers > 100 ? 10 : 1;
  const all: Watcher[] = [];
  for (let i = 0; i < watchers; i++) all.push(new Watcher(url, path, i % sampleEvery === 0));
  await new Promise((resolve) => setTimeout(resolve, 1000 + watchers * 2));

  // The writer: RATE writes/s on a fixed schedule, alternating creates and unconditional updates.
  const names: string[] = [];
  const writeLatencies: number[] = [];
  /** When each write's response arrived, by sequence number. */
  const ackAt: number[] = [];
  let writes = 0;
  let failed = 0;
  const inflight = new Set<Promise<void>>();
  const cpuStart = cpuSeconds(pid);
  const clientStart = process.cpuUsage();
  const started = performance.now();
  const total = Math.round(RATE * SECONDS);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const create = i % 2 === 0 || names.length === 0;
    const name = create ? `w-${watchers}-${i}` : names[Math.floor(Math.random() * names.length)]!;
    const sentAt = performance.now();
    const p = send(base, create ? 'POST' : 'PUT', create ? COLLECTION : `${COLLECTION}/${name}`, configMap(name, sentAt, i)).then(
      (res) => {
        if (res.status === 201 || res.status === 200) {
          writes++;
          ackAt[i] = performance.now();
          writeLatencies.push(ackAt[i]! - sentAt);
          if (create) names.push(name);
        } else failed++;
      },
      () => void failed++,
    );
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }
  await Promise.all(inflight);
  const writeSeconds = (performance.now() - started) / 1000;
  // Let the last events arrive.
  const expected = writes;
  const deadline = performance.now() + 10_000;
  const measuring = all.filter((w) => w.measuring);
  while (performance.now() < deadline && measuring.some((w) => !w.closed && w.events < expected)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu = cpuSeconds(pid) - cpuStart;
  const client = process.cpuUsage(clientStart);
  for (const w of all) w.close();

  // Latency from send: includes the durable write. Latency after commit: the commit moment is
  // estimated as the earliest sign of it here, the write's response or the first watcher to see
  // the event (the server answers the writer before it flushes any watcher).
  const firstSeen = ackAt.slice();
  for (const w of measuring) {
    for (let k = 0; k < w.seqs.length; k++) {
      const seq = w.seqs[k]!;
      if (!(firstSeen[seq]! <= w.received[k]!)) firstSeen[seq] = w.received[k]!;
    }
  }
  const latencies: number[] = [];
  const fromSend: number[] = [];
  for (const w of measuring) {
    for (let k = 0; k < w.seqs.length; k++) {
      latencies.push(w.received[k]! - firstSeen[w.seqs[k]!]!);
      fromSend.push(w.received[k]! - w.sent[k]!);
    }
  }
  latencies.sort((a, b) => a - b);
  fromSend.sort((a, b) => a - b);
  // Fan-out spread: for each event, last watcher's receipt minus the first's.
  const lastSeen: number[] = [];
  for (const w of measuring) for (let k = 0; k < w.seqs.length; k++) lastSeen[w.seqs[k]!] = Math.max(lastSeen[w.seqs[k]!] ?? 0, w.received[k]!);
  const firstRecv: number[] = [];
  for (const w of measuring) for (let k = 0; k < w.seqs.length; k++) firstRecv[w.seqs[k]!] = Math.min(firstRecv[w.seqs[k]!] ?? Infinity, w.received[k]!);
  const spread = lastSeen.map((l, i) => l - firstRecv[i]!).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const ackToFirst = ackAt.map((a, i) => firstRecv[i]! - a).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (process.env.BENCH_DEBUG) console.log(`spread p50 ${ms(percentile(spread, 50))} p99 ${ms(percentile(spread, 99))}; ack->first p50 ${ms(percentile(ackToFirst, 50))} p99 ${ms(percentile(ackToFirst, 99))}`);
  const missing = measuring.reduce((n, w) => n + Math.max(0, expected - w.events), 0);
  const load = loadavg()[0]!.toFixed(1);
  const cut = all.filter((w) => w.closed).length;
  writeLatencies.sort((a, b) => a - b);
  console.log(
    `watchers ${String(watchers).padStart(5)}  writes ${writes}/${total} (${(writes / writeSeconds).toFixed(0)}/s, failed ${failed})` +
      `  delivery after commit p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1) ?? NaN)}` +
      `  (${latencies.length} samples from ${measuring.length} watchers)`,
  );
  console.log(
    `                from send (incl. the durable write) p50 ${ms(percentile(fromSend, 50))}  p99 ${ms(percentile(fromSend, 99))}` +
      `  write ack p50 ${ms(percentile(writeLatencies, 50))}  p99 ${ms(percentile(writeLatencies, 99))}  machine load ${load}`,
  );
  console.log(
    `               ` +
      `  server CPU ${((serverCpu / elapsed) * 100).toFixed(0)}% of a core (${serverCpu.toFixed(2)} s over ${elapsed.toFixed(1)} s)` +
      `  bench client CPU ${(((client.user + client.system) / 1e6 / elapsed) * 100).toFixed(0)}%` +
      `  missing events ${missing}  watchers closed early ${cut}`,
  );
  if (watchers === 1000) {
    const p99 = percentile(latencies, 99);
    console.log(`target p99 < 50 ms (after commit) at 1000 watchers x ${RATE} writes/s: ${p99 < 50 && missing === 0 ? 'MET' : 'NOT MET'} (${ms(p99)})`);
  }
}

// ---- list ------------------------------------------------------------------------------------

async function listScenario(base: string): Promise<void> {
  const ns = 'bench-list';
  await send(base, 'POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
  const path = `/api/v1/namespaces/${ns}/configmaps`;
  let next = 0;
  const worker = async () => {
    while (next < LIST_SIZE) {
      const i = next++;
      const body = JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cm-${String(i).padStart(5, '0')}`, namespace: ns, labels: { app: 'bench', tier: 'backend' } },
        data: { 'app.properties': 'mode=fast\nlevel=3\n', greeting: 'hello', region: 'eu-west-1' },
      });
      const res = await send(base, 'POST', path, body);
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));

  const runs = 30;
  const time = async (f: () => Promise<unknown> | unknown): Promise<number> => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const cold = await time(() => fetchBytes(base, path));
  const listTimes: number[] = [];
  let body: Buffer = Buffer.alloc(0);
  for (let i = 0; i < 5; i++) await fetchBytes(base, path); // warm-up
  for (let i = 0; i < runs; i++) listTimes.push(await time(async () => (body = await fetchBytes(base, path))));
  const parsed = JSON.parse(body.toString('utf8')) as { items: unknown[] };
  if (parsed.items.length !== LIST_SIZE) throw new Error(`listed ${parsed.items.length} objects, expected ${LIST_SIZE}`);
  const stringifyTimes: number[] = [];
  for (let i = 0; i < 5; i++) JSON.stringify(parsed);
  for (let i = 0; i < runs; i++) stringifyTimes.push(await time(() => JSON.stringify(parsed)));
  listTimes.sort((a, b) => a - b);
  stringifyTimes.sort((a, b) => a - b);
  const list = percentile(listTimes, 50);
  const stringify = percentile(stringifyTimes, 50);
  const ratio = list / stringify;
  console.log(
    `list ${LIST_SIZE} objects (${(body.length / 1e6).toFixed(1)} MB) from the cache over HTTP: median ${ms(list)}` +
      ` (p90 ${ms(percentile(listTimes, 90))}, first list ${ms(cold)});  JSON.stringify of the same list: median ${ms(stringify)}`,
  );
  console.log(`ratio list/stringify ${ratio.toFixed(2)}x (target <= 1.5x) ${ratio <= 1.5 ? 'MET' : 'NOT MET'}`);
}

// ---- main ------------------------------------------------------------------------------------

console.log(`watch benchmark: ${RATE} writes/s for ${SECONDS}s per run, watchers ${WATCHERS.join(', ')}; server: ${serverCommand()[0]!.slice(root.length)}`);
for (const n of WATCHERS) {
  // A fresh server per scenario, so one run's connections do not weigh on the next.
  const dir = await mkdtemp(join(tmpdir(), 'kapi-bench-watch-'));
  const { url, child } = await startServer(dir);
  try {
    await watchScenario(url, child.pid!, n);
  } finally {
    await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}
{
  const dir = await mkdtemp(join(tmpdir(), 'kapi-bench-watch-'));
  const { url, child } = await startServer(dir);
  try {
    await listScenario(url);
  } finally {
    await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}
agent.destroy();
