// The status and scale subresources over HTTP against the real server: what each one may change,
// generation, preconditions, patch types, 404 for kinds without the marker, their discovery and
// OpenAPI entries (v3 and the v2 document kubectl 1.27 reads), and dry-run deletes.
import { expect } from 'chai';
import { CONFIGMAPS, GADGETS, USING_GENERATED, type TestServer, configMap, startTestServer } from './testserver.js';

const W = '/apis/example.com/v1/namespaces/default/widgets';
const WALPHA = '/apis/example.com/v1alpha1/namespaces/default/widgets';
const MERGE = { 'content-type': 'application/merge-patch+json' };
const JSONPATCH = { 'content-type': 'application/json-patch+json' };
const SMP = { 'content-type': 'application/strategic-merge-patch+json' };

describe('subresources: status and scale', function () {
  this.timeout(60_000);
  let s: TestServer;

  before(async function () {
    // Widget with both markers exists in the generated example.com group only.
    if (!USING_GENERATED) this.skip();
    s = await startTestServer();
  });
  after(async () => {
    await s?.stop();
  });

  async function createWidget(name: string, spec: Record<string, unknown> = { color: 'red' }, labels: Record<string, string> = {}) {
    const res = await s.post(W, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, labels }, spec });
    expect(res.status, res.text).to.equal(201);
    return res.body;
  }

  const patch = (path: string, body: unknown, headers: Record<string, string>) =>
    s.request('PATCH', path, { raw: JSON.stringify(body), headers });

  describe('status', () => {
    it('GET /status returns the whole object', async () => {
      const created = await createWidget('st-get');
      const res = await s.get(`${W}/st-get/status`);
      expect(res.status, res.text).to.equal(200);
      expect(res.body.kind).to.equal('Widget');
      expect(res.body.metadata.uid).to.equal(created.metadata.uid);
      expect(res.body.spec.color).to.equal('red');
    });

    it('PUT /status changes status only; spec, labels and annotations stay; generation unchanged', async () => {
      const created = await createWidget('st-put', { color: 'red' }, { keep: 'yes' });
      const body = {
        ...created,
        metadata: { ...created.metadata, labels: { other: 'no' }, annotations: { a: 'b' } },
        spec: { color: 'blue', replicas: 5 },
        status: { replicas: 4, selector: 'app=st-put' },
      };
      const res = await s.put(`${W}/st-put/status`, body);
      expect(res.status, res.text).to.equal(200);
      expect(res.body.status).to.deep.equal({ replicas: 4, selector: 'app=st-put' });
      expect(res.body.spec).to.deep.equal(created.spec);
      expect(res.body.metadata.labels).to.deep.equal({ keep: 'yes' });
      expect(res.body.metadata.annotations).to.equal(undefined);
      expect(res.body.metadata.generation).to.equal(1);
      expect(Number(res.body.metadata.resourceVersion)).to.be.greaterThan(Number(created.metadata.resourceVersion));
    });

    it('PATCH /status (merge) ignores metadata and spec', async () => {
      await createWidget('st-patch', { color: 'red' }, { keep: 'yes' });
      const res = await patch(`${W}/st-patch/status`, { metadata: { labels: { c: 'd' } }, spec: { color: 'x' }, status: { replicas: 2 } }, MERGE);
      expect(res.status, res.text).to.equal(200);
      expect(res.body.status).to.deep.equal({ replicas: 2 });
      expect(res.body.spec.color).to.equal('red');
      expect(res.body.metadata.labels).to.deep.equal({ keep: 'yes' });
      expect(res.body.metadata.generation).to.equal(1);
      const jp = await patch(`${W}/st-patch/status`, [{ op: 'replace', path: '/status/replicas', value: 3 }], JSONPATCH);
      expect(jp.status, jp.text).to.equal(200);
      expect(jp.body.status.replicas).to.equal(3);
    });

    it('a stale resourceVersion on /status is a 409', async () => {
      const created = await createWidget('st-stale');
      await patch(`${W}/st-stale/status`, { status: { replicas: 1 } }, MERGE);
      const res = await s.put(`${W}/st-stale/status`, { ...created, status: { replicas: 9 } });
      expect(res.status, res.text).to.equal(409);
    });

    it('the main resource ignores status changes and bumps generation on spec changes', async () => {
      await createWidget('st-main');
      await patch(`${W}/st-main/status`, { status: { replicas: 2 } }, MERGE);
      const current = (await s.get(`${W}/st-main`)).body;
      const res = await s.put(`${W}/st-main`, { ...current, spec: { ...current.spec, color: 'green' }, status: { replicas: 7 } });
      expect(res.status, res.text).to.equal(200);
      expect(res.body.status).to.deep.equal({ replicas: 2 });
      expect(res.body.metadata.generation).to.equal(2);
      const merged = await patch(`${W}/st-main`, { status: { replicas: 8 } }, MERGE);
      expect(merged.body.status).to.deep.equal({ replicas: 2 });
      expect(merged.body.metadata.generation).to.equal(2);
    });

    it('404 on /status of a kind without the marker', async () => {
      await s.post(GADGETS, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g-st' } });
      expect((await s.get(`${GADGETS}/g-st/status`)).status).to.equal(404);
    });
  });

  describe('scale', () => {
    it('GET /scale is an autoscaling/v1 Scale of the parent', async () => {
      const created = await createWidget('sc-get', { color: 'red', replicas: 2 });
      await patch(`${W}/sc-get/status`, { status: { replicas: 1, selector: 'app=sc-get' } }, MERGE);
      const parent = (await s.get(`${W}/sc-get`)).body;
      const res = await s.get(`${W}/sc-get/scale`);
      expect(res.status, res.text).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json');
      expect(res.body).to.deep.equal({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name: 'sc-get',
          namespace: 'default',
          uid: created.metadata.uid,
          resourceVersion: parent.metadata.resourceVersion,
          creationTimestamp: created.metadata.creationTimestamp,
        },
        spec: { replicas: 2 },
        status: { replicas: 1, selector: 'app=sc-get' },
      });
      // Every version of the kind serves it.
      const alpha = await s.get(`${WALPHA}/sc-get/scale`);
      expect(alpha.status, alpha.text).to.equal(200);
      expect(alpha.body.spec.replicas).to.equal(2);
    });

    it('status.replicas is 0 and spec.replicas omitted when zero', async () => {
      await createWidget('sc-zero', { replicas: 0 });
      const res = await s.get(`${W}/sc-zero/scale`);
      expect(res.body.spec).to.deep.equal({});
      expect(res.body.status).to.deep.equal({ replicas: 0 });
    });

    it('PUT /scale writes spec.replicas of the parent (generation bumped, status kept)', async () => {
      await createWidget('sc-put', { color: 'red', replicas: 1 });
      const scale = (await s.get(`${W}/sc-put/scale`)).body;
      const res = await s.put(`${W}/sc-put/scale`, { ...scale, spec: { replicas: 4 } });
      expect(res.status, res.text).to.equal(200);
      expect(res.body.kind).to.equal('Scale');
      expect(res.body.spec.replicas).to.equal(4);
      const parent = (await s.get(`${W}/sc-put`)).body;
      expect(parent.spec).to.deep.equal({ color: 'red', replicas: 4 });
      expect(parent.metadata.generation).to.equal(2);
      expect(res.body.metadata.resourceVersion).to.equal(parent.metadata.resourceVersion);
    });

    it('PUT /scale with a stale resourceVersion is a 409; without one it always applies', async () => {
      await createWidget('sc-rv');
      const scale = (await s.get(`${W}/sc-rv/scale`)).body;
      await patch(`${W}/sc-rv`, { spec: { color: 'blue' } }, MERGE);
      const stale = await s.put(`${W}/sc-rv/scale`, { ...scale, spec: { replicas: 3 } });
      expect(stale.status, stale.text).to.equal(409);
      expect(stale.body.reason).to.equal('Conflict');
      const { resourceVersion: _rv, ...meta } = scale.metadata;
      const fresh = await s.put(`${W}/sc-rv/scale`, { ...scale, metadata: meta, spec: { replicas: 3 } });
      expect(fresh.status, fresh.text).to.equal(200);
      expect(fresh.body.spec.replicas).to.equal(3);
    });

    it('PATCH /scale: merge, json patch and strategic merge patch (kubectl scale sends merge)', async () => {
      await createWidget('sc-patch');
      const merge = await patch(`${W}/sc-patch/scale`, { spec: { replicas: 3 } }, MERGE);
      expect(merge.status, merge.text).to.equal(200);
      expect(merge.body.spec.replicas).to.equal(3);
      const jp = await patch(`${W}/sc-patch/scale`, [{ op: 'replace', path: '/spec/replicas', value: 5 }], JSONPATCH);
      expect(jp.status, jp.text).to.equal(200);
      expect(jp.body.spec.replicas).to.equal(5);
      const smp = await patch(`${W}/sc-patch/scale`, { spec: { replicas: 6 } }, SMP);
      expect(smp.status, smp.text).to.equal(200);
      expect((await s.get(`${W}/sc-patch`)).body.spec.replicas).to.equal(6);
      const failedTest = await patch(`${W}/sc-patch/scale`, [{ op: 'test', path: '/spec/replicas', value: 1 }], JSONPATCH);
      expect(failedTest.status, failedTest.text).to.equal(422);
      const stale = await patch(`${W}/sc-patch/scale`, { metadata: { resourceVersion: '1' }, spec: { replicas: 2 } }, MERGE);
      expect(stale.status, stale.text).to.equal(409);
      const other = await s.request('PATCH', `${W}/sc-patch/scale`, { raw: '{}', headers: { 'content-type': 'text/plain' } });
      expect(other.status, other.text).to.equal(415);
    });

    it('bad Scale bodies are 4xx: negative replicas 422, wrong kind / name 400', async () => {
      await createWidget('sc-bad');
      const neg = await patch(`${W}/sc-bad/scale`, { spec: { replicas: -1 } }, MERGE);
      expect(neg.status, neg.text).to.equal(422);
      const kind = await s.put(`${W}/sc-bad/scale`, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'sc-bad' } });
      expect(kind.status, kind.text).to.equal(400);
      const name = await s.put(`${W}/sc-bad/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'other' }, spec: { replicas: 1 } });
      expect(name.status, name.text).to.equal(400);
      const notInt = await patch(`${W}/sc-bad/scale`, { spec: { replicas: 'many' } }, MERGE);
      expect(notInt.status, notInt.text).to.equal(400);
      expect((await s.get(`${W}/sc-bad`)).body.spec.replicas).to.equal(1);
    });

    it('dryRun=All on /scale stores nothing', async () => {
      await createWidget('sc-dry');
      const res = await s.request('PATCH', `${W}/sc-dry/scale?dryRun=All`, { raw: '{"spec":{"replicas":9}}', headers: MERGE });
      expect(res.status, res.text).to.equal(200);
      expect(res.body.spec.replicas).to.equal(9);
      expect((await s.get(`${W}/sc-dry`)).body.spec.replicas).to.equal(1);
    });

    it('404 for kinds without a scale marker and for missing objects; 405 for other verbs', async () => {
      await s.post(GADGETS, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g-sc' } });
      expect((await s.get(`${GADGETS}/g-sc/scale`)).status).to.equal(404);
      await s.post(CONFIGMAPS('default'), configMap('cm-sc'));
      expect((await s.get(`${CONFIGMAPS('default')}/cm-sc/scale`)).status).to.equal(404);
      const missing = await s.get(`${W}/nope/scale`);
      expect(missing.status).to.equal(404);
      expect(missing.body.message).to.equal('widgets.example.com "nope" not found');
      await createWidget('sc-405');
      expect((await s.del(`${W}/sc-405/scale`)).status).to.equal(405);
    });
  });

  describe('discovery and OpenAPI', () => {
    it('lists widgets/scale as autoscaling/v1 Scale and widgets/status as Widget', async () => {
      const list = (await s.get('/apis/example.com/v1')).body;
      const scale = list.resources.find((r: { name: string }) => r.name === 'widgets/scale');
      expect(scale).to.deep.equal({
        name: 'widgets/scale',
        singularName: '',
        namespaced: true,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
      const status = list.resources.find((r: { name: string }) => r.name === 'widgets/status');
      expect(status).to.deep.equal({ name: 'widgets/status', singularName: '', namespaced: true, kind: 'Widget', verbs: ['get', 'patch', 'update'] });
      expect(list.resources.find((r: { name: string }) => r.name === 'gadgets/scale')).to.equal(undefined);

      const agg = (await s.get('/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' })).body;
      const group = agg.items.find((g: { metadata: { name: string } }) => g.metadata.name === 'example.com');
      const v1 = group.versions.find((v: { version: string }) => v.version === 'v1');
      const widgets = v1.resources.find((r: { resource: string }) => r.resource === 'widgets');
      expect(widgets.subresources).to.deep.equal([
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' }, verbs: ['get', 'patch', 'update'] },
      ]);
    });

    it('OpenAPI v3 has the scale paths', async () => {
      const doc = (await s.get('/openapi/v3/apis/example.com/v1')).body;
      const item = doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale'];
      expect(item).to.have.keys('get', 'put', 'patch', 'parameters');
      expect(item.get['x-kubernetes-group-version-kind']).to.deep.equal({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
      expect(doc.components.schemas).to.have.property('io.k8s.api.autoscaling.v1.Scale');
    });

    it('OpenAPI v2: JSON and gnostic protobuf, 406 otherwise', async () => {
      const json = await s.get('/openapi/v2', { accept: 'application/json' });
      expect(json.status).to.equal(200);
      expect(json.body.swagger).to.equal('2.0');
      const widget = json.body.definitions['com.example.v1.Widget'] ?? Object.values(json.body.definitions).find(
        (d) => JSON.stringify((d as Record<string, unknown>)['x-kubernetes-group-version-kind']) === JSON.stringify([{ group: 'example.com', version: 'v1', kind: 'Widget' }]),
      );
      expect(widget, 'a Widget definition').to.not.equal(undefined);
      const scalePath = json.body.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale'];
      expect(scalePath.patch.parameters.map((p: { name: string }) => p.name)).to.include('fieldValidation');
      expect(JSON.stringify(json.body)).to.not.contain('#/components/schemas/');

      const pb = await fetch(`${s.url}/openapi/v2`, { headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
      expect(pb.status).to.equal(200);
      expect(pb.headers.get('content-type')).to.equal('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
      const bytes = new Uint8Array(await pb.arrayBuffer());
      // Document.swagger (field 1, length-delimited) = "2.0".
      expect([...bytes.subarray(0, 5)]).to.deep.equal([0x0a, 3, 0x32, 0x2e, 0x30]);
      const etag = pb.headers.get('etag')!;
      const again = await fetch(`${s.url}/openapi/v2`, {
        headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'if-none-match': etag },
      });
      expect(again.status).to.equal(304);
      expect((await s.get('/openapi/v2', { accept: 'text/html' })).status).to.equal(406);
    });
  });

  describe('dry-run deletes', () => {
    it('DELETE ?dryRun=All and a DeleteOptions dryRun keep the object', async () => {
      await createWidget('dry-del');
      const res = await s.request('DELETE', `${W}/dry-del?dryRun=All`);
      expect(res.status, res.text).to.equal(200);
      expect(res.body).to.include({ kind: 'Status', status: 'Success' });
      const body = await s.del(`${W}/dry-del`, { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] });
      expect(body.status, body.text).to.equal(200);
      expect((await s.get(`${W}/dry-del`)).status).to.equal(200);
    });

    it('deletecollection with dryRun=All answers the list and stores nothing', async () => {
      await s.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dry-coll' } });
      for (const n of ['a', 'b', 'c']) {
        expect((await s.post(CONFIGMAPS('dry-coll'), configMap(n))).status).to.equal(201);
      }
      const res = await s.request('DELETE', `${CONFIGMAPS('dry-coll')}?dryRun=All`);
      expect(res.status, res.text).to.equal(200);
      expect(res.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.have.members(['a', 'b', 'c']);
      const viaBody = await s.del(CONFIGMAPS('dry-coll'), { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] });
      expect(viaBody.status, viaBody.text).to.equal(200);
      const left = (await s.get(CONFIGMAPS('dry-coll'))).body;
      expect(left.items).to.have.length(3);
      const real = await s.request('DELETE', CONFIGMAPS('dry-coll'));
      expect(real.status).to.equal(200);
      expect((await s.get(CONFIGMAPS('dry-coll'))).body.items).to.have.length(0);
    });
  });
});
