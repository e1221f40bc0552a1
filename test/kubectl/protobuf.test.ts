// End-to-end: kubectl commands that send their request body as Kubernetes protobuf
// (`application/vnd.kubernetes.protobuf`): create namespace/configmap/secret, and the access
// reviews behind `kubectl auth can-i`. The server decodes them with the generated decoders and
// answers in JSON. A fresh --cache-dir per test keeps discovery uncached.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, USING_GENERATED, type TestServer } from '../server/testserver.js';

const KUBECTL = existsSync('/usr/bin/kubectl') ? '/usr/bin/kubectl' : '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('kubectl sends protobuf bodies', function () {
  this.timeout(60_000);
  let server: TestServer;
  let cacheDir: string;

  before(async function () {
    if (!USING_GENERATED || !existsSync(KUBECTL)) this.skip();
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'kapi-kubectl-pb-cache-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  function kubectl(...args: string[]): Promise<Result> {
    return new Promise((resolve) => {
      execFile(
        KUBECTL,
        ['--kubeconfig', server.kubeconfig, '--cache-dir', cacheDir, ...args],
        { timeout: 30_000, env: { ...process.env, KUBECONFIG: '', HOME: cacheDir } },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}\nlogs: ${server.logs().slice(-2000)}`).to.equal(0);
    return r.stdout;
  }

  it('kubectl create namespace', async () => {
    expect(await ok('create', 'namespace', 'pb-ns')).to.contain('namespace/pb-ns created');
    const res = await server.get('/api/v1/namespaces/pb-ns');
    expect(res.status).to.equal(200);
    expect(res.body.metadata.name).to.equal('pb-ns');
    expect(res.body.status.phase).to.equal('Active');
  });

  it('kubectl create configmap --from-literal', async () => {
    expect(await ok('create', 'configmap', 'pb-cm', '--from-literal=a=b', '--from-literal=c=d')).to.contain('configmap/pb-cm created');
    const res = await server.get('/api/v1/namespaces/default/configmaps/pb-cm');
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal({ a: 'b', c: 'd' });
    expect(res.body.metadata.uid).to.be.a('string').and.not.equal('');
  });

  it('kubectl create secret generic stores the value base64-encoded', async () => {
    expect(await ok('create', 'secret', 'generic', 'pb-secret', '--from-literal=k=v')).to.contain('secret/pb-secret created');
    const res = await server.get('/api/v1/namespaces/default/secrets/pb-secret');
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal({ k: Buffer.from('v').toString('base64') });
    expect(res.body.type).to.equal('Opaque');
  });

  it('kubectl auth can-i create widgets says yes', async () => {
    expect((await ok('auth', 'can-i', 'create', 'widgets')).trim()).to.equal('yes');
    expect((await ok('auth', 'can-i', 'delete', 'namespaces', '--all-namespaces')).trim()).to.equal('yes');
    expect((await ok('auth', 'can-i', 'get', '/healthz')).trim()).to.equal('yes');
  });

  it('kubectl auth can-i --list shows the allow-everything rules', async () => {
    const out = await ok('auth', 'can-i', '--list');
    const lines = out.trim().split('\n');
    expect(lines[0]).to.match(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs/);
    expect(out).to.match(/\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
    expect(out).to.match(/\s+\[\*\]\s+\[\]\s+\[\*\]/);
  });

  it('access reviews are create-only and never stored', async () => {
    const res = await server.get('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
    expect(res.status).to.equal(405);
  });
});
