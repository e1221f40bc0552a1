// Server-side apply over HTTP (PATCH application/apply-patch+yaml) and the managedFields every
// write records: ownership, conflicts (kube's message and causes), force, removal of fields an
// applier drops, shared ownership, Update managers (fieldManager parameter or user agent), and the
// client-side -> server-side apply upgrade through the last-applied annotation.
import { expect } from 'chai';
import { type TestServer, startTestServer } from './testserver.js';

const APPLY = 'application/apply-patch+yaml';
const CMS = '/api/v1/namespaces/default/configmaps';
const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';
const SERVICES = '/api/v1/namespaces/default/services';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON bodies

describe('server-side apply', function () {
  this.timeout(60_000);
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  async function applyRaw(path: string, body: string, query: string, headers: Record<string, string> = {}) {
    return server.request('PATCH', `${path}?${query}`, { raw: body, headers: { 'content-type': APPLY, ...headers } });
  }
  const applyAs = (path: string, obj: Obj, manager: string, extra = '') =>
    applyRaw(path, JSON.stringify(obj), `fieldManager=${encodeURIComponent(manager)}${extra}`);
  const cm = (name: string, data: Record<string, string>, extra: Obj = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data });
  const entry = (obj: Obj, manager: string, operation = 'Apply'): Obj =>
    (obj.metadata.managedFields as Obj[]).find((e) => e.manager === manager && e.operation === operation) ?? {};

  it('creates a missing object (201) and records the applier with kube shaped managedFields', async () => {
    const res = await applyRaw(CMS + '/ssa-create', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-create\n  labels:\n    app: x\ndata:\n  a: "1"\n', 'fieldManager=tester');
    expect(res.status, res.text).to.equal(201);
    expect(res.body.data).to.deep.equal({ a: '1' });
    const mf = res.body.metadata.managedFields as Obj[];
    expect(mf).to.have.length(1);
    expect(mf[0]).to.include({ manager: 'tester', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1' });
    expect(mf[0].time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(mf[0].fieldsV1).to.deep.equal({ 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } });
    expect(Object.keys(mf[0])).to.deep.equal(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
  });

  it('never records ownership of fields the schema does not declare (fieldValidation applies to the configuration)', async () => {
    const body = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'ssa-unknown' }, spec: { color: 'red', bogus: 1 } };
    const strict = await applyRaw(WIDGETS + '/ssa-unknown', JSON.stringify(body), 'fieldManager=a&fieldValidation=Strict');
    expect(strict.status, strict.text).to.equal(400);
    expect(strict.body.message).to.include('unknown field "spec.bogus"');
    const warned = await applyRaw(WIDGETS + '/ssa-unknown', JSON.stringify(body), 'fieldManager=a&fieldValidation=Warn');
    expect(warned.status, warned.text).to.equal(201);
    expect(warned.headers.get('warning')).to.include('unknown field \\"spec.bogus\\"');
    expect(warned.body.spec).to.not.have.property('bogus');
    expect(entry(warned.body, 'a').fieldsV1['f:spec']).to.have.property('f:color');
    expect(entry(warned.body, 'a').fieldsV1['f:spec']).to.not.have.property('f:bogus');
    // A second manager setting the same undeclared field meets no phantom owner.
    const other = await applyRaw(WIDGETS + '/ssa-unknown', JSON.stringify({ ...body, spec: { bogus: 2 } }), 'fieldManager=b&fieldValidation=Ignore');
    expect(other.status, other.text).to.equal(200);
    expect(other.headers.get('warning')).to.equal(null);
  });

  it('requires fieldManager (422 on PatchOptions) and refuses force on other patch types', async () => {
    const res = await applyRaw(CMS + '/ssa-nomanager', JSON.stringify(cm('ssa-nomanager', { a: '1' })), '');
    expect(res.status).to.equal(422);
    expect(res.body.reason).to.equal('Invalid');
    expect(res.body.message).to.equal('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    await applyAs(CMS + '/ssa-force', cm('ssa-force', { a: '1' }), 'm');
    const merge = await server.request('PATCH', `${CMS}/ssa-force?force=true`, { raw: '{"data":{"a":"2"}}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(merge.status).to.equal(422);
    expect(merge.body.message).to.include('force: Forbidden: may not be specified for non-apply patch');
  });

  it('rejects a wrong version, kind or name and a managedFields in the configuration (400)', async () => {
    const wrongVersion = await applyAs(CMS + '/ssa-bad', { apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'ssa-bad' } }, 'm');
    expect(wrongVersion.status).to.equal(400);
    expect(wrongVersion.body.message).to.equal('Incorrect version specified in apply patch. Specified patch version: v2, expected: v1');
    const wrongName = await applyAs(CMS + '/ssa-bad', cm('other', {}), 'm');
    expect(wrongName.status).to.equal(400);
    expect(wrongName.body.message).to.equal('the name of the object (other) does not match the name on the URL (ssa-bad)');
    const withMF = await applyAs(CMS + '/ssa-bad', cm('ssa-bad', {}, { managedFields: [] }), 'm');
    expect(withMF.status).to.equal(400);
    expect(withMF.body.message).to.equal('metadata.managedFields must be nil');
    const yaml = await applyRaw(CMS + '/ssa-bad', 'a: [', 'fieldManager=m');
    expect(yaml.status).to.equal(400);
  });

  it('a conflicting value is a 409 naming the field and manager; force takes the field over', async () => {
    await applyAs(CMS + '/ssa-conflict', cm('ssa-conflict', { a: '1', b: '1' }), 'alice');
    const res = await applyAs(CMS + '/ssa-conflict', cm('ssa-conflict', { a: '2' }), 'bob');
    expect(res.status).to.equal(409);
    expect(res.body.reason).to.equal('Conflict');
    expect(res.body.message).to.equal('Apply failed with 1 conflict: conflict with "alice": .data.a');
    expect(res.body.details).to.deep.equal({ causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.data.a' }] });
    // The same value is no conflict: both own it.
    const same = await applyAs(CMS + '/ssa-conflict', cm('ssa-conflict', { b: '1' }), 'bob');
    expect(same.status, same.text).to.equal(200);
    expect(entry(same.body, 'alice').fieldsV1).to.deep.equal({ 'f:data': { 'f:a': {}, 'f:b': {} } });
    expect(entry(same.body, 'bob').fieldsV1).to.deep.equal({ 'f:data': { 'f:b': {} } });
    const forced = await applyAs(CMS + '/ssa-conflict', cm('ssa-conflict', { a: '2', b: '1' }), 'bob', '&force=true');
    expect(forced.status, forced.text).to.equal(200);
    expect(forced.body.data).to.deep.equal({ a: '2', b: '1' });
    expect(entry(forced.body, 'alice').fieldsV1).to.deep.equal({ 'f:data': { 'f:b': {} } });
    expect(entry(forced.body, 'bob').fieldsV1).to.deep.equal({ 'f:data': { 'f:a': {}, 'f:b': {} } });
  });

  it('several conflicts are grouped by manager', async () => {
    await applyAs(CMS + '/ssa-multi', cm('ssa-multi', { a: '1', b: '1' }), 'alice');
    await server.request('PATCH', `${CMS}/ssa-multi?fieldManager=editor`, { raw: '{"data":{"c":"1"}}', headers: { 'content-type': 'application/merge-patch+json' } });
    const res = await applyAs(CMS + '/ssa-multi', cm('ssa-multi', { a: '2', b: '2', c: '2' }), 'bob');
    expect(res.status).to.equal(409);
    expect(res.body.message).to.equal(
      'Apply failed with 3 conflicts: conflicts with "alice":\n- .data.a\n- .data.b\nconflicts with "editor" using v1:\n- .data.c',
    );
    expect(res.body.details.causes).to.have.length(3);
  });

  it('a re-apply that omits an owned field removes it, unless another manager owns it too', async () => {
    await applyAs(CMS + '/ssa-remove', cm('ssa-remove', { a: '1', b: '1', shared: 'x' }), 'alice');
    await applyAs(CMS + '/ssa-remove', cm('ssa-remove', { shared: 'x' }), 'bob');
    const res = await applyAs(CMS + '/ssa-remove', cm('ssa-remove', { a: '1' }), 'alice');
    expect(res.status, res.text).to.equal(200);
    expect(res.body.data).to.deep.equal({ a: '1', shared: 'x' });
    expect(entry(res.body, 'alice').fieldsV1).to.deep.equal({ 'f:data': { 'f:a': {} } });
  });

  it('a no-op re-apply does not write (same resourceVersion)', async () => {
    const first = await applyAs(CMS + '/ssa-noop', cm('ssa-noop', { a: '1' }), 'alice');
    const again = await applyAs(CMS + '/ssa-noop', cm('ssa-noop', { a: '1' }), 'alice');
    expect(again.status).to.equal(200);
    expect(again.body.metadata.resourceVersion).to.equal(first.body.metadata.resourceVersion);
  });

  it('keyed lists (listType=map) merge by key and per-item ownership uses k: elements', async () => {
    const svc = (ports: Obj[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ssa-svc' }, spec: { ports } });
    const first = await applyAs(SERVICES + '/ssa-svc', svc([{ name: 'http', port: 80 }]), 'alice');
    expect(first.status, first.text).to.equal(201);
    const second = await applyAs(SERVICES + '/ssa-svc', svc([{ name: 'metrics', port: 9090 }]), 'bob');
    expect(second.status, second.text).to.equal(200);
    expect(second.body.spec.ports.map((p: Obj) => p.port)).to.deep.equal([80, 9090]);
    expect(entry(second.body, 'bob').fieldsV1).to.deep.equal({
      'f:spec': { 'f:ports': { 'k:{"port":9090,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {} } } },
    });
    // alice drops her port: it goes, bob's stays.
    const third = await applyAs(SERVICES + '/ssa-svc', svc([]), 'alice');
    expect(third.body.spec.ports.map((p: Obj) => p.port)).to.deep.equal([9090]);
  });

  it('Widget (CRD-like): status is not owned through the main resource; defaults are not owned', async () => {
    const w = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'ssa-w' }, spec: { color: 'red', size: 2 }, status: { replicas: 5 } };
    const res = await applyAs(WIDGETS + '/ssa-w', w, 'alice');
    expect(res.status, res.text).to.equal(201);
    expect(res.body.spec.replicas).to.equal(1);
    expect(res.body.status ?? {}).to.deep.equal({});
    expect(entry(res.body, 'alice').fieldsV1).to.deep.equal({ 'f:spec': { 'f:color': {}, 'f:size': {} } });
    const dropped = await applyAs(WIDGETS + '/ssa-w', { ...w, spec: { color: 'red' } }, 'alice');
    expect(dropped.body.spec).to.deep.equal({ color: 'red', replicas: 1 });
  });

  it('ownership recorded in another version is judged in that version (v1alpha1 paint = v1 color)', async () => {
    const old = { apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'ssa-xv' }, spec: { paint: 'red' } };
    const created = await applyAs('/apis/example.com/v1alpha1/namespaces/default/widgets/ssa-xv', old, 'old-client');
    expect(created.status, created.text).to.equal(201);
    expect(entry(created.body, 'old-client').apiVersion).to.equal('example.com/v1alpha1');
    expect(entry(created.body, 'old-client').fieldsV1).to.deep.equal({ 'f:spec': { 'f:paint': {} } });
    const w = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'ssa-xv' }, spec: { color: 'blue' } };
    const res = await applyAs(WIDGETS + '/ssa-xv', w, 'new-client');
    expect(res.status).to.equal(409);
    expect(res.body.message).to.equal('Apply failed with 1 conflict: conflict with "old-client": .spec.paint');
    const same = await applyAs(WIDGETS + '/ssa-xv', { ...w, spec: { color: 'red' } }, 'new-client');
    expect(same.status, same.text).to.equal(200);
  });

  it('applies to the status subresource: only status changes', async () => {
    await applyAs(WIDGETS + '/ssa-st', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'ssa-st' }, spec: { color: 'red' } }, 'alice');
    const res = await applyAs(
      WIDGETS + '/ssa-st/status',
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'ssa-st' }, spec: { color: 'blue' }, status: { replicas: 3 } },
      'controller',
    );
    expect(res.status, res.text).to.equal(200);
    expect(res.body.status).to.deep.equal({ replicas: 3 });
    expect(res.body.spec.color).to.equal('red');
    const missing = await applyAs(WIDGETS + '/nope/status', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'nope' }, status: { replicas: 1 } }, 'c');
    expect(missing.status).to.equal(404);
  });

  describe('Update managers', () => {
    it('an Update entry never claims a field the schema drops', async () => {
      const created = await server.request('POST', `${CMS}?fieldManager=maker`, { body: { ...cm('upd-unknown', { a: '1' }), bogus: 1 } });
      expect(created.status, created.text).to.equal(201);
      expect(entry(created.body, 'maker', 'Update').fieldsV1).to.deep.equal({ 'f:data': { '.': {}, 'f:a': {} } });
      const patched = await server.request('PATCH', `${CMS}/upd-unknown?fieldManager=patcher`, {
        raw: JSON.stringify({ metadata: { constructor: { prototype: { x: 1 } } }, data: { b: '2' }, extra: true }),
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(patched.status, patched.text).to.equal(200);
      expect(entry(patched.body, 'patcher', 'Update').fieldsV1).to.deep.equal({ 'f:data': { 'f:b': {} } });
    });

    it('POST, PUT and PATCH record Update entries for fieldManager or the user agent program', async () => {
      const created = await server.request('POST', CMS, { body: cm('upd', { a: '1' }, { labels: { l: 'v' } }), headers: { 'user-agent': 'myctl/1.0 (linux)' } });
      expect(created.status).to.equal(201);
      const e = entry(created.body, 'myctl', 'Update');
      expect(e).to.include({ operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1' });
      expect(e.fieldsV1).to.deep.equal({ 'f:data': { '.': {}, 'f:a': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:l': {} } } });
      const patched = await server.request('PATCH', `${CMS}/upd?fieldManager=kubectl-edit`, { raw: '{"data":{"b":"2"}}', headers: { 'content-type': 'application/strategic-merge-patch+json' } });
      expect(entry(patched.body, 'kubectl-edit', 'Update').fieldsV1).to.deep.equal({ 'f:data': { 'f:b': {} } });
      const put = { ...patched.body, data: { a: '9', b: '2' } };
      delete put.metadata.managedFields;
      const replaced = await server.request('PUT', `${CMS}/upd?fieldManager=replacer`, { body: put });
      expect(replaced.status, replaced.text).to.equal(200);
      expect(entry(replaced.body, 'replacer', 'Update').fieldsV1).to.deep.equal({ 'f:data': { 'f:a': {} } });
      // myctl lost .data.a to the replacer but keeps the data map itself (a member without
      // children encodes as {}) and its labels.
      expect(entry(replaced.body, 'myctl', 'Update').fieldsV1).to.deep.equal({ 'f:data': {}, 'f:metadata': { 'f:labels': { '.': {}, 'f:l': {} } } });
      // An apply that changes a field an Update manager owns conflicts with it.
      const conflict = await applyAs(CMS + '/upd', cm('upd', { b: '3' }), 'applier');
      expect(conflict.status).to.equal(409);
      expect(conflict.body.message).to.equal('Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.b');
    });
  });

  it('server-side apply by kubectl after client-side apply keeps the object and takes over unchanged fields', async () => {
    const manifest = cm('csa', { a: '1', b: '2' });
    const lastApplied = JSON.stringify({ ...manifest, metadata: { ...manifest.metadata, annotations: {} } });
    const created = await server.request('POST', `${CMS}?fieldManager=kubectl-client-side-apply`, {
      body: { ...manifest, metadata: { name: 'csa', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } } },
    });
    expect(created.status).to.equal(201);
    // Same manifest, one value changed: the client-side value is still the last-applied one, so no conflict.
    const res = await applyAs(CMS + '/csa', cm('csa', { a: '1', b: '3' }), 'kubectl');
    expect(res.status, res.text).to.equal(200);
    expect(res.body.data).to.deep.equal({ a: '1', b: '3' });
    expect(JSON.parse(res.body.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).data).to.deep.equal({ a: '1', b: '3' });
    // Another manager changing b would still conflict.
    const other = await applyAs(CMS + '/csa', cm('csa', { b: '4' }), 'someone');
    expect(other.status).to.equal(409);
  });
});
