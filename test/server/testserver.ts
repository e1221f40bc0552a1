// startTestServer(): spawns the real apiserver command (bin/apiserver, or the fixture entry when
// generated/ does not exist yet) on 127.0.0.1:0 with a temp data dir, waits for its
// `listening on` line, and gives HTTP helpers plus stop/kill/restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GENERATED_INDEX = join(ROOT, 'generated/index.ts');
const FIXTURE_ENTRY = join(ROOT, 'test/fixtures/server/apiserver.ts');
const START_TIMEOUT_MS = 30_000;

/** Which API groups the server under test serves: the real generated ones when they exist. */
export const USING_GENERATED = existsSync(GENERATED_INDEX) && process.env.KAPI_TEST_FIXTURE !== '1';

/** The versions the tests address kinds at (generated api-defs vs the hand-written fixture). */
export const API = USING_GENERATED
  ? {
      widgetApiVersion: 'example.com/v1',
      widgetOldApiVersion: 'example.com/v1alpha1',
      gadgetApiVersion: 'example.com/v1',
      widgetStatus: { replicas: 3 } as Record<string, unknown>,
    }
  : {
      widgetApiVersion: 'example.com/v2',
      widgetOldApiVersion: 'example.com/v1',
      gadgetApiVersion: 'example.com/v2',
      widgetStatus: { ready: true } as Record<string, unknown>,
    };

/** `/apis/example.com/<v>` for the Widget/Gadget version the tests use. */
export const WIDGETS = (ns: string) => `/apis/${API.widgetApiVersion}/namespaces/${ns}/widgets`;
export const GADGETS = `/apis/${API.gadgetApiVersion}/gadgets`;
export const CONFIGMAPS = (ns: string) => `/api/v1/namespaces/${ns}/configmaps`;

export function widget(name: string, spec: Record<string, unknown> = { color: 'red' }, extraMeta: Record<string, unknown> = {}) {
  return { apiVersion: API.widgetApiVersion, kind: 'Widget', metadata: { name, ...extraMeta }, spec };
}

export function configMap(name: string, data: Record<string, string> = { a: '1' }, extraMeta: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extraMeta }, data };
}

export function namespace(name: string) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export interface Response {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body text/bytes, sent as is. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  dataDir: string;
  kubeconfig: string;
  process: ChildProcess;
  /** stderr collected so far (logs), for failure messages. */
  logs(): string;
  request(method: string, path: string, opts?: RequestOptions): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  put(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  del(path: string, body?: unknown): Promise<Response>;
  /** SIGTERM, wait for exit; resolves with the exit code. Removes the data dir unless keepData. */
  stop(opts?: { keepData?: boolean }): Promise<number | null>;
  /** Sends a signal and waits for the process to exit (data dir kept). */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** Reuse a data dir (restart tests); a fresh temp dir otherwise. */
  dataDir?: string;
  args?: string[];
}

function entryArgs(): string[] {
  if (USING_GENERATED) return [join(ROOT, 'bin/apiserver')];
  return ['--import', 'tsx', FIXTURE_ENTRY];
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((res) => child.once('exit', (code) => res(code)));
}

export async function startTestServer(opts: StartOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'kapi-server-test-')));
  const child = spawn(
    process.execPath,
    [...entryArgs(), '--bind-address', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn', ...(opts.args ?? [])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((res, rej) => {
    let stdout = '';
    const timer = setTimeout(() => rej(new Error(`server did not start in time:\n${stderr}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^listening on (http:\/\/\S+)\n/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });

  async function request(method: string, path: string, ro: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(ro.headers ?? {}) };
    let body: string | Uint8Array | undefined = ro.raw;
    if (ro.body !== undefined) {
      body = JSON.stringify(ro.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body: body as BodyInit | undefined });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  const server: TestServer = {
    url,
    dataDir,
    kubeconfig: join(dataDir, 'kubeconfig'),
    process: child,
    logs: () => stderr,
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body, headers) => request('POST', path, { body, headers }),
    put: (path, body, headers) => request('PUT', path, { body, headers }),
    del: (path, body) => request('DELETE', path, body === undefined ? {} : { body }),
    async kill(signal) {
      const exited = waitForExit(child);
      child.kill(signal);
      return exited;
    },
    async stop(so = {}) {
      const code = await server.kill('SIGTERM');
      if (!so.keepData && opts.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  return server;
}
