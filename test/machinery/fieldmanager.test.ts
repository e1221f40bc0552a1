// Field sets and field ownership as facts: the FieldsV1 encoding (f:/k:/v:/i: elements, `.` for a
// member with children), set algebra, the path spelling of conflict messages, and the FieldManager's
// Update and Apply rules on a small schema with a keyed list, a set list and an atomic list.
import { expect } from 'chai';
import { StatusError } from '../../runtime/machinery/errors.js';
import { FieldManager } from '../../runtime/machinery/fieldmanager/fieldmanager.js';
import { FieldSet, keyElement, pathString, valueElement } from '../../runtime/machinery/fieldmanager/fieldset.js';
import { decodeManagedFields, encodeManagedFields } from '../../runtime/machinery/fieldmanager/managed.js';
import { managerParams, updateManager } from '../../runtime/machinery/fieldmanager/request.js';
import type { JSONObject, OpenAPISchema } from '../../runtime/machinery/registration.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const SCHEMAS: Record<string, OpenAPISchema> = {
  Thing: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [ref('Meta')] },
      spec: { allOf: [ref('Spec')] },
      status: { type: 'object', properties: { ready: { type: 'boolean' } } },
    },
  },
  Meta: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      resourceVersion: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      annotations: { type: 'object', additionalProperties: { type: 'string' } },
      managedFields: { type: 'array', items: { type: 'object' }, 'x-kubernetes-list-type': 'atomic' },
    },
  },
  Spec: {
    type: 'object',
    properties: {
      size: { type: 'integer' },
      color: { type: 'string' },
      items: { type: 'array', items: ref('Item'), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
      tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      args: { type: 'array', items: { type: 'string' } },
      selector: { type: 'object', properties: { app: { type: 'string' } }, 'x-kubernetes-map-type': 'atomic' },
    },
  },
  Item: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
};

const fm = (subresource = '', statusSubresource = true) =>
  new FieldManager({ schemas: SCHEMAS, schemaName: 'Thing', apiVersion: 'x.io/v1', subresource, statusSubresource });
const thing = (spec: JSONObject, meta: JSONObject = {}): JSONObject => ({ apiVersion: 'x.io/v1', kind: 'Thing', metadata: { name: 't', ...meta }, spec });
const fieldsOf = (obj: JSONObject, manager: string, operation = 'Apply') =>
  ((obj.metadata as JSONObject).managedFields as JSONObject[]).find((e) => e.manager === manager && e.operation === operation)?.fieldsV1;

describe('field sets (FieldsV1)', () => {
  it('encodes members, children and `.` as Kubernetes does', () => {
    const s = FieldSet.fromPaths([['f:spec', 'f:size'], ['f:metadata', 'f:labels'], ['f:metadata', 'f:labels', 'f:app'], ['f:spec', 'k:{"name":"a"}']]);
    expect(s.toFieldsV1()).to.deep.equal({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': { 'f:size': {}, 'k:{"name":"a"}': {} },
    });
    expect(FieldSet.fromFieldsV1(s.toFieldsV1()).toFieldsV1()).to.deep.equal(s.toFieldsV1());
  });

  it('orders fields before keys, values and indexes; keys sort their fields', () => {
    const s = FieldSet.fromPaths([['i:1'], ['v:"x"'], ['k:{"a":1}'], ['f:b'], ['f:a']]);
    expect(Object.keys(s.toFieldsV1())).to.deep.equal(['f:a', 'f:b', 'k:{"a":1}', 'v:"x"', 'i:1']);
    expect(keyElement(['protocol', 'port'], { port: 80, protocol: 'TCP' })).to.equal('k:{"port":80,"protocol":"TCP"}');
    expect(valueElement('a')).to.equal('v:"a"');
  });

  it('union, difference and intersection work on members, keeping needed parents', () => {
    const a = FieldSet.fromPaths([['f:a', 'f:x'], ['f:a', 'f:y'], ['f:b']]);
    const b = FieldSet.fromPaths([['f:a', 'f:y'], ['f:c']]);
    expect(a.union(b).paths()).to.deep.equal([['f:a', 'f:x'], ['f:a', 'f:y'], ['f:b'], ['f:c']]);
    expect(a.difference(b).paths()).to.deep.equal([['f:a', 'f:x'], ['f:b']]);
    expect(a.intersection(b).paths()).to.deep.equal([['f:a', 'f:y']]);
  });

  it('prints paths the way conflict messages do', () => {
    expect(pathString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}', 'f:name'])).to.equal('.spec.ports[port=80,protocol="TCP"].name');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"a"'])).to.equal('.metadata.finalizers[="a"]');
  });

  it('rejects malformed fieldsV1 and sorts entries Apply first, then by time', () => {
    expect(() => decodeManagedFields([{ manager: 'm', fieldsV1: { bad: {} } }])).to.throw('invalid fieldsV1 element');
    const managed = decodeManagedFields([
      { manager: 'u', operation: 'Update', apiVersion: 'v1', time: '2020-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:a': {} } },
      { manager: 'b', operation: 'Apply', apiVersion: 'v1', time: '2021-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:b': {} } },
      { manager: 'a', operation: 'Apply', apiVersion: 'v1', time: '2021-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:c': {} } },
      { manager: 'empty', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} },
    ]);
    expect(encodeManagedFields(managed).map((e) => e.manager)).to.deep.equal(['a', 'b', 'u']);
  });
});

describe('field manager', () => {
  it('an Update on create owns every field it set, containers marked with `.`', () => {
    const next = thing({ size: 1, tags: ['a'] }, { labels: { l: 'v' } });
    fm().recordUpdate(undefined, next, 'creator');
    expect(fieldsOf(next, 'creator', 'Update')).to.deep.equal({
      'f:metadata': { 'f:labels': { '.': {}, 'f:l': {} } },
      'f:spec': { '.': {}, 'f:size': {}, 'f:tags': { '.': {}, 'v:"a"': {} } },
    });
  });

  it('an Update takes changed fields from others and drops removed ones', () => {
    const live = thing({ size: 1, color: 'red' });
    fm().recordUpdate(undefined, live, 'a');
    const next = thing({ size: 2 });
    next.metadata = { ...(next.metadata as JSONObject), managedFields: (live.metadata as JSONObject).managedFields };
    fm().recordUpdate(live, next, 'b');
    expect(fieldsOf(next, 'a', 'Update')).to.deep.equal({ 'f:spec': {} });
    expect(fieldsOf(next, 'b', 'Update')).to.deep.equal({ 'f:spec': { 'f:size': {} } });
  });

  it('Apply owns only its leaves and keyed items; atomic fields are one leaf', () => {
    const out = fm().apply(undefined, thing({ items: [{ name: 'a', value: '1' }], args: ['x'], selector: { app: 'y' }, tags: ['t'] }), 'ap', false);
    expect(fieldsOf(out, 'ap')).to.deep.equal({
      'f:spec': {
        'f:args': {},
        'f:items': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
        'f:selector': {},
        'f:tags': { 'v:"t"': {} },
      },
    });
  });

  it('keyed lists and sets merge across appliers; atomic lists are replaced', () => {
    const one = fm().apply(undefined, thing({ items: [{ name: 'a', value: '1' }], tags: ['x'], args: ['1'] }), 'one', false);
    const two = fm().apply(one, thing({ items: [{ name: 'b', value: '2' }], tags: ['y'] }), 'two', false);
    expect((two.spec as JSONObject).items).to.deep.equal([{ name: 'a', value: '1' }, { name: 'b', value: '2' }]);
    expect((two.spec as JSONObject).tags).to.deep.equal(['x', 'y']);
    expect(() => fm().apply(two, thing({ args: ['2'] }), 'two', false)).to.throw(StatusError, 'conflict with "one": .spec.args');
  });

  it('conflicts are 409s with causes; force moves ownership', () => {
    const live = fm().apply(undefined, thing({ size: 1 }), 'one', false);
    try {
      fm().apply(live, thing({ size: 2 }), 'two', false);
      expect.fail('expected a conflict');
    } catch (err) {
      expect((err as StatusError).status.code).to.equal(409);
      expect((err as StatusError).status.details?.causes).to.deep.equal([{ reason: 'FieldManagerConflict', message: 'conflict with "one"', field: '.spec.size' }]);
    }
    const forced = fm().apply(live, thing({ size: 2 }), 'two', true);
    expect(fieldsOf(forced, 'one')).to.equal(undefined);
    expect(fieldsOf(forced, 'two')).to.deep.equal({ 'f:spec': { 'f:size': {} } });
  });

  it('dropping an owned item removes it; a co-owned one stays', () => {
    const one = fm().apply(undefined, thing({ items: [{ name: 'a' }, { name: 'b' }] }), 'one', false);
    const two = fm().apply(one, thing({ items: [{ name: 'b' }] }), 'two', false);
    const out = fm().apply(two, thing({ items: [] }), 'one', false);
    expect((out.spec as JSONObject).items).to.deep.equal([{ name: 'b' }]);
  });

  it('the main resource does not own status; the status subresource owns only status', () => {
    const main = fm().apply(undefined, { ...thing({ size: 1 }), status: { ready: true } }, 'm', false);
    expect(fieldsOf(main, 'm')).to.deep.equal({ 'f:spec': { 'f:size': {} } });
    const status = fm('status').apply(main, { ...thing({ size: 5 }), status: { ready: false } }, 's', false);
    expect(((status.metadata as JSONObject).managedFields as JSONObject[]).find((e) => e.manager === 's')).to.deep.include({
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:ready': {} } },
    });
  });

  it('more than 10 Update managers: the oldest merge into ancient-changes', () => {
    let live = thing({});
    fm().recordUpdate(undefined, live, 'creator');
    for (let i = 0; i < 11; i++) {
      const next = thing({ ...(live.spec as JSONObject), [`f${i}`]: String(i) } as JSONObject);
      (next.metadata as JSONObject).managedFields = (live.metadata as JSONObject).managedFields;
      fm().recordUpdate(live, next, `m${i}`);
      live = next;
    }
    const entries = (live.metadata as JSONObject).managedFields as JSONObject[];
    expect(entries.filter((e) => e.operation === 'Update')).to.have.length(10);
    expect(entries.map((e) => e.manager)).to.include('ancient-changes');
  });

  it('a write sending managedFields [{}] resets them to just its own entry', () => {
    const live = fm().apply(undefined, thing({ size: 1 }), 'one', false);
    const next = thing({ size: 1, color: 'red' }, { managedFields: [{}] });
    fm().recordUpdate(live, next, 'resetter');
    expect(((next.metadata as JSONObject).managedFields as JSONObject[]).map((e) => e.manager)).to.deep.equal(['resetter']);
  });

  it('request parameters: fieldManager required for apply, force only for apply, user agent prefix', () => {
    expect(() => managerParams(new URLSearchParams(''), 'PatchOptions', true)).to.throw('fieldManager: Required value: is required for apply patch');
    expect(() => managerParams(new URLSearchParams('force=true'), 'PatchOptions', false)).to.throw('force: Forbidden');
    expect(() => managerParams(new URLSearchParams(`fieldManager=${'x'.repeat(129)}`), 'UpdateOptions')).to.throw(StatusError);
    expect(managerParams(new URLSearchParams('fieldManager=m&force=true'), 'PatchOptions', true)).to.deep.equal({ fieldManager: 'm', force: true });
    expect(updateManager('', 'kubectl/v1.32.0 (linux/amd64) kubernetes/abc')).to.equal('kubectl');
    expect(updateManager('kubectl-edit', 'kubectl/v1.32.0')).to.equal('kubectl-edit');
  });
});
