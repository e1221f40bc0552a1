// The REST client, typed clientset, dynamic client and the factory/lister API shape of the issue,
// against the real server.
import { expect } from 'chai';
import {
  Clientset,
  isConflict,
  isNotFound,
  SharedInformerFactory,
  StatusError,
  type KubeObject,
  type WatchEvent,
} from '../../runtime/client/index.js';
import { namespace as namespaceObj, startTestServer, type TestServer } from '../server/testserver.js';
import { until } from './scripted.js';

describe('client clientset against the real server', function () {
  this.timeout(60_000);
  let server: TestServer;
  let cs: Clientset;
  const ns = 'cs-test';

  before(async () => {
    server = await startTestServer();
    expect((await server.post('/api/v1/namespaces', namespaceObj(ns))).status).to.equal(201);
    cs = Clientset.fromKubeconfig(server.kubeconfig);
  });
  after(async () => {
    cs?.close();
    await server?.stop();
  });

  it('typed CRUD: networkingV1().ingresses(ns) create/get/update/patch/list/delete', async () => {
    const ingresses = cs.networkingV1().ingresses(ns);
    const created = await ingresses.create({ metadata: { name: 'web' }, spec: { ingressClassName: 'nginx' } });
    expect(created.apiVersion).to.equal('networking.k8s.io/v1');
    expect(created.metadata?.uid).to.be.a('string');
    const got = await ingresses.get('web');
    expect(got.spec?.ingressClassName).to.equal('nginx');
    const updated = await ingresses.update({ ...got, spec: { ingressClassName: 'traefik' } });
    expect(updated.spec?.ingressClassName).to.equal('traefik');
    // A stale resourceVersion is a Conflict, raised as a StatusError.
    const stale = await ingresses.update({ ...got, spec: { ingressClassName: 'x' } }).catch((e: unknown) => e);
    expect(isConflict(stale)).to.equal(true);
    const patched = await ingresses.patch('web', 'merge', { metadata: { labels: { tier: 'front' } } });
    expect(patched.metadata?.labels).to.deep.equal({ tier: 'front' });
    const list = await ingresses.list({ labelSelector: 'tier=front' });
    expect(list.items.map((i) => i.metadata?.name)).to.deep.equal(['web']);
    await ingresses.delete('web');
    const gone = await ingresses.get('web').catch((e: unknown) => e);
    expect(isNotFound(gone)).to.equal(true);
    expect(gone).to.be.instanceOf(StatusError);
  });

  it('fromURL, paged list, deleteCollection and a watch as an async iterable', async () => {
    const c = Clientset.fromURL(server.url);
    const cms = c.coreV1().configMaps(ns);
    for (let i = 0; i < 5; i++) await cms.create({ metadata: { name: `p${i}`, labels: { batch: 'x' } }, data: { i: String(i) } });
    const page = await cms.list({ limit: 2, labelSelector: 'batch=x' });
    expect(page.items.length).to.equal(2);
    expect(page.metadata?.continue).to.be.a('string');
    const w = await cms.watch({ resourceVersion: page.metadata?.resourceVersion, labelSelector: 'batch=x' });
    const seen: WatchEvent<KubeObject>[] = [];
    const reading = (async () => {
      for await (const ev of w) {
        seen.push(ev);
        if (seen.length === 5) w.stop();
      }
    })();
    await cms.deleteCollection({ labelSelector: 'batch=x' });
    await reading;
    expect(seen.map((e) => e.type)).to.deep.equal(['DELETED', 'DELETED', 'DELETED', 'DELETED', 'DELETED']);
    expect((await cms.list({ labelSelector: 'batch=x' })).items).to.deep.equal([]);
    c.close();
  });

  it('the dynamic client finds kinds through the RESTMapper (by resource, kind or kubectl name)', async () => {
    const byName = cs.dynamic().byName('ing', ns);
    expect(byName.spec).to.deep.include({ group: 'networking.k8s.io', resource: 'ingresses', namespaced: true });
    const widgets = cs.dynamic().kind({ group: 'example.com', version: 'v1', kind: 'Widget' }, ns);
    const w = await widgets.create({ metadata: { name: 'w1' }, spec: { color: 'red' } } as KubeObject);
    expect(w.kind).to.equal('Widget');
    expect(() => cs.dynamic().byName('nosuchthings')).to.throw(/doesn't have a resource type/);
  });

  it('the factory shares one informer per resource; listers read the cache with label selectors', async () => {
    const cms = cs.coreV1().configMaps(ns);
    await cms.create({ metadata: { name: 'web-1', labels: { app: 'web' } } });
    await cms.create({ metadata: { name: 'db-1', labels: { app: 'db' } } });
    const factory = new SharedInformerFactory(cs, { resyncPeriodMs: 0 });
    const a = factory.core().v1().configMaps().informer();
    const b = factory.core().v1().configMaps().informer();
    expect(a).to.equal(b);
    const reg = a.addEventHandler({});
    factory.start();
    const synced = await factory.waitForCacheSync({ timeoutMs: 30_000 });
    expect(Object.values(synced)).to.deep.equal([true]);
    await until(() => reg.hasSynced(), 'handler sync', 10_000);
    const lister = factory.core().v1().configMaps().lister();
    expect(lister.configMaps(ns).list('app=web').map((c) => c.metadata?.name)).to.deep.equal(['web-1']);
    expect(lister.configMaps(ns).get('db-1').metadata?.labels).to.deep.equal({ app: 'db' });
    expect(isNotFound((() => { try { lister.configMaps(ns).get('nope'); } catch (e) { return e; } })())).to.equal(true);
    await cms.delete('web-1');
    await until(() => lister.configMaps(ns).list('app=web').length === 0, 'delete reaches the cache', 10_000);
    await factory.shutdown();
  });
});
