// fast-check arbitraries built from a kind's OpenAPI v3 schema (GroupRegistration.schemas), so
// property tests cover every generated kind without naming any of them.
//
// What is generated, and why:
//   - objects: every required property plus a random subset of the optional ones; below
//     `maxDepth` nested objects only get their required properties (keeps values small);
//   - strings are never empty: with Go's `omitempty`, Kubernetes treats "" and an absent field as
//     the same value, so an empty string cannot be expected to survive a conversion unchanged;
//   - `enum` picks from the list; integers stay within minimum/maximum (exclusive bounds honoured);
//   - int-or-string is a positive integer or a non-numeric, non-empty string (0 and "" are the
//     zero values Kubernetes drops, and a numeric-looking string is ambiguous on purpose);
//   - `x-kubernetes-preserve-unknown-fields` is a small JSON object (keys may be `__proto__`,
//     which JSON allows and the server must keep as plain data);
//   - maps have 0-3 keys; list-type `set` items and list-type `map` keys are unique;
//   - `pattern` strings come from a few fixed samples that match (an optional field whose pattern
//     no sample matches is left out; a required one is an error in this module);
//   - metadata gets a DNS-1123 name, and optionally valid labels and annotations with simple
//     keys (`a.example/k1`), never keys that conversions own.
import fc from 'fast-check';
import type { GroupRegistration, JSONObject, KindRegistration, OpenAPISchema } from '../../runtime/machinery/registration.js';

export interface SchemaArbitraryOptions {
  /** Object nesting level below which only required properties are generated. */
  maxDepth?: number;
  /** Upper bound of every array's length (minItems/maxItems still apply). */
  maxArrayLength?: number;
  /** Upper bound of every map's key count. */
  maxMapKeys?: number;
  /**
   * Replaces the arbitrary of one property: keyed by `<schema name>.<property>` (for example
   * `io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec.targetCPUUtilizationPercentage`).
   * Returning `null` drops the property; `required: true` forces it present.
   */
  overrides?: Record<string, PropertyOverride>;
}

export interface PropertyOverride {
  arbitrary?: fc.Arbitrary<unknown>;
  /** Force the property present (true) or absent (false); default: as the schema says. */
  present?: boolean;
}

const REF_PREFIX = '#/components/schemas/';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

// ---- Leaf arbitraries ----

/** A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric. */
export const dns1123Label: fc.Arbitrary<string> = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);

/** A DNS-1123 subdomain: dot-separated labels. */
export const dns1123Subdomain: fc.Arbitrary<string> = fc
  .array(dns1123Label, { minLength: 1, maxLength: 2 })
  .map((labels) => labels.join('.'));

/** A label/annotation key: optional `a.example/`-style prefix, then a simple name. */
export const qualifiedKey: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', 'a.example/', 'b.example.com/'), fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/))
  .map(([prefix, name]) => prefix + name);

/** A valid, non-empty label value. */
export const labelValue: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,8}[A-Za-z0-9])?$/);

/** A plain non-empty string (printable ASCII). */
export const nonEmptyString: fc.Arbitrary<string> = fc.string({ minLength: 1, maxLength: 12 });

/** A non-numeric, non-empty string (int-or-string's string side). */
const nonNumericString: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

/** RFC 3339 timestamps at second precision, as Kubernetes serializes metav1.Time. */
export const rfc3339: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** Samples for `pattern` strings; each patterned field uses those that match. */
const PATTERN_SAMPLES = [
  'Ready',
  'Available',
  'Progressing',
  'example.com/Ready',
  'a',
  'X1',
  'Reason_1',
  'NotReady,Yet:Soon',
  'web-1',
  '10.0.0.1',
];

/** Keys of the small JSON objects of preserve-unknown-fields values. */
const jsonKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('f:metadata', 'f:spec', '.', 'k:{"type":"Ready"}', '__proto__'),
  fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,5}$/),
);

const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  nonEmptyString,
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
);

/** Builds an object with own enumerable properties, `__proto__` included. */
function ownObject(entries: [string, unknown][]): JSONObject {
  const obj: JSONObject = {};
  for (const [key, value] of entries) {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return obj;
}

function jsonObjectOf(value: fc.Arbitrary<unknown>, maxKeys: number): fc.Arbitrary<JSONObject> {
  return fc
    .uniqueArray(fc.tuple(jsonKey, value), { maxLength: maxKeys, selector: ([key]) => key })
    .map(ownObject);
}

/** A small JSON object, two levels deep at most (null only nested: a top-level null is "absent"). */
export const smallJSONObject: fc.Arbitrary<JSONObject> = jsonObjectOf(
  fc.oneof(jsonLeaf, fc.array(jsonLeaf, { maxLength: 2 }), jsonObjectOf(jsonLeaf, 2)),
  3,
);

// ---- Schema walking ----

class SchemaArbitraryBuilder {
  private readonly maxDepth: number;
  private readonly maxArrayLength: number;
  private readonly maxMapKeys: number;
  private readonly overrides: Record<string, PropertyOverride>;

  constructor(
    private readonly schemas: Record<string, OpenAPISchema>,
    options: SchemaArbitraryOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 8;
    this.maxArrayLength = options.maxArrayLength ?? 2;
    this.maxMapKeys = options.maxMapKeys ?? 3;
    this.overrides = { ...metadataOverrides(), ...(options.overrides ?? {}) };
  }

  named(name: string, depth: number): fc.Arbitrary<unknown> {
    const schema = this.schemas[name];
    if (schema === undefined) throw new Error(`schema ${name} is not in this version's schemas`);
    return this.node(schema, depth, name);
  }

  /** `schemaName` is the component's name when `schema` is a whole component schema. */
  private node(schema: OpenAPISchema, depth: number, schemaName?: string): fc.Arbitrary<unknown> {
    const ref = refOf(schema);
    if (ref !== undefined) return this.named(ref, depth);
    if (schema['x-kubernetes-int-or-string'] === true) {
      return fc.oneof(fc.integer({ min: 1, max: 65535 }), nonNumericString);
    }
    const type = schema.type;
    if (type === undefined && schema['x-kubernetes-preserve-unknown-fields'] === true) return smallJSONObject;
    switch (type) {
      case 'string':
        return this.string(schema, schemaName);
      case 'integer':
        return integerWithin(schema);
      case 'number':
        return numberWithin(schema);
      case 'boolean':
        return fc.boolean();
      case 'array':
        return this.array(schema, depth);
      case 'object':
        return this.object(schema, depth, schemaName);
      default:
        if (schema['x-kubernetes-preserve-unknown-fields'] === true) return smallJSONObject;
        throw new Error(`unsupported schema ${JSON.stringify(schema).slice(0, 200)}`);
    }
  }

  private string(schema: OpenAPISchema, where = 'a string'): fc.Arbitrary<string> {
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
    if (schema.format === 'date-time') return rfc3339;
    const samples = this.patternSamples(schema);
    if (samples !== undefined) {
      if (samples.length === 0) throw new Error(`no sample string matches the pattern of ${where}: ${String(schema.pattern)}`);
      return fc.constantFrom(...samples);
    }
    const minLength = Math.max(1, numberOr(schema.minLength, 1));
    const maxLength = Math.min(numberOr(schema.maxLength, 12), 12);
    return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
  }

  /** Samples matching `pattern` and the length bounds; undefined when there is no pattern. */
  patternSamples(schema: OpenAPISchema): string[] | undefined {
    if (typeof schema.pattern !== 'string') return undefined;
    const re = new RegExp(schema.pattern);
    const min = numberOr(schema.minLength, 1);
    const max = numberOr(schema.maxLength, Infinity);
    return PATTERN_SAMPLES.filter((s) => re.test(s) && s.length >= min && s.length <= max);
  }

  private array(schema: OpenAPISchema, depth: number): fc.Arbitrary<unknown[]> {
    const items = schema.items as OpenAPISchema | undefined;
    if (items === undefined) throw new Error('array schema without items');
    const item = this.node(items, depth);
    const minLength = numberOr(schema.minItems, 0);
    const maxLength = Math.max(minLength, Math.min(numberOr(schema.maxItems, this.maxArrayLength), this.maxArrayLength));
    const listType = schema['x-kubernetes-list-type'];
    if (listType === 'set') {
      return fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
    }
    if (listType === 'map') {
      const keys = (schema['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
      return fc.uniqueArray(item, {
        minLength,
        maxLength,
        selector: (v) => JSON.stringify(keys.map((k) => (v as JSONObject)[k] ?? null)),
      });
    }
    return fc.array(item, { minLength, maxLength });
  }

  private object(schema: OpenAPISchema, depth: number, schemaName?: string): fc.Arbitrary<unknown> {
    const properties = schema.properties as Record<string, OpenAPISchema> | undefined;
    if (properties === undefined) {
      const additional = schema.additionalProperties;
      if (typeof additional === 'object' && additional !== null) {
        const value = this.node(additional as OpenAPISchema, depth + 1);
        return fc.dictionary(fc.stringMatching(/^[a-z][-a-z0-9._]{0,8}$/), value, { maxKeys: this.maxMapKeys });
      }
      return smallJSONObject;
    }
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    const requiredKeys: string[] = [];
    for (const [prop, propSchema] of Object.entries(properties)) {
      const override = schemaName !== undefined ? this.overrides[`${schemaName}.${prop}`] : undefined;
      const isRequired = override?.present ?? required.has(prop);
      if (override?.present === false) continue;
      // Below maxDepth only what must be there is generated.
      if (!isRequired && depth >= this.maxDepth) continue;
      const arbitrary = override?.arbitrary ?? this.property(propSchema, depth + 1, required.has(prop), `${schemaName}.${prop}`);
      if (arbitrary === undefined) continue;
      model[prop] = arbitrary;
      if (isRequired) requiredKeys.push(prop);
    }
    return fc.record(model, { requiredKeys });
  }

  /** A property's arbitrary; undefined for an optional patterned string no sample matches. */
  private property(schema: OpenAPISchema, depth: number, required: boolean, where: string): fc.Arbitrary<unknown> | undefined {
    if (!required && schema.type === 'string' && this.patternSamples(schema)?.length === 0) return undefined;
    return this.node(schema, depth, where);
  }
}

function refOf(schema: OpenAPISchema): string | undefined {
  const direct = schema.$ref;
  if (typeof direct === 'string') return stripRef(direct);
  // The generator wraps a named type as `allOf: [{$ref}]` so the property can carry its own
  // description and default.
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 1) {
    const inner = (allOf[0] as OpenAPISchema).$ref;
    if (typeof inner === 'string') return stripRef(inner);
  }
  return undefined;
}

function stripRef(ref: string): string {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(REF_PREFIX.length);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function integerWithin(schema: OpenAPISchema): fc.Arbitrary<number> {
  let min = numberOr(schema.minimum, -1000);
  let max = numberOr(schema.maximum, 100000);
  // OpenAPI v3.0 style: exclusiveMinimum/exclusiveMaximum are booleans next to the bound.
  if (schema.exclusiveMinimum === true) min += 1;
  if (schema.exclusiveMaximum === true) max -= 1;
  return fc.integer({ min, max });
}

function numberWithin(schema: OpenAPISchema): fc.Arbitrary<number> {
  const min = numberOr(schema.minimum, -1e6);
  const max = numberOr(schema.maximum, 1e6);
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter((n) => (schema.exclusiveMinimum !== true || n > min) && (schema.exclusiveMaximum !== true || n < max))
    .map((n) => (Object.is(n, -0) ? 0 : n)); // -0 does not survive JSON
}

/** Metadata fields that need valid values rather than arbitrary strings. */
function metadataOverrides(): Record<string, PropertyOverride> {
  const at = (prop: string): string => `${OBJECT_META}.${prop}`;
  return {
    [at('name')]: { arbitrary: dns1123Subdomain, present: true },
    [at('generateName')]: { arbitrary: dns1123Label.map((s) => `${s}-`) },
    [at('namespace')]: { arbitrary: dns1123Label },
    [at('labels')]: { arbitrary: fc.dictionary(qualifiedKey, labelValue, { maxKeys: 3 }) },
    [at('annotations')]: { arbitrary: fc.dictionary(qualifiedKey, nonEmptyString, { maxKeys: 3 }) },
    [at('uid')]: { arbitrary: fc.uuid() },
    [at('resourceVersion')]: { arbitrary: fc.integer({ min: 1, max: 1_000_000 }).map(String) },
    [at('generation')]: { arbitrary: fc.integer({ min: 1, max: 1000 }) },
    [at('deletionGracePeriodSeconds')]: { arbitrary: fc.integer({ min: 0, max: 3600 }) },
    [at('finalizers')]: {
      arbitrary: fc.uniqueArray(qualifiedKey.map((k) => (k.includes('/') ? k : `example.com/${k}`)), { maxLength: 2 }),
    },
  };
}

// ---- Public entry points ----

/** An arbitrary of values of the named component schema of one version's schema record. */
export function schemaArbitrary(
  schemas: Record<string, OpenAPISchema>,
  schemaName: string,
  options: SchemaArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  return new SchemaArbitraryBuilder(schemas, options).named(schemaName, 0);
}

/** Random versioned objects of `kind` at `version`, carrying that version's apiVersion and kind. */
export function kindArbitrary(
  group: GroupRegistration,
  kind: KindRegistration,
  version: string,
  options: SchemaArbitraryOptions = {},
): fc.Arbitrary<JSONObject> {
  const versioned = kind.versions.find((v) => v.version === version);
  if (versioned === undefined) throw new Error(`${kind.kind} is not served at ${version}`);
  const schemas = group.schemas[version];
  if (schemas === undefined) throw new Error(`group ${group.group} has no schemas for ${version}`);
  const apiVersion = group.group === '' ? version : `${group.group}/${version}`;
  const overrides: Record<string, PropertyOverride> = {
    [`${versioned.schemaName}.apiVersion`]: { arbitrary: fc.constant(apiVersion), present: true },
    [`${versioned.schemaName}.kind`]: { arbitrary: fc.constant(kind.kind), present: true },
    ...(options.overrides ?? {}),
  };
  return schemaArbitrary(schemas, versioned.schemaName, { ...options, overrides }) as fc.Arbitrary<JSONObject>;
}
