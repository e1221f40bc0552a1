// The setup every kubectl acceptance suite shares: one test server per suite (skipped when the
// generated groups are not served), and per test a fresh work directory with its own --cache-dir
// (kubectl caches discovery per host:port) used as HOME too, so no user config leaks in. Call it
// inside a `describe`: it installs the mocha hooks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, USING_GENERATED, type TestServer } from '../server/testserver.js';
import { type KubectlResult, runKubectl } from './kubectl-binary.js';

export interface KubectlSession {
  /** The suite's server (set once `before` ran). */
  readonly server: TestServer;
  /** This test's scratch directory (manifests go here). */
  readonly work: string;
  /** Runs the chosen kubectl against the server, with this test's cache dir. */
  kubectl(...args: string[]): Promise<KubectlResult>;
}

export function kubectlSession(workPrefix: string): KubectlSession {
  let server: TestServer | undefined;
  let work = '';
  before(async function () {
    // The manifests these suites use are only served by the generated groups.
    if (!USING_GENERATED) this.skip();
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), workPrefix));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });
  return {
    get server() {
      if (server === undefined) throw new Error('the kubectl session has no server yet (used outside a test?)');
      return server;
    },
    get work() {
      return work;
    },
    kubectl(...args) {
      return runKubectl({ kubeconfig: this.server.kubeconfig, cacheDir: join(work, 'cache'), home: work }, args);
    },
  };
}
