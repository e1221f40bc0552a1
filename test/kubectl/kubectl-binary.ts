// Which kubectl the acceptance tests run, so one suite covers the version matrix:
// KAPI_KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.27 npx mocha test/kubectl/x.test.ts
// runs it with 1.27; unset, the 1.32 client is used (not /usr/bin/kubectl, which picks a client
// from the server's reported version and so would hide the matrix). `make test-kubectl-matrix`
// runs every test/kubectl/*.test.ts with 1.27, 1.32 and 1.33.
import { execFile, execFileSync } from 'node:child_process';

export const KUBECTL_ENV = 'KAPI_KUBECTL';
export const DEFAULT_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** The kubectl binary the tests run: $KAPI_KUBECTL, else the 1.32 client. */
export const KUBECTL: string = process.env[KUBECTL_ENV] || DEFAULT_KUBECTL;

let minor: number | undefined;

/** The client's minor version (27 for 1.27), from the file name or `kubectl version --client`. */
export function kubectlMinor(): number {
  if (minor !== undefined) return minor;
  const named = /kubectl\.1\.(\d+)$/.exec(KUBECTL);
  if (named) minor = Number(named[1]);
  else {
    const out = execFileSync(KUBECTL, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    minor = Number.parseInt(String((JSON.parse(out) as { clientVersion: { minor: string } }).clientVersion.minor), 10);
  }
  return minor;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlRun {
  kubeconfig: string;
  /** A fresh directory per test: discovery and OpenAPI are then fetched from the server. */
  cacheDir: string;
  /** HOME for kubectl (defaults to cacheDir), so no user config leaks in. */
  home?: string;
  timeoutMs?: number;
  /** Text fed to stdin (for `-f -`). */
  input?: string;
}

/** Runs the chosen kubectl against a test server; never rejects (the exit code is in the result). */
export function runKubectl(run: KubectlRun, args: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      ['--kubeconfig', run.kubeconfig, '--cache-dir', run.cacheDir, ...args],
      { timeout: run.timeoutMs ?? 30_000, env: { ...process.env, KUBECONFIG: '', HOME: run.home ?? run.cacheDir } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (run.input !== undefined) child.stdin?.end(run.input);
    else child.stdin?.end();
  });
}
