// End-to-end CRUD over HTTP against the real server process: every verb, the metadata rules,
// generation, generateName, optimistic concurrency, YAML in and out.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { pino } from 'pino';
import { parse as parseYaml } from 'yaml';
import { resourceRoutes } from '../../runtime/endpoints/installer.js';
import type { GroupRegistration } from '../../runtime/machinery/registration.js';
import { RESTMapper } from '../../runtime/machinery/restmapper.js';
import { Scheme } from '../../runtime/machinery/scheme.js';
import { Registry } from '../../runtime/registry/registry.js';
import { recovery } from '../../runtime/server/filters/recovery.js';
import { requestInfo } from '../../runtime/server/filters/requestinfo.js';
import { openStorage } from '../../runtime/storage/index.js';
import type { KeyValue, ListOptions, ListResult, Storage, StorageEvent, TryUpdate } from '../../runtime/storage/interface.js';
import { API, CONFIGMAPS, GADGETS, USING_GENERATED, WIDGETS, type TestServer, configMap, startTestServer, widget } from './testserver.js';

describe(`server CRUD (${USING_GENERATED ? 'generated groups' : 'fixture groups'})`, function () {
  this.timeout(60_000);
  let s: TestServer;

  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s?.stop();
  });

  describe('create', () => {
    it('creates a widget with the system metadata filled in (201)', async () => {
      const res = await s.post(WIDGETS('default'), widget('create-1'));
      expect(res.status, res.text).to.equal(201);
      const meta = res.body.metadata;
      expect(res.body.apiVersion).to.equal(API.widgetApiVersion);
      expect(res.body.kind).to.equal('Widget');
      expect(meta.name).to.equal('create-1');
      expect(meta.namespace).to.equal('default');
      expect(meta.uid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(meta.creationTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(meta.resourceVersion).to.match(/^\d+$/);
      expect(meta.generation).to.equal(1);
      expect(res.body.spec.color).to.equal('red');
    });

    it('fills apiVersion and kind from the URL when the body leaves them out', async () => {
      const res = await s.post(WIDGETS('default'), { metadata: { name: 'create-notype' }, spec: { color: 'blue' } });
      expect(res.status, res.text).to.equal(201);
      expect(res.body.kind).to.equal('Widget');
    });

    it('answers 409 AlreadyExists for a duplicate name', async () => {
      await s.post(CONFIGMAPS('default'), configMap('dup'));
      const res = await s.post(CONFIGMAPS('default'), configMap('dup'));
      expect(res.status).to.equal(409);
      expect(res.body).to.include({ kind: 'Status', status: 'Failure', reason: 'AlreadyExists', code: 409, message: 'configmaps "dup" already exists' });
      expect(res.body.details).to.deep.equal({ name: 'dup', kind: 'configmaps' });
    });

    it('clears status on create when the kind has a status subresource', async () => {
      const res = await s.post(WIDGETS('default'), { ...widget('create-status'), status: API.widgetStatus });
      expect(res.status, res.text).to.equal(201);
      expect(res.body.status ?? {}).to.not.deep.include(API.widgetStatus);
    });

    it('ignores client-set uid/creationTimestamp and rejects a resourceVersion', async () => {
      const res = await s.post(CONFIGMAPS('default'), configMap('sysfields', {}, { uid: 'mine', creationTimestamp: '2000-01-01T00:00:00Z' }));
      expect(res.status, res.text).to.equal(201);
      expect(res.body.metadata.uid).to.not.equal('mine');
      expect(res.body.metadata.creationTimestamp).to.not.equal('2000-01-01T00:00:00Z');
      const withRV = await s.post(CONFIGMAPS('default'), configMap('with-rv', {}, { resourceVersion: '5' }));
      expect(withRV.status).to.equal(400);
      expect(withRV.body.message).to.equal('resourceVersion should not be set on objects to be created');
    });

    it('generates names from generateName with a 5-character suffix', async () => {
      const names = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const res = await s.post(CONFIGMAPS('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
        expect(res.status, res.text).to.equal(201);
        expect(res.body.metadata.name).to.match(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
        expect(res.body.metadata.generateName).to.equal('gen-');
        names.add(res.body.metadata.name);
      }
      expect(names.size).to.equal(5);
    });

    it('requires a name or generateName (422)', async () => {
      const res = await s.post(CONFIGMAPS('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} });
      expect(res.status).to.equal(422);
      expect(res.body.reason).to.equal('Invalid');
      expect(res.body.details.causes.map((c: { field: string }) => c.field)).to.include('metadata.name');
    });

    it('requires the namespace to exist (404 namespaces "x" not found)', async () => {
      const res = await s.post(CONFIGMAPS('no-such-ns'), configMap('c'));
      expect(res.status).to.equal(404);
      expect(res.body).to.include({ reason: 'NotFound', message: 'namespaces "no-such-ns" not found' });
    });

    it('rejects a body namespace that differs from the URL (400)', async () => {
      const res = await s.post(CONFIGMAPS('default'), configMap('nsmismatch', {}, { namespace: 'kube-system' }));
      expect(res.status).to.equal(400);
      expect(res.body.message).to.equal('the namespace of the provided object does not match the namespace sent on the request');
    });

    it('creates cluster-scoped objects without a namespace', async () => {
      const res = await s.post(GADGETS, { apiVersion: API.gadgetApiVersion, kind: 'Gadget', metadata: { name: 'g1', namespace: 'default' }, spec: {} });
      expect(res.status, res.text).to.equal(201);
      expect(res.body.metadata.namespace).to.equal(undefined);
      expect((await s.get(`${GADGETS}/g1`)).status).to.equal(200);
    });

    it('rejects an apiVersion or kind that does not match the URL (400)', async () => {
      const wrongVersion = await s.post(WIDGETS('default'), { ...widget('wv'), apiVersion: 'example.com/v9' });
      expect(wrongVersion.status).to.equal(400);
      expect(wrongVersion.body.message).to.equal(
        `the API version in the data (example.com/v9) does not match the expected API version (${API.widgetApiVersion})`,
      );
      const wrongKind = await s.post(WIDGETS('default'), { ...widget('wk'), kind: 'ConfigMap' });
      expect(wrongKind.status).to.equal(400);
      expect(wrongKind.body.message).to.contain('must be of type Widget');
    });
  });

  describe('get and list', () => {
    it('gets an object and 404s a missing one', async () => {
      await s.post(CONFIGMAPS('default'), configMap('get-1', { k: 'v' }));
      const res = await s.get(`${CONFIGMAPS('default')}/get-1`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'v' } });
      const missing = await s.get(`${CONFIGMAPS('default')}/nope`);
      expect(missing.status).to.equal(404);
      expect(missing.body).to.deep.equal({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'configmaps "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', kind: 'configmaps' },
        code: 404,
      });
    });

    it('lists a namespace as <Kind>List with items carrying apiVersion/kind', async () => {
      await s.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'list-ns' } });
      await s.post(CONFIGMAPS('list-ns'), configMap('a', {}, { labels: { app: 'x' } }));
      await s.post(CONFIGMAPS('list-ns'), configMap('b', {}, { labels: { app: 'y' } }));
      const res = await s.get(CONFIGMAPS('list-ns'));
      expect(res.status).to.equal(200);
      expect(res.body.apiVersion).to.equal('v1');
      expect(res.body.kind).to.equal('ConfigMapList');
      expect(res.body.metadata.resourceVersion).to.match(/^\d+$/);
      expect(res.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['a', 'b']);
      for (const item of res.body.items) expect(item).to.include({ apiVersion: 'v1', kind: 'ConfigMap' });
      const selected = await s.get(`${CONFIGMAPS('list-ns')}?labelSelector=app%3Dy`);
      expect(selected.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['b']);
    });

    it('lists across namespaces on the cluster-wide path', async () => {
      const res = await s.get('/api/v1/configmaps');
      expect(res.status).to.equal(200);
      const namespaces = new Set(res.body.items.map((i: { metadata: { namespace: string } }) => i.metadata.namespace));
      expect(namespaces.has('default')).to.equal(true);
      expect(namespaces.has('list-ns')).to.equal(true);
    });

    it('pages with limit and continue', async () => {
      const first = await s.get(`${CONFIGMAPS('list-ns')}?limit=1`);
      expect(first.body.items).to.have.length(1);
      expect(first.body.metadata.continue).to.be.a('string');
      const second = await s.get(`${CONFIGMAPS('list-ns')}?limit=1&continue=${encodeURIComponent(first.body.metadata.continue)}`);
      expect(second.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['b']);
      expect(second.body.metadata.continue).to.equal(undefined);
    });

    it('serves an object in every version of its kind', async () => {
      await s.post(WIDGETS('default'), widget('multi'));
      const old = await s.get(`/apis/${API.widgetOldApiVersion}/namespaces/default/widgets/multi`);
      expect(old.status, old.text).to.equal(200);
      expect(old.body.apiVersion).to.equal(API.widgetOldApiVersion);
    });
  });

  describe('update', () => {
    it('updates with the current resourceVersion and bumps generation only on spec changes', async () => {
      const created = (await s.post(WIDGETS('default'), widget('upd-1'))).body;
      const labelled = { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } };
      const r1 = await s.put(`${WIDGETS('default')}/upd-1`, labelled);
      expect(r1.status, r1.text).to.equal(200);
      expect(r1.body.metadata.generation).to.equal(1);
      expect(Number(r1.body.metadata.resourceVersion)).to.be.greaterThan(Number(created.metadata.resourceVersion));
      expect(r1.body.metadata.uid).to.equal(created.metadata.uid);
      expect(r1.body.metadata.creationTimestamp).to.equal(created.metadata.creationTimestamp);
      const recolored = { ...r1.body, spec: { ...r1.body.spec, color: 'green' } };
      const r2 = await s.put(`${WIDGETS('default')}/upd-1`, recolored);
      expect(r2.status, r2.text).to.equal(200);
      expect(r2.body.metadata.generation).to.equal(2);
      expect(r2.body.spec.color).to.equal('green');
    });

    it('keeps the stored status on a main-resource update and writes it through /status', async () => {
      const created = (await s.post(WIDGETS('default'), widget('upd-status'))).body;
      const viaStatus = await s.put(`${WIDGETS('default')}/upd-status/status`, { ...created, status: API.widgetStatus, spec: { color: 'ignored' } });
      expect(viaStatus.status, viaStatus.text).to.equal(200);
      expect(viaStatus.body.status).to.deep.include(API.widgetStatus);
      expect(viaStatus.body.spec.color).to.equal('red');
      expect(viaStatus.body.metadata.generation).to.equal(1);
      const main = await s.put(`${WIDGETS('default')}/upd-status`, { ...viaStatus.body, status: {} });
      expect(main.status, main.text).to.equal(200);
      expect(main.body.status).to.deep.include(API.widgetStatus);
    });

    it('answers 409 Conflict for a stale resourceVersion', async () => {
      const created = (await s.post(WIDGETS('default'), widget('w1'))).body;
      const fresh = await s.put(`${WIDGETS('default')}/w1`, { ...created, spec: { color: 'blue' } });
      expect(fresh.status).to.equal(200);
      const stale = await s.put(`${WIDGETS('default')}/w1`, { ...created, spec: { color: 'pink' } });
      expect(stale.status).to.equal(409);
      expect(stale.body).to.include({
        reason: 'Conflict',
        code: 409,
        message:
          'Operation cannot be fulfilled on widgets.example.com "w1": the object has been modified; please apply your changes to the latest version and try again',
      });
      expect(stale.body.details).to.deep.equal({ name: 'w1', group: 'example.com', kind: 'widgets' });
    });

    it('treats a PUT without resourceVersion as unconditional', async () => {
      await s.post(CONFIGMAPS('default'), configMap('uncond'));
      const res = await s.put(`${CONFIGMAPS('default')}/uncond`, configMap('uncond', { b: '2' }));
      expect(res.status, res.text).to.equal(200);
      expect(res.body.data).to.deep.equal({ b: '2' });
    });

    it('does not write an unchanged object (same resourceVersion)', async () => {
      const created = (await s.post(CONFIGMAPS('default'), configMap('noop'))).body;
      const res = await s.put(`${CONFIGMAPS('default')}/noop`, created);
      expect(res.status).to.equal(200);
      expect(res.body.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
    });

    it('404s a PUT on a missing object and 400s a name that does not match the URL', async () => {
      const missing = await s.put(`${CONFIGMAPS('default')}/ghost`, configMap('ghost'));
      expect(missing.status).to.equal(404);
      expect(missing.body.message).to.equal('configmaps "ghost" not found');
      await s.post(CONFIGMAPS('default'), configMap('named'));
      const wrong = await s.put(`${CONFIGMAPS('default')}/named`, configMap('other'));
      expect(wrong.status).to.equal(400);
      expect(wrong.body.message).to.equal('the name of the object (other) does not match the name on the URL (named)');
    });

    it('rejects changing the uid (422)', async () => {
      const created = (await s.post(CONFIGMAPS('default'), configMap('uid-change'))).body;
      const res = await s.put(`${CONFIGMAPS('default')}/uid-change`, { ...created, metadata: { ...created.metadata, uid: 'other' } });
      expect(res.status).to.equal(422);
      expect(res.body.details.causes[0].field).to.equal('metadata.uid');
    });
  });

  describe('delete', () => {
    it('deletes an object and answers a Status Success with details', async () => {
      const created = (await s.post(WIDGETS('default'), widget('del-1'))).body;
      const res = await s.del(`${WIDGETS('default')}/del-1`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name: 'del-1', group: 'example.com', kind: 'widgets', uid: created.metadata.uid },
        code: 200,
      });
      expect((await s.get(`${WIDGETS('default')}/del-1`)).status).to.equal(404);
      expect((await s.del(`${WIDGETS('default')}/del-1`)).status).to.equal(404);
    });

    it('honours preconditions in DeleteOptions (409)', async () => {
      await s.post(CONFIGMAPS('default'), configMap('del-pre'));
      const res = await s.del(`${CONFIGMAPS('default')}/del-pre`, { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'wrong' } });
      expect(res.status).to.equal(409);
      expect(res.body.message).to.contain('Precondition failed: UID in precondition: wrong');
    });

    it('deletes a collection (label selected) and answers the deleted list', async () => {
      await s.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dc-ns' } });
      for (const [n, l] of [['x1', 'x'], ['x2', 'x'], ['y1', 'y']]) {
        await s.post(`/apis/${API.widgetApiVersion}/namespaces/dc-ns/widgets`, widget(n, { color: 'red' }, { labels: { grp: l } }));
      }
      const res = await s.del(`/apis/${API.widgetApiVersion}/namespaces/dc-ns/widgets?labelSelector=grp%3Dx`);
      expect(res.status, res.text).to.equal(200);
      expect(res.body.kind).to.equal('WidgetList');
      expect(res.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['x1', 'x2']);
      const left = await s.get(`/apis/${API.widgetApiVersion}/namespaces/dc-ns/widgets`);
      expect(left.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['y1']);
    });
  });

  describe('dryRun', () => {
    it('validates and answers a create without storing it', async () => {
      const res = await s.post(`${CONFIGMAPS('default')}?dryRun=All`, configMap('dry'));
      expect(res.status, res.text).to.equal(201);
      expect(res.body.metadata.uid).to.be.a('string');
      expect((await s.get(`${CONFIGMAPS('default')}/dry`)).status).to.equal(404);
    });

    it('answers an update and a delete without applying them', async () => {
      const created = (await s.post(CONFIGMAPS('default'), configMap('dry-2', { v: '1' }))).body;
      const upd = await s.put(`${CONFIGMAPS('default')}/dry-2?dryRun=All`, configMap('dry-2', { v: '2' }));
      expect(upd.status).to.equal(200);
      expect(upd.body.data).to.deep.equal({ v: '2' });
      const del = await s.del(`${CONFIGMAPS('default')}/dry-2?dryRun=All`);
      expect(del.status).to.equal(200);
      const now = await s.get(`${CONFIGMAPS('default')}/dry-2`);
      expect(now.body.data).to.deep.equal({ v: '1' });
      expect(now.body.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
    });

    /** A Widget that fails validation: spec.size has `@minimum 0`. */
    const invalidWidget = (name: string, base = widget(name)) => ({ ...base, spec: { ...base.spec, size: -1 } });
    function expectSizeInvalid(res: { status: number; text: string; body: any }, name: string): void { // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(res.status, res.text).to.equal(422);
      expect(res.body).to.include({ kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422 });
      expect(res.body.message).to.contain(`Widget.example.com "${name}" is invalid`);
      expect(res.body.details).to.include({ name, group: 'example.com', kind: 'Widget' });
      expect(res.body.details.causes.map((c: { field: string }) => c.field)).to.deep.equal(['spec.size']);
    }

    it('answers 422 for an invalid create and stores nothing', async function () {
      if (!USING_GENERATED) this.skip(); // spec.size and its minimum are the generated Widget's
      const res = await s.post(`${WIDGETS('default')}?dryRun=All`, invalidWidget('dry-invalid'));
      expectSizeInvalid(res, 'dry-invalid');
      expect((await s.get(`${WIDGETS('default')}/dry-invalid`)).status).to.equal(404);
      // The same body without dryRun is refused the same way (dryRun does not skip validation).
      expectSizeInvalid(await s.post(WIDGETS('default'), invalidWidget('dry-invalid')), 'dry-invalid');
    });

    it('answers 422 for an invalid update and changes nothing', async function () {
      if (!USING_GENERATED) this.skip(); // spec.size and its minimum are the generated Widget's
      const created = (await s.post(WIDGETS('default'), widget('dry-invalid-upd', { color: 'red', size: 2 }))).body;
      const res = await s.put(`${WIDGETS('default')}/dry-invalid-upd?dryRun=All`, invalidWidget('dry-invalid-upd', created));
      expectSizeInvalid(res, 'dry-invalid-upd');
      const now = await s.get(`${WIDGETS('default')}/dry-invalid-upd`);
      expect(now.body.spec.size).to.equal(2);
      expect(now.body.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
      expect(now.body.metadata.generation).to.equal(1);
    });

    it('rejects unknown dryRun values (400)', async () => {
      const res = await s.post(`${CONFIGMAPS('default')}?dryRun=Some`, configMap('dry-3'));
      expect(res.status).to.equal(400);
    });
  });

  describe('YAML', () => {
    it('accepts a YAML body and answers YAML when asked', async () => {
      const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yaml-1\ndata:\n  on: "yes"\n`;
      const res = await s.request('POST', CONFIGMAPS('default'), {
        raw: body,
        headers: { 'content-type': 'application/yaml', accept: 'application/yaml' },
      });
      expect(res.status, res.text).to.equal(201);
      expect(res.headers.get('content-type')).to.match(/^application\/yaml/);
      const parsed = parseYaml(res.text);
      expect(parsed.metadata.name).to.equal('yaml-1');
      expect(parsed.data).to.deep.equal({ on: 'yes' });
    });
  });
});

/**
 * Real LevelDB storage where another writer wins the race for chosen keys: before a create of a
 * key matching `raceFor` goes through, the same key is created underneath (while `races` lasts),
 * so the Store's create meets a genuine KeyExists, as it would when a generated name is taken.
 */
class RacingStorage implements Storage {
  races = 0;
  raceFor: (key: string) => boolean = () => false;
  /** Every create of a raced-for key, in order (the names the Store tried). */
  readonly attempts: string[] = [];
  readonly taken: string[] = [];
  constructor(private readonly inner: Storage) {}
  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    if (this.raceFor(key)) {
      this.attempts.push(key);
      if (this.races > 0) {
        this.races--;
        await this.inner.create(key, value);
        this.taken.push(key);
      }
    }
    return this.inner.create(key, value);
  }
  get(key: string): Promise<KeyValue | null> {
    return this.inner.get(key);
  }
  list(prefix: string, opts?: ListOptions): Promise<ListResult> {
    return this.inner.list(prefix, opts);
  }
  guaranteedUpdate(key: string, tryUpdate: TryUpdate, expectedModRevision?: number): Promise<KeyValue> {
    return this.inner.guaranteedUpdate(key, tryUpdate, expectedModRevision);
  }
  delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    return this.inner.delete(key, expectedModRevision);
  }
  currentRevision(): number {
    return this.inner.currentRevision();
  }
  onEvent(listener: (event: StorageEvent) => void): () => void {
    return this.inner.onEvent(listener);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

// The server's resource pipeline (recovery -> request info -> resource routes, as in
// runtime/server/server.ts) in this process, over the racing storage: the only way to make a
// random generated name collide on purpose.
describe('generateName collisions (in-process, racing storage)', function () {
  this.timeout(60_000);
  /** k8s.io/apiserver's generic Store tries a generated name this many times in all. */
  const ATTEMPTS = 8;
  const NAME = /^race-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
  let dir: string;
  let storage: RacingStorage;
  let http: Server;
  let url: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kapi-genname-'));
    storage = new RacingStorage(await openStorage('level', dir));
    const groups: GroupRegistration[] = USING_GENERATED
      ? (await import('../../generated/index.js')).groups
      : (await import('../fixtures/server/groups.js')).serverTestGroups;
    const scheme = new Scheme(groups);
    const registry = new Registry(scheme, storage);
    await registry.bootstrap();
    const app = new Koa();
    app.silent = true;
    app.use(recovery(pino({ level: 'silent' })));
    app.use(requestInfo());
    app.use(resourceRoutes(scheme, new RESTMapper(scheme), registry));
    http = createServer(app.callback());
    await new Promise<void>((res) => http.listen(0, '127.0.0.1', res));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(async () => {
    if (http) await new Promise<void>((res) => http.close(() => res()));
    await storage?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    storage.attempts.length = 0;
    storage.taken.length = 0;
    storage.races = 0;
    storage.raceFor = (key) => key.startsWith('/registry/core/configmaps/default/race-');
  });

  const nameOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);
  async function post(body: unknown) {
    const res = await fetch(`${url}${CONFIGMAPS('default')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
  const generated = () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'race-' }, data: { mine: 'yes' } });
  const getConfigMap = async (name: string) => {
    const res = await fetch(`${url}${CONFIGMAPS('default')}/${name}`);
    return { status: res.status, body: res.status === 200 ? JSON.parse(await res.text()) : undefined };
  };

  it('retries a taken generated name with a new one and answers 201', async () => {
    storage.races = 2;
    const res = await post(generated());
    expect(res.status, res.text).to.equal(201);
    const body = JSON.parse(res.text);
    expect(body.metadata.name).to.match(NAME);
    expect(body.metadata.generateName).to.equal('race-');
    // Two names were taken by the other writer, the third try is the answer.
    expect(storage.taken).to.have.length(2);
    expect(storage.attempts.map(nameOf)).to.deep.equal([...storage.taken.map(nameOf), body.metadata.name]);
    expect(storage.taken.map(nameOf)).to.not.include(body.metadata.name);
    for (const name of storage.attempts.map(nameOf)) {
      expect(name).to.match(NAME);
      expect((await getConfigMap(name)).status).to.equal(200);
    }
    const stored = await getConfigMap(body.metadata.name);
    expect(stored.body.metadata.uid).to.equal(body.metadata.uid);
    expect(stored.body.data).to.deep.equal({ mine: 'yes' });
  });

  it(`gives up after ${ATTEMPTS} tries with kube's 409 AlreadyExists and Retry-After`, async () => {
    storage.races = Number.POSITIVE_INFINITY;
    const res = await post(generated());
    expect(storage.attempts).to.have.length(ATTEMPTS);
    expect(new Set(storage.attempts).size, 'every try is a new name').to.equal(ATTEMPTS);
    const last = nameOf(storage.attempts[ATTEMPTS - 1]);
    expect(res.status, res.text).to.equal(409);
    expect(JSON.parse(res.text)).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `configmaps "${last}" already exists, the server was not able to generate a unique name for the object`,
      reason: 'AlreadyExists',
      details: { name: last, kind: 'configmaps', retryAfterSeconds: 1 },
      code: 409,
    });
    expect(res.headers.get('retry-after')).to.equal('1');
  });

  it('never retries a name the client chose (plain 409 AlreadyExists)', async () => {
    storage.races = 1;
    const res = await post({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race-chosen' } });
    expect(storage.attempts).to.have.length(1);
    expect(res.status, res.text).to.equal(409);
    expect(JSON.parse(res.text)).to.include({ reason: 'AlreadyExists', message: 'configmaps "race-chosen" already exists' });
    expect(JSON.parse(res.text).details).to.deep.equal({ name: 'race-chosen', kind: 'configmaps' });
    expect(res.headers.get('retry-after')).to.equal(null);
  });
});
