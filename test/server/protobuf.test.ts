// HTTP: create/update bodies sent as Kubernetes protobuf (`application/vnd.kubernetes.protobuf`)
// go through the normal pipeline (type meta check, defaults, validation, conversion) and are
// answered in JSON; kinds without a decoder answer 415; bad bytes answer 400. The access reviews
// of authorization.k8s.io are create-only and never stored.
import { expect } from 'chai';
import { concat, entry, envelope, len, msg, num } from '../support/protobuf.js';
import { startTestServer, USING_GENERATED, WIDGETS, type TestServer } from './testserver.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const KUBECTL_ACCEPT = 'application/vnd.kubernetes.protobuf,application/json';

function meta(name: string, ...more: Uint8Array[]): Uint8Array {
  return msg(1, len(1, name), len(2, ''), len(3, ''), num(7, 0), len(8, new Uint8Array(0)), ...more);
}

describe('protobuf request bodies over HTTP', function () {
  this.timeout(30_000);
  let server: TestServer;

  before(async function () {
    if (!USING_GENERATED) this.skip();
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
  });

  const post = (path: string, body: Uint8Array, contentType = PROTOBUF) =>
    server.request('POST', path, { raw: body, headers: { 'content-type': contentType, accept: KUBECTL_ACCEPT } });

  it('creates a ConfigMap from protobuf and answers in JSON', async () => {
    const raw = concat(meta('pb1', entry(11, 'app', 'web')), entry(2, 'a', 'b'), entry(3, 'bin', Uint8Array.from([0xde, 0xad])));
    const res = await post('/api/v1/namespaces/default/configmaps', envelope('v1', 'ConfigMap', raw));
    expect(res.status, res.text).to.equal(201);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(res.body).to.include({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(res.body.metadata).to.include({ name: 'pb1', namespace: 'default' });
    expect(res.body.metadata.labels).to.deep.equal({ app: 'web' });
    expect(res.body.data).to.deep.equal({ a: 'b' });
    expect(res.body.binaryData).to.deep.equal({ bin: '3q0=' });
    const stored = await server.get('/api/v1/namespaces/default/configmaps/pb1');
    expect(stored.body.data).to.deep.equal({ a: 'b' });
  });

  it('applies defaults and validation to protobuf bodies', async () => {
    const secret = await post('/api/v1/namespaces/default/secrets', envelope('v1', 'Secret', concat(meta('pb-s'), entry(2, 'k', 'v'))));
    expect(secret.status, secret.text).to.equal(201);
    expect(secret.body.type).to.equal('Opaque'); // the @default, since the empty type is absent
    expect(secret.body.data).to.deep.equal({ k: 'dg==' });
    const bad = await post('/api/v1/namespaces/default/configmaps', envelope('v1', 'ConfigMap', meta('Not_Valid')));
    expect(bad.status).to.equal(422);
    expect(bad.body.reason).to.equal('Invalid');
  });

  it('updates with a protobuf body', async () => {
    const current = await server.get('/api/v1/namespaces/default/configmaps/pb1');
    const raw = concat(meta('pb1', len(6, current.body.metadata.resourceVersion)), entry(2, 'a', 'changed'));
    const res = await server.request('PUT', '/api/v1/namespaces/default/configmaps/pb1', {
      raw: envelope('v1', 'ConfigMap', raw),
      headers: { 'content-type': PROTOBUF },
    });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.data).to.deep.equal({ a: 'changed' });
  });

  it('checks the envelope type meta against the URL', async () => {
    const wrongKind = await post('/api/v1/namespaces/default/configmaps', envelope('v1', 'Secret', meta('x')));
    expect(wrongKind.status).to.equal(400);
    expect(wrongKind.body.message).to.match(/must be of type ConfigMap/);
    const wrongVersion = await post('/api/v1/namespaces/default/configmaps', envelope('v2', 'ConfigMap', meta('x')));
    expect(wrongVersion.status).to.equal(400);
  });

  it('answers 400 for malformed protobuf, never a 500', async () => {
    const bodies = [
      new TextEncoder().encode('{"apiVersion":"v1"}'),
      Uint8Array.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xff]),
      envelope('v1', 'ConfigMap', Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])),
      envelope('v1', 'ConfigMap', Uint8Array.from([0x20, 0x80])),
    ];
    for (const body of bodies) {
      const res = await post('/api/v1/namespaces/default/configmaps', body);
      expect(res.status, res.text).to.equal(400);
      expect(res.body).to.include({ kind: 'Status', reason: 'BadRequest' });
    }
  });

  it('answers 415 for a kind without a decoder, listing what it accepts', async () => {
    const res = await post(WIDGETS('default'), envelope('example.com/v1', 'Widget', meta('w')));
    expect(res.status).to.equal(415);
    expect(res.body.reason).to.equal('UnsupportedMediaType');
    expect(res.body.message).to.contain('application/json, application/yaml');
    expect(res.body.message).to.not.contain('protobuf');
    const other = await post('/api/v1/namespaces/default/configmaps', new Uint8Array(1), 'text/plain');
    expect(other.status).to.equal(415);
    expect(other.body.message).to.contain('application/json, application/yaml, application/vnd.kubernetes.protobuf');
  });

  it('answers access reviews (JSON and protobuf) without storing them', async () => {
    const ssar = await server.post(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'delete', resource: 'widgets', group: 'example.com' } },
        status: { allowed: false },
      },
    );
    expect(ssar.status, ssar.text).to.equal(201);
    expect(ssar.body.status).to.deep.equal({ allowed: true, reason: 'kapi has no authorization: everything is allowed' });
    expect(ssar.body.spec.resourceAttributes.verb).to.equal('delete');

    const ssrr = await post(
      '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
      envelope('authorization.k8s.io/v1', 'SelfSubjectRulesReview', concat(meta(''), msg(2, len(1, 'default')), msg(3, num(3, false)))),
    );
    expect(ssrr.status, ssrr.text).to.equal(201);
    expect(ssrr.body.status).to.deep.equal({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });

    for (const [method, path] of [
      ['GET', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'],
      ['GET', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/x'],
      ['DELETE', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews/x'],
    ] as const) {
      expect((await server.request(method, path)).status, `${method} ${path}`).to.equal(405);
    }
  });
});
