// Namespace lifecycle: system namespaces on first start, Active phase and finalizer on create,
// immortal system namespaces, and deletion of everything inside a deleted namespace.
import { expect } from 'chai';
import { API, CONFIGMAPS, WIDGETS, type TestServer, configMap, namespace, startTestServer, widget } from './testserver.js';

describe('server namespaces', function () {
  this.timeout(60_000);
  let s: TestServer;

  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s?.stop();
  });

  it('creates default, kube-system and kube-public on first start', async () => {
    const res = await s.get('/api/v1/namespaces');
    expect(res.status).to.equal(200);
    expect(res.body.kind).to.equal('NamespaceList');
    const names = res.body.items.map((n: { metadata: { name: string } }) => n.metadata.name);
    expect(names).to.include.members(['default', 'kube-system', 'kube-public']);
  });

  it('sets phase Active and the kubernetes finalizer on create', async () => {
    const res = await s.post('/api/v1/namespaces', namespace('ns-a'));
    expect(res.status, res.text).to.equal(201);
    expect(res.body.status).to.deep.equal({ phase: 'Active' });
    expect(res.body.spec.finalizers).to.deep.equal(['kubernetes']);
    expect(res.body.metadata.namespace).to.equal(undefined);
    const got = await s.get('/api/v1/namespaces/ns-a');
    expect(got.body.status.phase).to.equal('Active');
  });

  it('refuses to delete the system namespaces (403)', async () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const res = await s.del(`/api/v1/namespaces/${name}`);
      expect(res.status, res.text).to.equal(403);
      expect(res.body).to.include({ reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted` });
    }
  });

  it('deleting a namespace deletes everything in it, and nothing elsewhere', async () => {
    await s.post('/api/v1/namespaces', namespace('doomed'));
    await s.post(CONFIGMAPS('doomed'), configMap('c1'));
    await s.post(CONFIGMAPS('doomed'), configMap('c2'));
    await s.post(WIDGETS('doomed'), widget('w1'));
    await s.post(CONFIGMAPS('default'), configMap('survivor'));
    const res = await s.del('/api/v1/namespaces/doomed');
    expect(res.status, res.text).to.equal(200);
    expect(res.body.kind).to.equal('Namespace');
    expect(res.body.status.phase).to.equal('Terminating');
    expect(res.body.metadata.deletionTimestamp).to.be.a('string');
    expect((await s.get('/api/v1/namespaces/doomed')).status).to.equal(404);
    const leftovers = await s.get('/api/v1/configmaps');
    const where = leftovers.body.items.map((i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`);
    expect(where).to.include('default/survivor');
    expect(where.filter((w: string) => w.startsWith('doomed/'))).to.deep.equal([]);
    expect((await s.get(`/apis/${API.widgetApiVersion}/widgets`)).body.items.filter((i: { metadata: { namespace: string } }) => i.metadata.namespace === 'doomed')).to.deep.equal([]);
    // Recreating the namespace starts empty.
    await s.post('/api/v1/namespaces', namespace('doomed'));
    expect((await s.get(CONFIGMAPS('doomed'))).body.items).to.deep.equal([]);
  });

  it('dry-run delete of a namespace keeps it and its content', async () => {
    await s.post('/api/v1/namespaces', namespace('dry-ns'));
    await s.post(CONFIGMAPS('dry-ns'), configMap('keep'));
    const res = await s.del('/api/v1/namespaces/dry-ns?dryRun=All');
    expect(res.status).to.equal(200);
    expect((await s.get('/api/v1/namespaces/dry-ns')).status).to.equal(200);
    expect((await s.get(`${CONFIGMAPS('dry-ns')}/keep`)).status).to.equal(200);
  });

  it('updates a namespace status through /status', async () => {
    const got = (await s.get('/api/v1/namespaces/ns-a')).body;
    const res = await s.put('/api/v1/namespaces/ns-a/status', { ...got, status: { phase: 'Active' } });
    expect(res.status, res.text).to.equal(200);
  });
});
