// PATCH over HTTP: JSON patch (RFC 6902) and merge patch (RFC 7386) on a real server, with the
// same admission as an update (defaults, validation) and resourceVersion preconditions.
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
    expect(failed.body.reason).to.equal('Invalid');
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

  it('a resourceVersion in the patch is a precondition (409 on mismatch)', async () => {
    await createWidget('rv');
    const res = await send('PATCH', `${path}/rv`, { metadata: { resourceVersion: '1' }, spec: { size: 9 } }, 'application/merge-patch+json');
    expect(res.status).to.equal(409);
    expect(res.body.reason).to.equal('Conflict');
  });

  it('answers 415 with the accepted types for other patch types, 404 for a missing object', async () => {
    await createWidget('types');
    const smp = await send('PATCH', `${path}/types`, {}, 'application/strategic-merge-patch+json');
    expect(smp.status).to.equal(415);
    expect(smp.body.message).to.include('application/merge-patch+json');
    const missing = await send('PATCH', `${path}/missing`, {}, 'application/merge-patch+json');
    expect(missing.status).to.equal(404);
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
