// Strategic merge patch, as facts from Kubernetes' documented behaviour (the strategic merge patch
// design doc of kubernetes/community and the cases apimachinery's strategicpatch tests cover):
// merge by key, deletion directives, primitive lists, $retainKeys, $setElementOrder. Run against a
// small hand-written schema (a Pod-like spec) and against the generated Service, ConfigMap and
// Ingress schemas.
import { expect } from 'chai';
import { StatusError } from '../../runtime/machinery/errors.js';
import type { JSONObject, OpenAPISchema } from '../../runtime/machinery/registration.js';
import { applyStrategicMergePatch } from '../../runtime/machinery/strategicpatch.js';
import { groups } from '../../generated/index.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A Pod-like kind: merged lists of maps (containers by name, ports by containerPort), a replaced
 * primitive list (args), a merged primitive list (finalizers), a retainKeys union (strategy). */
const POD_SCHEMAS: Record<string, OpenAPISchema> = {
  Pod: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [ref('Meta')] },
      spec: { allOf: [ref('PodSpec')] },
    },
  },
  Meta: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      finalizers: { type: 'array', items: { type: 'string' }, 'x-kubernetes-patch-strategy': 'merge' },
    },
  },
  PodSpec: {
    type: 'object',
    properties: {
      containers: {
        type: 'array',
        items: ref('Container'),
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
      nodeSelector: { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-patch-strategy': 'replace' },
      strategy: { allOf: [ref('Strategy')], 'x-kubernetes-patch-strategy': 'retainKeys' },
      free: { 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  Container: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      image: { type: 'string' },
      args: { type: 'array', items: { type: 'string' } },
      ports: {
        type: 'array',
        items: ref('ContainerPort'),
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'containerPort',
      },
      env: {
        type: 'array',
        items: ref('EnvVar'),
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
    },
  },
  ContainerPort: { type: 'object', properties: { containerPort: { type: 'integer' }, protocol: { type: 'string' }, name: { type: 'string' } } },
  EnvVar: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
  Strategy: {
    type: 'object',
    properties: { type: { type: 'string' }, rollingUpdate: { allOf: [ref('RollingUpdate')] } },
  },
  RollingUpdate: { type: 'object', properties: { maxSurge: { type: 'integer' }, maxUnavailable: { type: 'integer' } } },
};

const pod = (spec: JSONObject, metadata: JSONObject = { name: 'p' }): JSONObject => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const smp = (original: JSONObject, patch: unknown): JSONObject => applyStrategicMergePatch(original, patch, POD_SCHEMAS, 'Pod');

function expectBadRequest(fn: () => unknown, fragment: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(StatusError);
    expect((err as StatusError).status.code).to.equal(400);
    expect((err as StatusError).status.reason).to.equal('BadRequest');
    expect((err as StatusError).status.message).to.include(fragment);
    return;
  }
  expect.fail('expected a 400 BadRequest');
}

describe('strategic merge patch', () => {
  describe('maps', () => {
    it('merges maps recursively and deletes a key set to null', () => {
      const out = smp(pod({}, { name: 'p', labels: { a: '1', b: '2' } }), { metadata: { labels: { b: null, c: '3' } } });
      expect(out.metadata).to.deep.equal({ name: 'p', labels: { a: '1', c: '3' } });
    });

    it('$patch: replace on a map takes the map from the patch', () => {
      const out = smp(pod({}, { name: 'p', labels: { a: '1', b: '2' } }), { metadata: { labels: { $patch: 'replace', z: '9' } } });
      expect(out.metadata).to.deep.equal({ name: 'p', labels: { z: '9' } });
    });

    it('$patch: delete on a map empties it (apimachinery case "delete map from nested map")', () => {
      const out = smp(pod({ strategy: { type: 'Recreate' } }, { name: 'p', labels: { a: '1' } }), { metadata: { labels: { $patch: 'delete' } } });
      expect(out.metadata).to.deep.equal({ name: 'p', labels: {} });
    });

    it('$patch: replace with nothing else empties the map (apimachinery case "delete all keys from map")', () => {
      const out = smp(pod({}, { name: 'p', labels: { a: '1', b: '2' } }), { metadata: { labels: { $patch: 'replace' } } });
      expect(out.metadata).to.deep.equal({ name: 'p', labels: {} });
    });

    it('a map field with patch strategy replace is replaced, not merged', () => {
      const out = smp(pod({ nodeSelector: { disk: 'ssd', zone: 'a' } }), { spec: { nodeSelector: { zone: 'b' } } });
      expect(out.spec).to.deep.equal({ nodeSelector: { zone: 'b' } });
    });

    it('$retainKeys clears the fields it does not name and merges the rest', () => {
      const original = pod({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } });
      const out = smp(original, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
      expect(out.spec).to.deep.equal({ strategy: { type: 'Recreate' } });
      const kept = smp(original, { spec: { strategy: { $retainKeys: ['type', 'rollingUpdate'], rollingUpdate: { maxUnavailable: 2 } } } });
      expect(kept.spec).to.deep.equal({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 2 } } });
    });

    it('$retainKeys must list every field the patch sets (kube: bad patch format, 400)', () => {
      const original = pod({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } });
      expectBadRequest(() => smp(original, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: { maxSurge: 2 } } } }), '$retainKeys');
      // A null for an unlisted field is fine: it is being cleared anyway.
      const out = smp(original, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } });
      expect(out.spec).to.deep.equal({ strategy: { type: 'Recreate' } });
    });

    it('a new field takes the patch value, without its nulls', () => {
      const out = smp(pod({}), { spec: { strategy: { type: 'Recreate', rollingUpdate: null } } });
      expect(out.spec).to.deep.equal({ strategy: { type: 'Recreate' } });
    });
  });

  describe('lists of maps with a merge key', () => {
    const twoContainers = () =>
      pod({
        containers: [
          { name: 'nginx', image: 'nginx-1.0' },
          { name: 'log-tailer', image: 'log-tailer-1.0' },
        ],
      });

    it('merges items by key and appends new ones (the design doc adds a container)', () => {
      const original = pod({ containers: [{ name: 'nginx', image: 'nginx-1.0' }] });
      const out = smp(original, { spec: { containers: [{ name: 'log-tailer', image: 'log-tailer-1.0' }] } });
      expect(out.spec).to.deep.equal(twoContainers().spec);
    });

    it('merges the fields of a matching item recursively', () => {
      const out = smp(twoContainers(), { spec: { containers: [{ name: 'nginx', image: 'nginx-2.0', args: ['-v'] }] } });
      expect((out.spec as JSONObject).containers).to.deep.equal([
        { name: 'nginx', image: 'nginx-2.0', args: ['-v'] },
        { name: 'log-tailer', image: 'log-tailer-1.0' },
      ]);
    });

    it('$patch: delete removes every item with that key', () => {
      const original = pod({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'a', image: 'dup' }] });
      const out = smp(original, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } });
      expect((out.spec as JSONObject).containers).to.deep.equal([{ name: 'b' }]);
    });

    it('$patch: replace in a list replaces the whole list with the other items', () => {
      const out = smp(twoContainers(), { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } });
      expect((out.spec as JSONObject).containers).to.deep.equal([{ name: 'only', image: 'x' }]);
    });

    it('merges nested lists (container ports by containerPort, env by name)', () => {
      const original = pod({
        containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }], env: [{ name: 'A', value: '1' }] }],
      });
      const out = smp(original, {
        spec: { containers: [{ name: 'c', ports: [{ containerPort: 443, name: 'https' }, { containerPort: 8080 }], env: [{ name: 'A', $patch: 'delete' }] }] },
      });
      expect((out.spec as JSONObject).containers).to.deep.equal([
        { name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }, { containerPort: 8080 }], env: [] },
      ]);
    });

    it('a null inside a merged item deletes that field of the item', () => {
      const out = smp(twoContainers(), { spec: { containers: [{ name: 'nginx', image: null }] } });
      expect((out.spec as JSONObject).containers).to.deep.equal([{ name: 'nginx' }, { name: 'log-tailer', image: 'log-tailer-1.0' }]);
    });

    it('a list holding only {$patch: replace} empties it (apimachinery case "delete all items from merging list")', () => {
      const out = smp(pod({ containers: [{ name: '1' }, { name: '2' }] }), { spec: { containers: [{ $patch: 'replace' }] } });
      expect((out.spec as JSONObject).containers).to.deep.equal([]);
    });

    it('an empty patch list changes nothing', () => {
      expect(smp(twoContainers(), { spec: { containers: [] } })).to.deep.equal(twoContainers());
    });

    it('an item without the merge key is a 400', () => {
      expectBadRequest(() => smp(twoContainers(), { spec: { containers: [{ image: 'x' }] } }), 'merge key');
      expectBadRequest(() => smp(twoContainers(), { spec: { containers: [{ $patch: 'delete' }] } }), 'merge key');
    });
  });

  describe('lists of primitives', () => {
    it('a list without the merge strategy is replaced', () => {
      const original = pod({ containers: [{ name: 'c', args: ['--a', '--b'] }] });
      const out = smp(original, { spec: { containers: [{ name: 'c', args: ['--c'] }] } });
      expect((out.spec as JSONObject).containers).to.deep.equal([{ name: 'c', args: ['--c'] }]);
    });

    it('a list with the merge strategy is a union without duplicates, in order', () => {
      const out = smp(pod({}, { name: 'p', finalizers: ['a', 'b'] }), { metadata: { finalizers: ['c', 'a'] } });
      expect((out.metadata as JSONObject).finalizers).to.deep.equal(['a', 'b', 'c']);
    });

    it('$deleteFromPrimitiveList/<field> removes the listed values (the design doc finalizers example)', () => {
      const out = smp(pod({}, { name: 'p', finalizers: ['a', 'b', 'c'] }), { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'c'] } });
      expect((out.metadata as JSONObject).finalizers).to.deep.equal(['a']);
    });

    it('$deleteFromPrimitiveList deletes duplicates too, and ignores an absent list', () => {
      const out = smp(pod({}, { name: 'p', finalizers: ['a', 'b', 'a'] }), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } });
      expect((out.metadata as JSONObject).finalizers).to.deep.equal(['b']);
      const none = smp(pod({}), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } });
      expect(none.metadata).to.deep.equal({ name: 'p' });
    });
  });

  describe('$setElementOrder', () => {
    it('reorders a primitive list (the design doc finalizers example)', () => {
      const out = smp(pod({}, { name: 'p', finalizers: ['a', 'b', 'c'] }), { metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'] } });
      expect((out.metadata as JSONObject).finalizers).to.deep.equal(['b', 'c', 'a']);
    });

    it('reorders a list of maps by merge key (the design doc containers example)', () => {
      const original = pod({ containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }, { name: 'c', image: '3' }] });
      const out = smp(original, { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'c' }, { name: 'a' }] } });
      expect((out.spec as JSONObject).containers).to.deep.equal([
        { name: 'b', image: '2' },
        { name: 'c', image: '3' },
        { name: 'a', image: '1' },
      ]);
    });

    it('places new items in the given order and keeps server-only items where they were', () => {
      const original = pod({ containers: [{ name: 'a' }, { name: 'server' }, { name: 'b' }] });
      const out = smp(original, {
        spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'new' }, { name: 'a' }], containers: [{ name: 'new', image: 'n' }] },
      });
      // The named items follow the directive (b, new, a); `server` goes before the first named item
      // that came after it in the server's list (b).
      expect((out.spec as JSONObject).containers).to.deep.equal([{ name: 'server' }, { name: 'b' }, { name: 'new', image: 'n' }, { name: 'a' }]);
      const tail = smp(pod({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'server' }] }), {
        spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] },
      });
      expect((tail.spec as JSONObject).containers).to.deep.equal([{ name: 'b' }, { name: 'a' }, { name: 'server' }]);
    });

    it('works with deletions: what kubectl sends when a manifest drops an item', () => {
      const original = pod({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }, { name: 'p', finalizers: ['x', 'y', 'z'] });
      const out = smp(original, {
        metadata: { '$setElementOrder/finalizers': ['z', 'x'], '$deleteFromPrimitiveList/finalizers': ['y'] },
        spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }], containers: [{ name: 'b', $patch: 'delete' }] },
      });
      expect((out.metadata as JSONObject).finalizers).to.deep.equal(['z', 'x']);
      expect((out.spec as JSONObject).containers).to.deep.equal([{ name: 'c' }, { name: 'a' }]);
    });
  });

  describe('errors and safety', () => {
    it('unknown directives and malformed directive values are 400s', () => {
      const original = pod({ containers: [{ name: 'a' }] }, { name: 'p', finalizers: ['a'] });
      expectBadRequest(() => smp(original, { spec: { $patch: 'explode' } }), 'unknown patch type');
      expectBadRequest(() => smp(original, { spec: { containers: [{ name: 'a', $patch: 'merge' }] } }), '$patch: merge');
      expectBadRequest(() => smp(original, { spec: { containers: [{ name: 'a', $patch: 'bogus' }] } }), 'unknown patch type');
      expectBadRequest(() => smp(original, { spec: { $frobnicate: 1 } }), 'unknown directive');
      expectBadRequest(() => smp(original, { spec: { strategy: { $retainKeys: 'type' } } }), '$retainKeys');
      expectBadRequest(() => smp(original, { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }), '$deleteFromPrimitiveList');
      expectBadRequest(() => smp(original, { spec: { '$setElementOrder/containers': [{ image: 'x' }] } }), 'merge key');
      expectBadRequest(() => smp(original, { $patch: 'delete' }), 'top level');
      expectBadRequest(() => smp(original, [1]), 'JSON object');
      expectBadRequest(() => smp(original, { spec: { containers: [{ name: 'b' }, 'x'] } }), 'mixes');
    });

    it('free-form fields keep $-keys as data', () => {
      const out = smp(pod({}), { spec: { free: { $anything: 1 } } });
      expect(out.spec).to.deep.equal({ free: { $anything: 1 } });
    });

    it('never writes through a prototype and never mutates its inputs', () => {
      const original = pod({ containers: [{ name: 'a' }] });
      const before = JSON.stringify(original);
      const patch = JSON.parse('{"__proto__":{"polluted":1},"spec":{"containers":[{"name":"a","__proto__":{"polluted":2}}],"constructor":{"prototype":{"polluted":3}}}}');
      const patchBefore = JSON.stringify(patch);
      const out = smp(original, patch);
      expect(({} as JSONObject).polluted).to.equal(undefined);
      expect(Object.getPrototypeOf(out)).to.equal(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).to.equal(true);
      expect(JSON.stringify(original)).to.equal(before);
      expect(JSON.stringify(patch)).to.equal(patchBefore);
    });
  });

  describe('generated kinds', () => {
    const schemasOf = (group: string, version: string) => groups.find((g) => g.group === group)!.schemas[version]!;
    const core = schemasOf('', 'v1');
    const networking = schemasOf('networking.k8s.io', 'v1');

    it('Service ports merge by port: change one, add one, delete one', () => {
      const svc = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: {
          ports: [
            { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
            { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
          ],
          selector: { app: 'web', tier: 'front' },
        },
      };
      const out = applyStrategicMergePatch(
        svc,
        {
          spec: {
            '$setElementOrder/ports': [{ port: 80 }, { port: 9090 }],
            ports: [{ port: 80, targetPort: 8081 }, { name: 'metrics', port: 9090 }, { port: 443, $patch: 'delete' }],
            selector: { tier: null },
          },
        },
        core,
        'io.k8s.api.core.v1.Service',
      );
      expect(out.spec).to.deep.equal({
        ports: [
          { name: 'http', port: 80, targetPort: 8081, protocol: 'TCP' },
          { name: 'metrics', port: 9090 },
        ],
        selector: { app: 'web' },
      });
    });

    it('ConfigMap data merges like a map; metadata finalizers merge as a set', () => {
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['a/x'] }, data: { a: '1', b: '2' } };
      const out = applyStrategicMergePatch(cm, { metadata: { finalizers: ['b/y'] }, data: { a: null, c: '3' } }, core, 'io.k8s.api.core.v1.ConfigMap');
      expect(out).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['a/x', 'b/y'] }, data: { b: '2', c: '3' } });
    });

    it('Ingress rules are atomic: a patch replaces the whole list', () => {
      const ing = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i' },
        spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }] },
      };
      const out = applyStrategicMergePatch(ing, { spec: { rules: [{ host: 'c.example.com' }] } }, networking, 'io.k8s.api.networking.v1.Ingress');
      expect(out.spec).to.deep.equal({ ingressClassName: 'nginx', rules: [{ host: 'c.example.com' }] });
    });

    it('status conditions merge by type', () => {
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' }, status: { conditions: [{ type: 'A', status: 'True' }] } };
      const out = applyStrategicMergePatch(ns, { status: { conditions: [{ type: 'B', status: 'False' }, { type: 'A', status: 'False' }] } }, core, 'io.k8s.api.core.v1.Namespace');
      expect((out.status as JSONObject).conditions).to.deep.equal([
        { type: 'A', status: 'False' },
        { type: 'B', status: 'False' },
      ]);
    });
  });
});
