// List with labelSelector and fieldSelector against the real server: label syntax, metadata
// fields on every kind, the versions' selectable fields (Widget v1 spec.color, v1alpha1
// spec.paint), and kube's 400 Status for bad selectors.
import { expect } from 'chai';
import { type Response, type TestServer, USING_GENERATED, configMap, namespace, startTestServer } from './testserver.js';

const V1 = '/apis/example.com/v1';
const V1ALPHA1 = '/apis/example.com/v1alpha1';

function names(res: Response): string[] {
  expect(res.status, res.text).to.equal(200);
  return (res.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name).sort();
}

function query(params: Record<string, string>): string {
  return '?' + new URLSearchParams(params).toString();
}

function expectBadRequest(res: Response, message: string): void {
  expect(res.status, res.text).to.equal(400);
  expect(res.body).to.deep.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400, message });
}

describe('server list selectors', function () {
  this.timeout(60_000);
  let s: TestServer;

  before(async function () {
    if (!USING_GENERATED) this.skip(); // needs the generated example.com v1/v1alpha1 and @selectableField
    s = await startTestServer();
    for (const ns of ['sel-a', 'sel-b', 'sel-c']) expect((await s.post('/api/v1/namespaces', namespace(ns))).status).to.equal(201);
    const widgets: [string, string, Record<string, unknown>, Record<string, string> | undefined][] = [
      ['sel-a', 'red-web', { color: 'red' }, { app: 'web', tier: 'front' }],
      ['sel-a', 'blue-db', { color: 'blue' }, { app: 'db', tier: 'back' }],
      ['sel-a', 'plain', {}, undefined],
      ['sel-b', 'red-b', { color: 'red' }, { app: 'web', 'example.com/team': 'b' }],
    ];
    for (const [ns, name, spec, labels] of widgets) {
      const body = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, ...(labels ? { labels } : {}) }, spec };
      const res = await s.post(`${V1}/namespaces/${ns}/widgets`, body);
      expect(res.status, res.text).to.equal(201);
    }
  });
  after(async () => {
    await s?.stop();
  });

  const widgetsA = (version = V1) => `${version}/namespaces/sel-a/widgets`;

  describe('labelSelector', () => {
    it('selects with =, ==, != and AND', async () => {
      expect(names(await s.get(widgetsA() + query({ labelSelector: 'app=web' })))).to.deep.equal(['red-web']);
      expect(names(await s.get(widgetsA() + query({ labelSelector: 'app==db' })))).to.deep.equal(['blue-db']);
      expect(names(await s.get(widgetsA() + query({ labelSelector: 'app!=web' })))).to.deep.equal(['blue-db', 'plain']);
      expect(names(await s.get(widgetsA() + query({ labelSelector: 'app=web,tier=back' })))).to.deep.equal([]);
    });

    it('selects with in, notin, exists and !key', async () => {
      expect(names(await s.get(widgetsA() + query({ labelSelector: 'app in (web, db)' })))).to.deep.equal(['blue-db', 'red-web']);
      expect(names(await s.get(widgetsA() + query({ labelSelector: 'tier notin (front)' })))).to.deep.equal(['blue-db', 'plain']);
      expect(names(await s.get(widgetsA() + query({ labelSelector: 'tier' })))).to.deep.equal(['blue-db', 'red-web']);
      expect(names(await s.get(widgetsA() + query({ labelSelector: '!tier' })))).to.deep.equal(['plain']);
    });

    it('works across namespaces, with prefixed keys, and at every version', async () => {
      expect(names(await s.get(`${V1}/widgets` + query({ labelSelector: 'app=web' })))).to.deep.equal(['red-b', 'red-web']);
      expect(names(await s.get(`${V1}/widgets` + query({ labelSelector: 'example.com/team=b' })))).to.deep.equal(['red-b']);
      expect(names(await s.get(widgetsA(V1ALPHA1) + query({ labelSelector: 'app=web' })))).to.deep.equal(['red-web']);
    });

    it('fills pages with selected objects only', async () => {
      const first = await s.get(`${V1}/widgets` + query({ labelSelector: 'app', limit: '1' }));
      expect(names(first)).to.have.length(1);
      expect(first.body.metadata.continue).to.be.a('string');
      const second = await s.get(`${V1}/widgets` + query({ labelSelector: 'app', limit: '5', continue: first.body.metadata.continue }));
      expect([...names(first), ...names(second)].sort()).to.deep.equal(['blue-db', 'red-b', 'red-web']);
    });

    it('answers 400 with kube messages for invalid selectors', async () => {
      expectBadRequest(await s.get(widgetsA() + query({ labelSelector: 'app in' })), "unable to parse requirement: found '' expected: '('");
      expectBadRequest(await s.get(widgetsA() + query({ labelSelector: 'app=web,' })), "found '', expected: identifier after ','");
      const res = await s.get(widgetsA() + query({ labelSelector: 'app:web' }));
      expect(res.status).to.equal(400);
      expect(res.body.message).to.match(/^unable to parse requirement: <nil>: Invalid value: "app:web": name part must consist of/);
      const value = await s.get(widgetsA() + query({ labelSelector: 'app=a b' }));
      expectBadRequest(value, "found 'b', expected: ',' or 'end of string'");
    });
  });

  describe('fieldSelector', () => {
    it('selects by metadata.name and metadata.namespace', async () => {
      expect(names(await s.get(widgetsA() + query({ fieldSelector: 'metadata.name=plain' })))).to.deep.equal(['plain']);
      expect(names(await s.get(widgetsA() + query({ fieldSelector: 'metadata.name!=plain' })))).to.deep.equal(['blue-db', 'red-web']);
      expect(names(await s.get(`${V1}/widgets` + query({ fieldSelector: 'metadata.namespace==sel-b' })))).to.deep.equal(['red-b']);
      expect(names(await s.get(`${V1}/widgets` + query({ fieldSelector: 'metadata.namespace=sel-a,metadata.name=red-web' })))).to.deep.equal([
        'red-web',
      ]);
    });

    it('selects widgets by spec.color at v1 and by spec.paint at v1alpha1', async () => {
      expect(names(await s.get(`${V1}/widgets` + query({ fieldSelector: 'spec.color=red' })))).to.deep.equal(['red-b', 'red-web']);
      expect(names(await s.get(widgetsA() + query({ fieldSelector: 'spec.color!=red' })))).to.deep.equal(['blue-db', 'plain']);
      expect(names(await s.get(widgetsA() + query({ fieldSelector: 'spec.color=' })))).to.deep.equal(['plain']); // absent reads as ""
      expect(names(await s.get(`${V1ALPHA1}/widgets` + query({ fieldSelector: 'spec.paint=red' })))).to.deep.equal(['red-b', 'red-web']);
      expect(names(await s.get(widgetsA(V1ALPHA1) + query({ fieldSelector: 'spec.paint==blue' })))).to.deep.equal(['blue-db']);
    });

    it('combines label and field selectors', async () => {
      const url = `${V1}/widgets` + query({ labelSelector: 'app=web', fieldSelector: 'metadata.namespace=sel-a,spec.color=red' });
      expect(names(await s.get(url))).to.deep.equal(['red-web']);
    });

    it('selects built-in kinds by their fields', async () => {
      const secret = (name: string, type?: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...(type ? { type } : {}) });
      expect((await s.post('/api/v1/namespaces/sel-a/secrets', secret('opaque'))).status).to.equal(201);
      expect((await s.post('/api/v1/namespaces/sel-a/secrets', secret('custom', 'example.com/custom'))).status).to.equal(201);
      expect(names(await s.get('/api/v1/namespaces/sel-a/secrets' + query({ fieldSelector: 'type=Opaque' })))).to.deep.equal(['opaque']);
      expect(names(await s.get('/api/v1/namespaces' + query({ fieldSelector: 'metadata.name=sel-b,status.phase=Active' })))).to.deep.equal([
        'sel-b',
      ]);
      expect((await s.post('/api/v1/namespaces/sel-a/configmaps', configMap('cm1'))).status).to.equal(201);
      expect(names(await s.get('/api/v1/namespaces/sel-a/configmaps' + query({ fieldSelector: 'metadata.name=cm1' })))).to.deep.equal(['cm1']);
    });

    it('answers 400 for unknown fields and bad syntax', async () => {
      expectBadRequest(await s.get(widgetsA() + query({ fieldSelector: 'spec.foo=x' })), 'field label not supported: spec.foo');
      expectBadRequest(await s.get(widgetsA(V1ALPHA1) + query({ fieldSelector: 'spec.color=red' })), 'field label not supported: spec.color');
      expectBadRequest(await s.get(widgetsA() + query({ fieldSelector: 'spec.paint=red' })), 'field label not supported: spec.paint');
      expectBadRequest(
        await s.get('/api/v1/namespaces/sel-a/configmaps' + query({ fieldSelector: 'spec.foo=x' })),
        '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
      );
      expectBadRequest(await s.get(widgetsA() + query({ fieldSelector: 'metadata.name' })), "invalid selector: 'metadata.name'; can't understand 'metadata.name'");
      expectBadRequest(await s.get(widgetsA() + query({ fieldSelector: 'metadata.name=a=b' })), 'invalid field selector: unescaped character in value: =');
    });
  });

  it('deletecollection deletes only the selected objects', async () => {
    for (const name of ['dc-1', 'dc-2']) {
      const body = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, labels: { batch: name } }, spec: { color: 'green' } };
      expect((await s.post(`${V1}/namespaces/sel-c/widgets`, body)).status).to.equal(201);
    }
    const res = await s.request('DELETE', `${V1}/namespaces/sel-c/widgets` + query({ labelSelector: 'batch=dc-1' }));
    expect(names(res)).to.deep.equal(['dc-1']);
    expect(names(await s.get(`${V1}/namespaces/sel-c/widgets` + query({ fieldSelector: 'spec.color=green' })))).to.deep.equal(['dc-2']);
    expectBadRequest(await s.request('DELETE', `${V1}/namespaces/sel-c/widgets` + query({ fieldSelector: 'spec.x=1' })), 'field label not supported: spec.x');
  });
});
