// CRUD benchmark: kapi's create and get throughput and p99 latency against a bare Koa + LevelDB
// server (bench/crud-bare.ts) doing one durable put / one get per request, in the same run.
// Targets: create >= 0.6x and get >= 0.8x of bare.
//
// Both servers run compiled (dist/, so `make bench` builds first) in their own child process; the
// load comes from autocannon in this process. The two servers run one after the other, never at
// the same time, so they do not compete for the machine's two cores.
//
// Run: make bench   (or: npx tsc -p . && npx tsx bench/crud.ts [--seconds 10] [--connections 50])

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 10);
const CONNECTIONS = option('connections', 50);

interface Target {
  name: string;
  command: string[];
  getPath: string;
  /** The create body for a given object name. */
  body: (name: string) => string;
  /** Where a create of that name goes. */
  createPathFor: (name: string) => string;
}

interface Result {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

// The same ~300-byte ConfigMap for both servers.
const configMap = (name: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', labels: { app: 'bench', tier: 'backend' } },
    data: { 'app.properties': 'mode=fast\nlevel=3\n', greeting: 'hello', region: 'eu-west-1' },
  });

/** Starts a server process and resolves with its base URL once it prints "listening on ...". */
async function startServer(command: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, command, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function load(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, res) => {
      if (err) return reject(err);
      resolve({ rps: res.requests.average, p99: res.latency.p99, errors: res.errors, non2xx: res.non2xx });
    });
  });
}

async function measure(target: Target): Promise<{ create: Result; get: Result }> {
  const dir = await mkdtemp(join(tmpdir(), 'kapi-bench-crud-'));
  const { url, child } = await startServer([...target.command, dir]);
  try {
    // Every create gets a fresh DNS-1123 name (autocannon's own ids contain upper case).
    let counter = 0;
    const headers = { 'content-type': 'application/json' };
    const post = {
      url,
      connections: CONNECTIONS,
      requests: [
        {
          setupRequest: (req: autocannon.Request) => {
            const name = `cm-${++counter}`;
            return { ...req, method: 'POST' as const, path: target.createPathFor(name), headers: { ...headers }, body: target.body(name) };
          },
        },
      ],
    };
    await load({ ...post, duration: 2 }); // warm-up: JIT, LevelDB files
    const create = await load({ ...post, duration: SECONDS });
    // One known object for the get phase.
    const seed = await fetch(url + target.createPathFor('cm-seed'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: target.body('cm-seed') });
    if (!seed.ok) throw new Error(`seed create failed: ${seed.status} ${await seed.text()}`);
    const get = { url: url + target.getPath, method: 'GET' as const, connections: CONNECTIONS };
    await load({ ...get, duration: 2 });
    return { create, get: await load({ ...get, duration: SECONDS }) };
  } finally {
    await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}

for (const built of ['dist/bin/apiserver.js', 'dist/bench/crud-bare.js']) {
  if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run 'npx tsc -p .' (make bench does)`);
}

const bare: Target = {
  name: 'bare Koa + LevelDB',
  command: ['dist/bench/crud-bare.js'],
  createPathFor: (name) => `/items/${name}`,
  getPath: '/items/cm-seed',
  body: configMap,
};
const kapi: Target = {
  name: 'kapi',
  command: ['dist/bin/apiserver.js', '--bind-address', '127.0.0.1', '--port', '0', '--data-dir'],
  createPathFor: () => '/api/v1/namespaces/default/configmaps',
  getPath: '/api/v1/namespaces/default/configmaps/cm-seed',
  body: configMap,
};

console.log(`CRUD benchmark: ${CONNECTIONS} connections, ${SECONDS}s per phase, durable (synced) writes`);
const baseline = await measure(bare);
const ours = await measure(kapi);

const row = (name: string, r: { create: Result; get: Result }) =>
  `${name.padEnd(20)} create ${r.create.rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.create.p99).padStart(4)} ms` +
  `   get ${r.get.rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.get.p99).padStart(4)} ms` +
  `   errors ${r.create.errors + r.get.errors}, non-2xx ${r.create.non2xx + r.get.non2xx}`;
console.log(row(bare.name + ' (base)', baseline));
console.log(row(kapi.name, ours));
const createRatio = ours.create.rps / baseline.create.rps;
const getRatio = ours.get.rps / baseline.get.rps;
console.log(`ratio create ${createRatio.toFixed(2)}x of bare (target >= 0.6x) ${createRatio >= 0.6 ? 'MET' : 'NOT MET'}`);
console.log(`ratio get    ${getRatio.toFixed(2)}x of bare (target >= 0.8x) ${getRatio >= 0.8 ? 'MET' : 'NOT MET'}`);
