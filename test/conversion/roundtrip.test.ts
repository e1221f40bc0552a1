// Property tests over every group, kind and version of generated/index.ts (iterated from the
// registrations, never hand-listed): conversions are lossless, and deep copies share nothing.
import { expect } from 'chai';
import fc from 'fast-check';
import { groups } from '../../generated/index.js';
import type { GroupRegistration, JSONObject, KindRegistration, VersionedKind } from '../../runtime/machinery/registration.js';
import { kindArbitrary, type PropertyOverride } from '../support/arbitrary.js';
import { wire } from './pipeline.js';

// ROUNDTRIP_RUNS=2000 runs a longer search.
const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 100);

/**
 * Narrow constraints for conversions that Kubernetes itself documents as not round-tripping,
 * keyed by `<schema name>.<property>`. Each one says why.
 */
const KNOWN_LOSSY: Record<string, PropertyOverride> = {
  // autoscaling/v1 -> v2 adds the default metric (cpu Utilization 80) when v1 has no target
  // (conversion-facts rule 3, HPA-1), so a v1 object without one reads back with target 80.
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec.targetCPUUtilizationPercentage': { present: true },
  // Kubernetes keeps every v2 current metric in the current-metrics annotation, the cpu one too
  // (the raw value must survive), so a v1 status carrying only this value reads back with that
  // annotation added. facts.test.ts checks the value itself converts both ways.
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus.currentCPUUtilizationPercentage': { present: false },
};

/**
 * The same, for cases a property override cannot express: objects for which `excluded` is true
 * are not generated, keyed by the kind's schema name.
 */
const KNOWN_LOSSY_OBJECTS: Record<string, (obj: JSONObject) => boolean> = {
  // v1beta1 servicePort is an IntOrString struct in Kubernetes, which `omitempty` never drops: a
  // backend with a serviceName and no servicePort reads back with `servicePort: 0`, in Kubernetes
  // too. Backends without a service (resource only, or nothing) are still generated.
  'io.k8s.api.networking.v1beta1.Ingress': (obj) => backendsOf(obj).some((b) => 'serviceName' in b && !('servicePort' in b)),
  // The autoscaling/v1 hooks remove their annotations and then drop an empty annotation map;
  // Go's `omitempty` never serializes an empty map either, so `{}` and absent are one value.
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler': (obj) => {
    const annotations = (obj.metadata as JSONObject | undefined)?.annotations;
    return annotations !== undefined && Object.keys(annotations as object).length === 0;
  },
};

/** Every backend of a v1beta1 Ingress: spec.backend and each path's backend. */
function backendsOf(ingress: JSONObject): JSONObject[] {
  const spec = (ingress.spec ?? {}) as { backend?: JSONObject; rules?: { http?: { paths?: { backend?: JSONObject }[] } }[] };
  const paths = (spec.rules ?? []).flatMap((rule) => rule.http?.paths ?? []);
  return [spec.backend, ...paths.map((p) => p.backend)].filter((b): b is JSONObject => b !== undefined);
}

/** Random objects valid at `versioned`'s version, with that version's defaults applied. */
function validObjects(group: GroupRegistration, kind: KindRegistration, versioned: VersionedKind): fc.Arbitrary<JSONObject> {
  return kindArbitrary(group, kind, versioned.version, { overrides: KNOWN_LOSSY })
    .filter((obj) => versioned.validate(obj).length === 0 && !(KNOWN_LOSSY_OBJECTS[versioned.schemaName]?.(obj) ?? false))
    .map((obj) => {
      const copy = wire(obj); // never mutate a generated value: fast-check reuses them when shrinking
      versioned.defaults(copy);
      return copy;
    })
    .filter((obj) => versioned.validate(obj).length === 0);
}

/** Every object and array inside `value` (itself included). */
function containers(value: unknown, out: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value);
  for (const child of Object.values(value)) containers(child, out);
  return out;
}

/** Changes everything reachable: a new key on every object, a push on every array, every primitive. */
function mutateEverywhere(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === 'object' && value[i] !== null) mutateEverywhere(value[i]);
      else value[i] = changed(value[i]);
    }
    value.push('pushed-by-test');
    return;
  }
  const obj = value as JSONObject;
  for (const key of Object.keys(obj)) {
    const child = obj[key];
    if (typeof child === 'object' && child !== null) mutateEverywhere(child);
    else Object.defineProperty(obj, key, { value: changed(child), writable: true, enumerable: true, configurable: true });
  }
  obj['added-by-test'] = true;
}

function changed(primitive: unknown): unknown {
  switch (typeof primitive) {
    case 'string':
      return `${primitive}~`;
    case 'number':
      return primitive + 1;
    case 'boolean':
      return !primitive;
    default:
      return 'was-null';
  }
}

/** Deep copy independence of `copy` (a copy of `original`), checked by mutating the copy. */
function expectIndependentCopy(original: JSONObject, copy: JSONObject): void {
  expect(copy).to.deep.equal(original);
  const originals = new Set(containers(original));
  const shared = containers(copy).filter((c) => originals.has(c));
  expect(shared, 'objects or arrays shared between the copy and the original').to.have.length(0);
  const snapshot = JSON.stringify(original);
  mutateEverywhere(copy);
  expect(JSON.stringify(original)).to.equal(snapshot);
}

function groupLabel(group: GroupRegistration): string {
  return group.group === '' ? 'core' : group.group;
}

for (const group of groups) {
  for (const kind of group.kinds) {
    const hub = kind.versions.find((v) => v.version === group.hubVersion);
    for (const versioned of kind.versions) {
      describe(`roundtrip ${groupLabel(group)}/${versioned.version} ${kind.kind}`, () => {
        const objects = validObjects(group, kind, versioned);

        it('version -> internal -> version is lossless, and the input is not mutated', () => {
          fc.assert(
            fc.property(objects, (obj) => {
              const before = JSON.stringify(obj);
              const internal = versioned.toInternal(obj);
              expect(JSON.stringify(obj), 'toInternal mutated its input').to.equal(before);
              const internalBefore = JSON.stringify(internal);
              const back = versioned.fromInternal(internal);
              expect(JSON.stringify(internal), 'fromInternal mutated its input').to.equal(internalBefore);
              expect(back).to.deep.equal(obj);
            }),
            { numRuns: RUNS },
          );
        });

        it(`internal -> hub (${group.hubVersion}) -> internal is lossless`, () => {
          if (hub === undefined) throw new Error(`${kind.kind} is not served at its hub version ${group.hubVersion}`);
          fc.assert(
            fc.property(objects, (obj) => {
              const internal = versioned.toInternal(obj);
              const again = hub.toInternal(hub.fromInternal(internal));
              expect(again).to.deep.equal(internal);
            }),
            { numRuns: RUNS },
          );
        });

        it('deepCopy of a versioned object shares nothing with it', () => {
          fc.assert(
            fc.property(objects, (obj) => {
              expectIndependentCopy(obj, versioned.deepCopy(obj));
            }),
            { numRuns: RUNS },
          );
        });

        it('internal deepCopy shares nothing with the original', () => {
          fc.assert(
            fc.property(objects, (obj) => {
              const internal = versioned.toInternal(obj);
              expectIndependentCopy(internal, kind.internal.deepCopy(internal));
            }),
            { numRuns: RUNS },
          );
        });

        it('conversion results share nothing with their input', () => {
          fc.assert(
            fc.property(objects, (obj) => {
              const internal = versioned.toInternal(obj);
              const inputs = new Set(containers(obj));
              expect(containers(internal).filter((c) => inputs.has(c)), 'toInternal shares').to.have.length(0);
              const internals = new Set(containers(internal));
              const back = versioned.fromInternal(internal);
              expect(containers(back).filter((c) => internals.has(c)), 'fromInternal shares').to.have.length(0);
            }),
            { numRuns: RUNS },
          );
        });
      });
    }
  }
}
