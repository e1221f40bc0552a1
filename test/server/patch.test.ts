// PATCH over HTTP: JSON patch (RFC 6902), merge patch (RFC 7386) and strategic merge patch (the
// built-in groups only) on a real server, with the same admission as an update (defaults,
// validation) and resourceVersion preconditions.
import { expect } from 'chai';
import { type TestServer, startTestServer } from './testserver.js';

describe('PATCH', function () {
  let server: TestServer;
  const path = '/apis/example.com/v1/namespaces/default/widgets';

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  async function send(method: string, url: string, body: unknown, contentType: string) {
    const res = await fetch(server.url + url, { method, headers: { 'content-type': contentType }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  async function createWidget(name: string) {
    const res = await send('POST', path, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, labels: { a: 'b' } }, spec: { color: 'red', size: 2 } }, 'application/json');
    expect(res.status).to.equal(201);
    return res.body;
  }

  it('merge patch merges objects, deletes with null and bumps generation on spec changes', async () => {
    const created = await createWidget('merge');
    const res = await send('PATCH', `${path}/merge`, { metadata: { labels: { a: null, c: 'd' } }, spec: { size: 5 } }, 'application/merge-patch+json');
    expect(res.status).to.equal(200);
    expect(res.body.metadata.labels).to.deep.equal({ c: 'd' });
    expect(res.body.spec).to.deep.equal({ color: 'red', size: 5, replicas: 1 });
    expect(res.body.metadata.generation).to.equal(2);
    expect(Number(res.body.metadata.resourceVersion)).to.be.greaterThan(Number(created.metadata.resourceVersion));
  });

  it('JSON patch applies operations; a failed test op is 422 and changes nothing', async () => {
    await createWidget('json');
    const ok = await send('PATCH', `${path}/json`, [{ op: 'test', path: '/spec/color', value: 'red' }, { op: 'replace', path: '/spec/color', value: 'blue' }], 'application/json-patch+json');
    expect(ok.status).to.equal(200);
    expect(ok.body.spec.color).to.equal('blue');
    const failed = await send('PATCH', `${path}/json`, [{ op: 'test', path: '/spec/color', value: 'green' }], 'application/json-patch+json');
    expect(failed.status).to.equal(422);
    // kube-apiserver's generic 422 for a JSON patch that does not apply (its text, empty details).
    expect(failed.body).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
    const missingPath = await send('PATCH', `${path}/json`, [{ op: 'remove', path: '/spec/nothing/here' }], 'application/json-patch+json');
    expect(missingPath.status).to.equal(422);
    expect(missingPath.body.message).to.equal('the server rejected our request due to an error in our request');
    // A move into its own child cannot apply either: the same 422, not the library's words.
    const intoChild = await send('PATCH', `${path}/json`, [{ op: 'move', from: '/spec', path: '/spec/x' }], 'application/json-patch+json');
    expect(intoChild.status).to.equal(422);
    expect(intoChild.body.message).to.equal('the server rejected our request due to an error in our request');
    const get = await fetch(`${server.url}${path}/json`);
    expect(((await get.json()) as any).spec.color).to.equal('blue');
  });

  it('validates the patched object (422) and rejects malformed patches (400)', async () => {
    await createWidget('bad');
    const invalid = await send('PATCH', `${path}/bad`, [{ op: 'replace', path: '/spec/size', value: -1 }], 'application/json-patch+json');
    expect(invalid.status).to.equal(422);
    expect(invalid.body.details.causes[0].field).to.equal('spec.size');
    const notArray = await send('PATCH', `${path}/bad`, { op: 'add' }, 'application/json-patch+json');
    expect(notArray.status).to.equal(400);
    const res = await fetch(`${server.url}${path}/bad`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: '{"spec":' });
    expect(res.status).to.equal(400);
  });

  it('a resourceVersion in the patch is a precondition (409 on mismatch, kube\'s message)', async () => {
    await createWidget('rv');
    const res = await send('PATCH', `${path}/rv`, { metadata: { resourceVersion: '1' }, spec: { size: 9 } }, 'application/merge-patch+json');
    expect(res.status).to.equal(409);
    expect(res.body.reason).to.equal('Conflict');
    expect(res.body.message).to.equal(
      'Operation cannot be fulfilled on widgets.example.com "rv": the object has been modified; please apply your changes to the latest version and try again',
    );
    const json = await send('PATCH', `${path}/rv`, [{ op: 'replace', path: '/metadata/resourceVersion', value: '1' }], 'application/json-patch+json');
    expect(json.status).to.equal(409);
  });

  it('force is refused on non-apply patches; a merge patch records its field manager', async () => {
    await createWidget('mgr');
    const forced = await fetch(`${server.url}${path}/mgr?force=true`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: '{}' });
    expect(forced.status).to.equal(422);
    const res = await fetch(`${server.url}${path}/mgr?fieldManager=patcher`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: '{"spec":{"size":7}}' });
    const body = (await res.json()) as any;
    const entry = body.metadata.managedFields.find((e: any) => e.manager === 'patcher');
    expect(entry).to.include({ operation: 'Update', apiVersion: 'example.com/v1' });
    expect(entry.fieldsV1).to.deep.equal({ 'f:spec': { 'f:size': {} } });
  });

  it('answers 415 with the accepted types for other patch types, 404 for a missing object', async () => {
    await createWidget('types');
    const smp = await send('PATCH', `${path}/types`, {}, 'application/strategic-merge-patch+json');
    expect(smp.status).to.equal(415);
    expect(smp.body.message).to.include('application/merge-patch+json');
    const missing = await send('PATCH', `${path}/missing`, {}, 'application/merge-patch+json');
    expect(missing.status).to.equal(404);
  });

  describe('strategic merge patch', () => {
    const cms = '/api/v1/namespaces/default/configmaps';
    const services = '/api/v1/namespaces/default/services';
    const SMP = 'application/strategic-merge-patch+json';

    it('applies to a ConfigMap: maps merge and null deletes', async () => {
      const created = await send('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'smp', labels: { a: '1' } }, data: { x: '1', y: '2' } }, 'application/json');
      expect(created.status).to.equal(201);
      const res = await send('PATCH', `${cms}/smp`, { metadata: { labels: { b: '2' } }, data: { x: null, z: '3' } }, SMP);
      expect(res.status).to.equal(200);
      expect(res.body.metadata.labels).to.deep.equal({ a: '1', b: '2' });
      expect(res.body.data).to.deep.equal({ y: '2', z: '3' });
      expect(Number(res.body.metadata.resourceVersion)).to.be.greaterThan(Number(created.body.metadata.resourceVersion));
    });

    it('merges Service ports by port, with $patch: delete and $setElementOrder', async () => {
      const svc = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'smp-svc' },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }] },
      };
      expect((await send('POST', services, svc, 'application/json')).status).to.equal(201);
      const res = await send(
        'PATCH',
        `${services}/smp-svc`,
        { spec: { '$setElementOrder/ports': [{ port: 9090 }, { port: 80 }], ports: [{ name: 'metrics', port: 9090 }, { port: 443, $patch: 'delete' }, { port: 80, targetPort: 8081 }] } },
        SMP,
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const ports = res.body.spec.ports as Array<Record<string, unknown>>;
      expect(ports.map((p) => [p.name, p.port, p.targetPort])).to.deep.equal([
        ['metrics', 9090, 9090],
        ['http', 80, 8081],
      ]);
      expect(res.body.spec.selector).to.deep.equal({ app: 'web' });
    });

    it('a resourceVersion in the patch is a precondition (409 on mismatch, 200 on match)', async () => {
      const created = await send('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'smp-rv' }, data: { a: '1' } }, 'application/json');
      const stale = await send('PATCH', `${cms}/smp-rv`, { metadata: { resourceVersion: '1' }, data: { a: '2' } }, SMP);
      expect(stale.status).to.equal(409);
      expect(stale.body.reason).to.equal('Conflict');
      const fresh = await send('PATCH', `${cms}/smp-rv`, { metadata: { resourceVersion: created.body.metadata.resourceVersion }, data: { a: '2' } }, SMP);
      expect(fresh.status).to.equal(200);
      expect(fresh.body.data).to.deep.equal({ a: '2' });
    });

    it('a malformed or unknown directive is a 400 and changes nothing', async () => {
      await send('POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'smp-bad' }, data: { a: '1' } }, 'application/json');
      const unknown = await send('PATCH', `${cms}/smp-bad`, { metadata: { $patch: 'explode' } }, SMP);
      expect(unknown.status).to.equal(400);
      expect(unknown.body.reason).to.equal('BadRequest');
      const notObject = await send('PATCH', `${cms}/smp-bad`, [{ op: 'add' }], SMP);
      expect(notObject.status).to.equal(400);
      const get = await fetch(`${server.url}${cms}/smp-bad`);
      expect(((await get.json()) as any).data).to.deep.equal({ a: '1' });
    });

    it('Widget (example.com, like a CRD) answers 415 naming only JSON patch and merge patch', async () => {
      await createWidget('smp');
      const res = await send('PATCH', `${path}/smp`, { spec: { size: 3 } }, SMP);
      expect(res.status).to.equal(415);
      expect(res.body.reason).to.equal('UnsupportedMediaType');
      expect(res.body.message).to.include('application/json-patch+json, application/merge-patch+json');
      expect(res.body.message).not.to.include('strategic');
    });

    it('OpenAPI lists strategic merge patch for ConfigMap but not for Widget', async () => {
      const core = (await (await fetch(`${server.url}/openapi/v3/api/v1`)).json()) as any;
      const cmPatch = core.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch;
      expect(Object.keys(cmPatch.requestBody.content)).to.include(SMP);
      const example = (await (await fetch(`${server.url}/openapi/v3/apis/example.com/v1`)).json()) as any;
      const widgetPatch = example.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'].patch;
      expect(Object.keys(widgetPatch.requestBody.content)).to.deep.equal(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']);
      expect(Object.keys(cmPatch.requestBody.content)).to.include('application/apply-patch+yaml');
    });
  });

  it('keeps __proto__ and constructor keys as data (unknown fields are dropped, nothing polluted)', async () => {
    await createWidget('proto');
    const res = await send('PATCH', `${path}/proto`, JSON.parse('{"__proto__":{"polluted":1},"spec":{"constructor":{"a":1}}}'), 'application/merge-patch+json');
    expect(res.status).to.be.oneOf([200, 400]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    const get = await fetch(`${server.url}${path}/proto`);
    expect(((await get.json()) as any).spec.color).to.equal('red');
  });
});
