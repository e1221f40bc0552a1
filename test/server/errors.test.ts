// Every client mistake is a Kubernetes Status with HTTP code == status.code, never a 500:
// unknown paths, methods, media types, oversized / malformed / hostile bodies, wrong types,
// fieldValidation.
import { expect } from 'chai';
import { connect } from 'node:net';
import { API, CONFIGMAPS, GADGETS, USING_GENERATED, WIDGETS, type Response, type TestServer, configMap, startTestServer, widget } from './testserver.js';

function expectStatus(res: Response, code: number, reason: string): void {
  expect(res.status, res.text).to.equal(code);
  expect(res.body, res.text).to.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason });
}

describe('server errors', function () {
  this.timeout(60_000);
  let s: TestServer;

  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s?.stop();
  });

  describe('routing', () => {
    it('404s unknown paths, groups, versions and resources with a NotFound Status', async () => {
      for (const path of ['/nope', '/apis/nope.io/v1/things', '/apis/example.com/v9/namespaces/default/widgets', '/api/v1/namespaces/default/things']) {
        const res = await s.get(path);
        expectStatus(res, 404, 'NotFound');
        expect(res.body.message).to.equal('the server could not find the requested resource');
      }
    });

    it('404s a cluster-scoped kind under a namespace, a namespaced object outside one, unknown subresources', async () => {
      expectStatus(await s.get(`/apis/${API.gadgetApiVersion}/namespaces/default/gadgets`), 404, 'NotFound');
      expectStatus(await s.get(`/apis/${API.widgetApiVersion}/widgets/w1`), 404, 'NotFound');
      expectStatus(await s.get(`${WIDGETS('default')}/w1/bogus`), 404, 'NotFound');
      expectStatus(await s.get(`${CONFIGMAPS('default')}/c1/status`), 404, 'NotFound');
      expectStatus(await s.get(`${CONFIGMAPS('default')}/c1/status/x`), 404, 'NotFound');
    });

    it('405s methods a path does not serve and verbs the kind does not have', async () => {
      expectStatus(await s.post(`/apis/${API.widgetApiVersion}/widgets`, widget('x')), 405, 'MethodNotAllowed');
      expectStatus(await s.post(`${WIDGETS('default')}/x`, widget('x')), 405, 'MethodNotAllowed');
      expectStatus(await s.put(WIDGETS('default'), widget('x')), 405, 'MethodNotAllowed');
      // Namespaces have no deletecollection.
      expectStatus(await s.del('/api/v1/namespaces'), 405, 'MethodNotAllowed');
      expectStatus(await s.request('OPTIONS', WIDGETS('default')), 405, 'MethodNotAllowed');
    });

    it('serves /healthz, /livez, /readyz, /version and discovery', async () => {
      for (const p of ['/healthz', '/livez', '/readyz']) {
        const res = await s.get(p);
        expect(res.status).to.equal(200);
        expect(res.text).to.equal('ok');
      }
      const version = await s.get('/version');
      expect(version.body).to.include({ major: '1', minor: '32' });
      expect((await s.get('/api')).body.versions).to.deep.equal(['v1']);
      expect((await s.get('/apis')).body.kind).to.equal('APIGroupList');
      expect((await s.get('/api/v1')).body.kind).to.equal('APIResourceList');
      expect((await s.get(`/apis/${API.widgetApiVersion}`)).body.kind).to.equal('APIResourceList');
      const aggregated = await s.get('/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
      expect(aggregated.headers.get('content-type')).to.contain('as=APIGroupDiscoveryList');
      expect((await s.get('/openapi/v3')).body.paths).to.have.property('api/v1');
      expect((await s.get('/openapi/v3/api/v1')).body.openapi).to.match(/^3\./);
    });
  });

  describe('media types and sizes', () => {
    it('406s an Accept header it cannot serve', async () => {
      const res = await s.get(`${CONFIGMAPS('default')}`, { accept: 'text/html' });
      expectStatus(res, 406, 'NotAcceptable');
      expect(res.body.message).to.match(/^only the following media types are accepted: application\/json, application\/yaml/);
    });

    it('415s an unknown Content-Type', async () => {
      const res = await s.request('POST', CONFIGMAPS('default'), { raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectStatus(res, 415, 'UnsupportedMediaType');
      expect(res.body.message).to.match(/^the body of the request was in an unknown format - accepted media types include: application\/json, application\/yaml/);
    });

    it('413s a body over 3 MiB and stays up', async () => {
      const big = JSON.stringify(configMap('big', { x: 'a'.repeat(3 * 1024 * 1024 + 10) }));
      const res = await s.request('POST', CONFIGMAPS('default'), { raw: big, headers: { 'content-type': 'application/json' } });
      expectStatus(res, 413, 'RequestEntityTooLarge');
      expect((await s.get('/healthz')).status).to.equal(200);
    });

    it('400s a YAML alias that contains itself, on create and on server-side apply, and stays up', async () => {
      const create = await s.request('POST', `${CONFIGMAPS('default')}?dryRun=All`, { raw: 'a: &a [*a]\n', headers: { 'content-type': 'application/yaml' } });
      expectStatus(create, 400, 'BadRequest');
      expect(create.body.message).to.include('anchor value contains itself');
      const apply = await s.request('PATCH', `${WIDGETS('default')}/w1?fieldManager=x`, {
        raw: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: &m {name: w1, labels: *m}\n',
        headers: { 'content-type': 'application/apply-patch+yaml' },
      });
      expectStatus(apply, 400, 'BadRequest');
      expect((await s.get('/healthz')).status).to.equal(200);
    });

    it('a client that hangs up mid-body is not a server failure', async () => {
      const { port, hostname } = new URL(s.url);
      const socket = connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`PATCH ${WIDGETS('default')}/w1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/merge-patch+json\r\nContent-Length: 100\r\n\r\n{"spec":`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(s.logs()).to.not.include('panic recovered');
      expect((await s.get('/healthz')).status).to.equal(200);
    });
  });

  describe('values Go clients could not read back are refused (422)', () => {
    const causes = (res: Response): string[] => (res.body.details?.causes ?? []).map((c: { field: string }) => c.field);

    it('int32 fields out of range, bad quantities, bad base64 bytes and bad date-times', async () => {
      const hpa = await s.post('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers?dryRun=All', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h' },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'web' },
          maxReplicas: 4294967297,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: 'notaquantity' } } }],
        },
      });
      expectStatus(hpa, 422, 'Invalid');
      expect(causes(hpa)).to.include.members(['spec.maxReplicas', 'spec.metrics[0].resource.target.averageValue']);
      const secret = await s.post('/api/v1/namespaces/default/secrets?dryRun=All', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'k' },
        data: { good: 'aGk=', bad: '!!!notb64' },
      });
      expectStatus(secret, 422, 'Invalid');
      expect(causes(secret)).to.deep.equal(['data[bad]']);
      expect(secret.body.details.causes[0].message).to.include('illegal base64 data');
      const cm = await s.post(`${CONFIGMAPS('default')}?dryRun=All`, { ...configMap('b'), binaryData: { a: 'AQ' } });
      expectStatus(cm, 422, 'Invalid');
      const event = await s.post('/api/v1/namespaces/default/events?dryRun=All', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e' },
        involvedObject: { kind: 'ConfigMap', name: 'x' },
        eventTime: 'garbage',
      });
      expectStatus(event, 422, 'Invalid');
      expect(causes(event)).to.include('eventTime');
      if (USING_GENERATED) {
        const w = await s.post(`${WIDGETS('default')}?dryRun=All`, widget('big', { size: 2 ** 31 }));
        expectStatus(w, 422, 'Invalid');
        expect(causes(w)).to.include('spec.size');
      }
    });

    it('HorizontalPodAutoscaler replica bounds and utilization targets, in either version', async () => {
      const v2 = await s.post('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers?dryRun=All', {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 10, maxReplicas: 2 },
      });
      expectStatus(v2, 422, 'Invalid');
      expect(v2.body.details.causes).to.deep.equal([
        { reason: 'FieldValueInvalid', field: 'spec.maxReplicas', message: 'Invalid value: 2: must be greater than or equal to `minReplicas`' },
      ]);
      const v1 = await s.post('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers?dryRun=All', {
        apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: -5 },
      });
      expectStatus(v1, 422, 'Invalid');
      expect(causes(v1)).to.deep.equal(['spec.metrics[0].resource.target.averageUtilization']);
    });

    it('ConfigMap and Secret keys follow Kubernetes\' config-key rule', async () => {
      const bad = await s.post(`${CONFIGMAPS('default')}?dryRun=All`, configMap('keys', { 'bad key!': '1', '': '2', '..x': '3', 'ok.key_1-A': '4' }));
      expectStatus(bad, 422, 'Invalid');
      expect(causes(bad).sort()).to.deep.equal(['data[..x]', 'data[]', 'data[bad key!]']);
      expect(bad.body.message).to.include("a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
      const both = await s.post(`${CONFIGMAPS('default')}?dryRun=All`, { ...configMap('both', { k: '1' }), binaryData: { k: 'AA==' } });
      expectStatus(both, 422, 'Invalid');
      expect(causes(both)).to.deep.equal(['binaryData[k]']);
      const secret = await s.post('/api/v1/namespaces/default/secrets?dryRun=All', {
        apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'aGk=' }, stringData: { k: 'over', 'bad/key': 'x' },
      });
      expectStatus(secret, 422, 'Invalid');
      // stringData is merged into data on the way in (as in Kubernetes' conversion), so the path is data's.
      expect(causes(secret)).to.deep.equal(['data[bad/key]']);
    });

    it('accepts what Go reads: quantities with suffixes, padded base64, RFC 3339 times, int32 bounds', async () => {
      const hpa = await s.post('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers?dryRun=All', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h' },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'web' },
          maxReplicas: 2 ** 31 - 1,
          metrics: ['500m', '1Gi', '2.5', '1e3', '+3M', 100].map((q) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: q } } })),
        },
      });
      expect(hpa.status, hpa.text).to.equal(201);
      const secret = await s.post('/api/v1/namespaces/default/secrets?dryRun=All', {
        apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k' }, data: { a: 'aGk=', b: 'aGVsbG8=', c: '' },
      });
      expect(secret.status, secret.text).to.equal(201);
      const event = await s.post('/api/v1/namespaces/default/events?dryRun=All', {
        apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'ConfigMap', name: 'x' },
        eventTime: '2026-12-04T05:00:00.123456Z', firstTimestamp: '2026-12-04T05:00:00+01:00',
      });
      expect(event.status, event.text).to.equal(201);
    });
  });

  describe('malformed and hostile bodies', () => {
    it('400s malformed JSON and YAML, non-object bodies and an empty body', async () => {
      const cases: [string, string][] = [
        ['{"metadata": {', 'application/json'],
        ['[1,2,3]', 'application/json'],
        ['"just a string"', 'application/json'],
        ['', 'application/json'],
        ['metadata: [unclosed', 'application/yaml'],
        ['- a\n- b\n', 'application/yaml'],
      ];
      for (const [raw, type] of cases) {
        const res = await s.request('POST', CONFIGMAPS('default'), { raw, headers: { 'content-type': type } });
        expect(res.status, `${JSON.stringify(raw)}: ${res.text}`).to.equal(400);
        expect(res.body.kind).to.equal('Status');
      }
    });

    it('answers 4xx, never 500, for wrongly typed fields', async function () {
      if (!USING_GENERATED) this.skip(); // the hand-written fixture does not validate types
      const bodies = [
        { ...widget('t1'), metadata: 'x' },
        { ...widget('t2'), spec: [] },
        { ...widget('t3'), spec: 'x' },
        { ...widget('t4'), spec: { color: 5 } },
        { ...widget('t5'), metadata: { name: 'x', labels: 'notamap' } },
        { ...widget('t6'), metadata: { name: ['a'] } },
        { ...widget('t8'), apiVersion: 5 },
      ];
      for (const body of bodies) {
        const res = await s.post(WIDGETS('default'), body);
        expect(res.status, `${JSON.stringify(body)}: ${res.text}`).to.be.oneOf([400, 422]);
        expect(res.body.kind).to.equal('Status');
      }
      const cm = await s.post(CONFIGMAPS('default'), { ...configMap('t9'), data: { a: 1 } });
      expect(cm.status, cm.text).to.be.oneOf([400, 422]);
    });

    it('400s a body nested deeper than the limit', async () => {
      let deep = '1';
      for (let i = 0; i < 200; i++) deep = `{"a":${deep}}`;
      const raw = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${deep}}`;
      const res = await s.request('POST', CONFIGMAPS('default'), { raw, headers: { 'content-type': 'application/json' } });
      expectStatus(res, 400, 'BadRequest');
    });

    // This server is a child process, so this only checks the answers: pollution.test.ts runs the
    // server in-process and checks Object.prototype itself.
    it('keeps __proto__ keys as plain data and never pollutes', async () => {
      const raw = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"proto","labels":{"__proto__":"x"}},"data":{"__proto__":"y","constructor":"z"}}`;
      const res = await s.request('POST', CONFIGMAPS('default'), { raw, headers: { 'content-type': 'application/json' } });
      expect(res.status, res.text).to.be.oneOf([201, 400, 422]);
      const raw2 = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"proto2"},"data":{"__proto__":"y","constructor":"z"},"__proto__":{"polluted":"yes"}}`;
      const res2 = await s.request('POST', CONFIGMAPS('default'), { raw: raw2, headers: { 'content-type': 'application/json' } });
      expect(res2.status, res2.text).to.be.oneOf([201, 400, 422]);
      if (res2.status === 201) {
        const got = await s.get(`${CONFIGMAPS('default')}/proto2`);
        expect(got.body.data).to.deep.equal(JSON.parse('{"__proto__":"y","constructor":"z"}'));
        expect(Object.getPrototypeOf(got.body)).to.equal(Object.prototype);
      }
      const list = await s.get(CONFIGMAPS('default'));
      expect(list.status).to.equal(200);
      expect(list.body.polluted).to.equal(undefined);
    });
  });

  describe('fieldValidation', () => {
    const unknownSpec = () => ({ ...widget('fv'), spec: { color: 'red', foo: 1 } });

    it('Strict rejects unknown fields (400 strict decoding error)', async () => {
      const res = await s.post(`${WIDGETS('default')}?fieldValidation=Strict`, unknownSpec());
      expectStatus(res, 400, 'BadRequest');
      expect(res.body.message).to.contain('strict decoding error: unknown field "spec.foo"');
    });

    it('Strict rejects duplicate fields', async () => {
      const raw = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dupfield","name":"dupfield"}}`;
      const res = await s.request('POST', `${CONFIGMAPS('default')}?fieldValidation=Strict`, { raw, headers: { 'content-type': 'application/json' } });
      expectStatus(res, 400, 'BadRequest');
      expect(res.body.message).to.contain('duplicate field');
    });

    it('Warn (the default) creates and sends a Warning header', async function () {
      if (!USING_GENERATED) this.skip(); // the fixture's conversion keeps unknown fields
      const res = await s.post(WIDGETS('default'), unknownSpec());
      expect(res.status, res.text).to.equal(201);
      expect(res.headers.get('warning')).to.equal('299 - "unknown field \\"spec.foo\\""');
      expect(res.body.spec.foo).to.equal(undefined);
    });

    it('Ignore creates silently', async () => {
      const res = await s.post(`${WIDGETS('default')}?fieldValidation=Ignore`, { ...unknownSpec(), metadata: { name: 'fv-ignore' } });
      expect(res.status, res.text).to.equal(201);
      expect(res.headers.get('warning')).to.equal(null);
    });

    it('rejects an unknown directive (400)', async () => {
      expectStatus(await s.post(`${WIDGETS('default')}?fieldValidation=Loud`, widget('fv-bad')), 400, 'BadRequest');
    });

    describe('on update (PUT)', () => {
      const put = (name: string, query: string, body: unknown) => s.put(`${WIDGETS('default')}/${name}${query}`, body);
      /** Creates `name` and answers the stored object, to PUT a changed copy of. */
      async function stored(name: string) {
        const res = await s.post(WIDGETS('default'), widget(name));
        expect(res.status, res.text).to.equal(201);
        return res.body;
      }
      const withUnknown = (obj: any) => ({ ...obj, spec: { ...obj.spec, color: 'blue', foo: 1 } }); // eslint-disable-line @typescript-eslint/no-explicit-any

      it('Strict rejects an unknown field (400) and changes nothing', async () => {
        const created = await stored('fvu-strict');
        const res = await put('fvu-strict', '?fieldValidation=Strict', withUnknown(created));
        expectStatus(res, 400, 'BadRequest');
        if (USING_GENERATED) {
          expect(res.body.message).to.equal(`Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.foo"`);
        } else {
          // The hand-written fixture's ObjectMeta does not declare managedFields' fields.
          expect(res.body.message, res.text).to.contain('strict decoding error: ').and.to.contain('unknown field "spec.foo"');
        }
        const now = await s.get(`${WIDGETS('default')}/fvu-strict`);
        expect(now.body.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
        expect(now.body.spec.color).to.equal('red');
      });

      it('Strict rejects a duplicate field (400) and changes nothing', async () => {
        const created = (await s.post(CONFIGMAPS('default'), configMap('fvu-dup', { a: '1' }))).body;
        const rv = created.metadata.resourceVersion;
        const raw = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fvu-dup","name":"fvu-dup","resourceVersion":"${rv}"},"data":{"a":"2"}}`;
        const res = await s.request('PUT', `${CONFIGMAPS('default')}/fvu-dup?fieldValidation=Strict`, { raw, headers: { 'content-type': 'application/json' } });
        expectStatus(res, 400, 'BadRequest');
        expect(res.body.message).to.contain('strict decoding error: duplicate field "metadata.name"');
        const now = await s.get(`${CONFIGMAPS('default')}/fvu-dup`);
        expect(now.body.data).to.deep.equal({ a: '1' });
        expect(now.body.metadata.resourceVersion).to.equal(rv);
      });

      for (const [label, query] of [
        ['Warn (the default)', ''],
        ['Warn', '?fieldValidation=Warn'],
      ]) {
        it(`${label} updates, drops the field and sends a Warning header`, async function () {
          if (!USING_GENERATED) this.skip(); // the fixture's conversion keeps unknown fields
          const name = `fvu-warn${query === '' ? '-default' : ''}`;
          const created = await stored(name);
          const res = await put(name, query, withUnknown(created));
          expect(res.status, res.text).to.equal(200);
          expect(res.headers.get('warning')).to.equal('299 - "unknown field \\"spec.foo\\""');
          expect(res.body.spec.color).to.equal('blue');
          expect(res.body.spec.foo).to.equal(undefined);
          expect(Number(res.body.metadata.resourceVersion)).to.be.greaterThan(Number(created.metadata.resourceVersion));
          expect((await s.get(`${WIDGETS('default')}/${name}`)).body.spec.foo).to.equal(undefined);
        });
      }

      it('Ignore updates silently', async function () {
        if (!USING_GENERATED) this.skip(); // the fixture's conversion keeps unknown fields
        const created = await stored('fvu-ignore');
        const res = await put('fvu-ignore', '?fieldValidation=Ignore', withUnknown(created));
        expect(res.status, res.text).to.equal(200);
        expect(res.headers.get('warning')).to.equal(null);
        expect(res.body.spec.color).to.equal('blue');
        expect(res.body.spec.foo).to.equal(undefined);
      });

      it('rejects an unknown directive (400)', async () => {
        const created = await stored('fvu-bad');
        expectStatus(await put('fvu-bad', '?fieldValidation=Loud', created), 400, 'BadRequest');
      });
    });
  });

  describe('names that would escape their key', () => {
    it('400s names with path characters', async () => {
      const res = await s.get(`${CONFIGMAPS('default')}/a%2Fb`);
      expectStatus(res, 400, 'BadRequest');
      expectStatus(await s.get(`${GADGETS}/a%2F..%2Fb`), 400, 'BadRequest');
    });
  });
});
