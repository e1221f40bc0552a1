import { expect } from 'chai';
import { StatusError } from '../../runtime/machinery/errors.js';
import { Scheme } from '../../runtime/machinery/scheme.js';
import type { JSONObject } from '../../runtime/machinery/registration.js';
import { testGroups } from '../fixtures/registration/example.js';

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

describe('machinery/scheme', () => {
  const scheme = new Scheme(testGroups);

  it('indexes groups and resolves kinds by gvk', () => {
    expect(scheme.group('example.com')?.preferredVersion).to.equal('v2');
    expect(scheme.group('')?.kinds[0].kind).to.equal('ConfigMap');
    expect(scheme.resolve({ group: 'example.com', version: 'v1', kind: 'Widget' })?.versioned.version).to.equal('v1');
    expect(scheme.resolve({ group: 'example.com', version: 'v3', kind: 'Widget' })).to.equal(undefined);
    expect(scheme.storageKind('example.com', 'Widget')?.versioned.version).to.equal('v2');
  });

  it('applies the object version defaults in place', () => {
    const v1: JSONObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} };
    scheme.default(v1);
    expect(v1.spec).to.deep.equal({ size: 1, color: 'blue' });
    const v2: JSONObject = { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'w' } };
    scheme.default(v2);
    expect(v2.spec).to.deep.equal({ replicas: 1, color: 'blue' });
  });

  it('converts v1 -> v2 and back through internal, renaming the field', () => {
    const v1: JSONObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3, color: 'red' } };
    const internal = scheme.toInternal(v1);
    expect(internal).to.deep.equal({ metadata: { name: 'w' }, spec: { replicas: 3, color: 'red' } });
    const v2 = scheme.convert(v1, { group: 'example.com', version: 'v2' });
    expect(v2).to.deep.equal({ apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'w' }, spec: { replicas: 3, color: 'red' } });
    expect(scheme.convert(v2, { group: 'example.com', version: 'v1' })).to.deep.equal(v1);
    expect(scheme.fromInternal(internal, { group: 'example.com', version: 'v1', kind: 'Widget' })).to.deep.equal(v1);
    expect(v1.spec).to.deep.equal({ size: 3, color: 'red' }, 'input not mutated');
  });

  it('deep-copies by apiVersion/kind', () => {
    const obj: JSONObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' } }, data: { k: 'v' } };
    const copy = scheme.deepCopy(obj);
    expect(copy).to.deep.equal(obj);
    (copy.metadata as { labels: Record<string, string> }).labels.a = 'changed';
    expect((obj.metadata as { labels: Record<string, string> }).labels.a).to.equal('b');
  });

  it('rejects missing or unknown apiVersion/kind with 400', () => {
    const noKind = statusOf(() => scheme.toInternal({ apiVersion: 'example.com/v1', metadata: {} }));
    expect(noKind.code).to.equal(400);
    expect(noKind.message).to.match(/^Object 'Kind' is missing in '\{/);
    const noVersion = statusOf(() => scheme.toInternal({ kind: 'Widget' }));
    expect(noVersion.message).to.match(/^Object 'apiVersion' is missing in/);
    const unknown = statusOf(() => scheme.toInternal({ apiVersion: 'example.com/v1', kind: 'Foo' }));
    expect(unknown.code).to.equal(400);
    expect(unknown.message).to.equal('no kind "Foo" is registered for version "example.com/v1"');
    const badVersion = statusOf(() => scheme.default({ apiVersion: 'a/b/c', kind: 'Widget' }));
    expect(badVersion.status).to.include({ code: 400, message: 'unexpected GroupVersion string: a/b/c' });
    const wrongType = statusOf(() => scheme.deepCopy({ apiVersion: 1, kind: 'Widget' }));
    expect(wrongType.code).to.equal(400);
    expect(statusOf(() => scheme.convert({ apiVersion: 'v1', kind: 'ConfigMap' }, { group: 'example.com', version: 'v1' })).code).to.equal(400);
    expect(statusOf(() => scheme.fromInternal({}, { group: 'example.com', version: 'v9', kind: 'Widget' })).message).to.equal(
      'no kind "Widget" is registered for version "example.com/v9"',
    );
  });

  it('refuses a group registered twice', () => {
    expect(() => new Scheme([...testGroups, testGroups[1]])).to.throw(/registered twice/);
  });
});
