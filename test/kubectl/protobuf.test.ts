// End-to-end: kubectl commands that send their request body as Kubernetes protobuf
// (`application/vnd.kubernetes.protobuf`): create namespace/configmap/secret, and the access
// reviews behind `kubectl auth can-i`. The client is KAPI_KUBECTL (1.32 by default, see
// kubectl-binary.ts). Each command runs with -v=8 so the test can read, from kubectl's own request
// log, which Content-Type it really sent; the server decodes either and answers in JSON. A fresh
// --cache-dir per test keeps discovery uncached.
import { expect } from 'chai';
import { join } from 'node:path';
import { kubectlSession } from './session.js';
import { KUBECTL, type KubectlResult, kubectlMinor } from './kubectl-binary.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const JSON_TYPE = 'application/json';

/**
 * What these create commands send. kubectl 1.32 made its built-in clients prefer protobuf; the
 * installed 1.27..1.31 clients send the same requests as JSON (checked with -v=8 for each).
 */
const SENT_TYPE = kubectlMinor() >= 32 ? PROTOBUF : JSON_TYPE;

/**
 * The Content-Type kubectl logged (-v=8) for its POST to `path`. Covers both log layouts: the
 * line-per-header one (up to 1.32: `POST <url>`, then `Request Headers:` lines) and the
 * structured one (1.33: `"Request" verb="POST" url="<url>" headers=<` and indented lines).
 * The request's headers end where the log of its response starts.
 */
function postedContentType(log: string, path: string): string | undefined {
  const lines = log.split('\n');
  const start = lines.findIndex((l) => (/\] POST \S+/.test(l) || /"Request" verb="POST"/.test(l)) && l.includes(`${path}`));
  if (start < 0) return undefined;
  for (const line of lines.slice(start)) {
    if (line !== lines[start] && /Response Status:|"Response" status=/.test(line)) break;
    const m = /^\s*(?:I\d+ [\d:.]+\s+\d+ \S+\]\s+)?Content-Type: (\S+)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

describe(`kubectl sends protobuf bodies (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(60_000);
  const session = kubectlSession('kapi-kubectl-pb-');
  const kubectl = (...args: string[]): Promise<KubectlResult> => session.kubectl(...args);

  async function ok(...args: string[]): Promise<KubectlResult> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(-3000)}\nlogs: ${session.server.logs().slice(-2000)}`).to.equal(0);
    return r;
  }

  /** Runs a create with -v=8 and checks the Content-Type (and, for protobuf, the body's magic). */
  async function createLogged(path: string, ...args: string[]): Promise<string> {
    const r = await ok(...args, '-v=8');
    expect(postedContentType(r.stderr, path), `Content-Type of POST ${path}\n${r.stderr.slice(-3000)}`).to.equal(SENT_TYPE);
    // A protobuf body starts with the 4-byte magic "k8s\0", which kubectl's hex dump shows.
    if (SENT_TYPE === PROTOBUF) expect(r.stderr).to.match(/"Request Body" body=<\n\s*00000000 {2}6b 38 73 00 /);
    else expect(r.stderr).to.match(/Request Body: \{"kind":/);
    return r.stdout;
  }

  it('finds the Content-Type in both -v=8 log layouts', () => {
    const lineLayout = [
      'I1204 04:35:37.182662   11375 round_trippers.go:470] POST http://127.0.0.1:1/api/v1/namespaces?fieldManager=kubectl-create',
      'I1204 04:35:37.182670   11375 round_trippers.go:476] Request Headers:',
      'I1204 04:35:37.182679   11375 round_trippers.go:480]     Content-Type: application/vnd.kubernetes.protobuf',
      'I1204 04:35:37.187700   11375 round_trippers.go:581] Response Status: 201 Created in 4 milliseconds',
      'I1204 04:35:37.187793   11375 round_trippers.go:587]     Content-Type: application/json',
    ].join('\n');
    expect(postedContentType(lineLayout, '/api/v1/namespaces')).to.equal(PROTOBUF);
    const structured = [
      'I1204 04:35:37.365563   11381 round_trippers.go:527] "Request" verb="POST" url="http://127.0.0.1:1/api/v1/namespaces?x=y" headers=<',
      '\tAccept: application/vnd.kubernetes.protobuf,application/json',
      '\tContent-Type: application/json',
      ' >',
      'I1204 04:35:37.366000   11381 round_trippers.go:632] "Response" status="201 Created" headers=<',
      '\tContent-Type: application/vnd.kubernetes.protobuf',
    ].join('\n');
    expect(postedContentType(structured, '/api/v1/namespaces')).to.equal(JSON_TYPE);
    expect(postedContentType(structured, '/api/v1/secrets')).to.equal(undefined);
  });

  it('kubectl create namespace', async () => {
    expect(await createLogged('/api/v1/namespaces?', 'create', 'namespace', 'pb-ns')).to.contain('namespace/pb-ns created');
    const res = await session.server.get('/api/v1/namespaces/pb-ns');
    expect(res.status).to.equal(200);
    expect(res.body.metadata.name).to.equal('pb-ns');
    expect(res.body.status.phase).to.equal('Active');
  });

  it('kubectl create configmap --from-literal', async () => {
    const out = await createLogged('/api/v1/namespaces/default/configmaps?', 'create', 'configmap', 'pb-cm', '--from-literal=a=b', '--from-literal=c=d');
    expect(out).to.contain('configmap/pb-cm created');
    const res = await session.server.get('/api/v1/namespaces/default/configmaps/pb-cm');
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal({ a: 'b', c: 'd' });
    expect(res.body.metadata.uid).to.be.a('string').and.not.equal('');
  });

  it('kubectl create secret generic stores the value base64-encoded', async () => {
    const out = await createLogged('/api/v1/namespaces/default/secrets?', 'create', 'secret', 'generic', 'pb-secret', '--from-literal=k=v');
    expect(out).to.contain('secret/pb-secret created');
    const res = await session.server.get('/api/v1/namespaces/default/secrets/pb-secret');
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal({ k: Buffer.from('v').toString('base64') });
    expect(res.body.type).to.equal('Opaque');
  });

  it('kubectl auth can-i create widgets says yes', async () => {
    const review = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
    const r = await ok('auth', 'can-i', 'create', 'widgets', '-v=8');
    expect(r.stdout.trim()).to.equal('yes');
    // The SelfSubjectAccessReview goes the same way as the creates above (protobuf from 1.32).
    expect(postedContentType(r.stderr, review), r.stderr.slice(-3000)).to.equal(SENT_TYPE);
    expect((await ok('auth', 'can-i', 'delete', 'namespaces', '--all-namespaces')).stdout.trim()).to.equal('yes');
    expect((await ok('auth', 'can-i', 'get', '/healthz')).stdout.trim()).to.equal('yes');
  });

  it('kubectl auth whoami names the anonymous user (kapi has no authentication)', async () => {
    // kubectl 1.28 and later ask authentication.k8s.io/v1; 1.27 asks v1beta1 (v1 did not exist yet).
    const version = kubectlMinor() >= 28 ? 'v1' : 'v1beta1';
    const r = await ok('auth', 'whoami', '-v=8');
    expect(r.stdout).to.match(/^ATTRIBUTE\s+VALUE\nUsername\s+system:anonymous\nGroups\s+\[system:unauthenticated\]\n$/);
    expect(postedContentType(r.stderr, `/apis/authentication.k8s.io/${version}/selfsubjectreviews`), r.stderr.slice(-3000)).to.equal(SENT_TYPE);
  });

  it('kubectl auth can-i --list shows the allow-everything rules', async () => {
    const out = (await ok('auth', 'can-i', '--list')).stdout;
    const lines = out.trim().split('\n');
    expect(lines[0]).to.match(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs/);
    expect(out).to.match(/\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
    expect(out).to.match(/\s+\[\*\]\s+\[\]\s+\[\*\]/);
  });

  it('access reviews are create-only and never stored', async () => {
    const res = await session.server.get('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
    expect(res.status).to.equal(405);
  });
});
