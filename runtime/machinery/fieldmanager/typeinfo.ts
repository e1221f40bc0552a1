// What server-side apply needs to know about a place in an object, read from the kind's OpenAPI
// schema the way Kubernetes derives its merge schema from OpenAPI:
// - structs (properties) and maps (additionalProperties) are granular: each field/key is tracked
//   on its own, unless `x-kubernetes-map-type: atomic`;
// - lists follow `x-kubernetes-list-type` (atomic | set | map with `x-kubernetes-list-map-keys`);
//   without it, a `merge` patch strategy means keyed by the patch merge key (set for scalars),
//   anything else is atomic;
// - where there is no schema (free-form content), objects are granular and lists atomic.
import { isObject } from '../objects.js';
import type { JSONObject, OpenAPISchema } from '../registration.js';
import { SCHEMA_REF_PREFIX, resolveSchema, type Schemas } from '../schemaref.js';

export type { Schemas };

export type TypeInfo =
  | { kind: 'struct'; schema: OpenAPISchema; atomic: boolean }
  | { kind: 'map'; schema: OpenAPISchema; atomic: boolean }
  | { kind: 'list'; listType: 'atomic' | 'set' | 'map'; keys: string[]; items: TypeInfo }
  | { kind: 'scalar' }
  | { kind: 'untyped' };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export class TypeResolver {
  constructor(private readonly schemas: Schemas) {}

  /** The type of a kind's root object. */
  root(schemaName: string): TypeInfo {
    return this.info({ $ref: SCHEMA_REF_PREFIX + schemaName });
  }

  private resolve(schema: OpenAPISchema | undefined): OpenAPISchema | undefined {
    return resolveSchema(schema, this.schemas);
  }

  /** Type of a declared property: extensions may sit on the property or on what it references. */
  info(declared: OpenAPISchema | undefined): TypeInfo {
    const schema = this.resolve(declared);
    if (!schema || schema['x-kubernetes-preserve-unknown-fields'] === true && !isObject(schema.properties)) return { kind: 'untyped' };
    const ext = (name: string): unknown => (declared && hasOwn(declared, name) ? declared[name] : hasOwn(schema, name) ? schema[name] : undefined);
    const atomicMap = ext('x-kubernetes-map-type') === 'atomic';
    if (schema.type === 'array' || isObject(schema.items)) {
      const items = this.info(isObject(schema.items) ? (schema.items as OpenAPISchema) : undefined);
      const listType = ext('x-kubernetes-list-type');
      const mapKeys = ext('x-kubernetes-list-map-keys');
      if (listType === 'map' && Array.isArray(mapKeys) && mapKeys.length > 0) {
        return { kind: 'list', listType: 'map', keys: mapKeys.map(String), items };
      }
      if (listType === 'set') return { kind: 'list', listType: 'set', keys: [], items };
      if (listType === 'atomic') return { kind: 'list', listType: 'atomic', keys: [], items };
      const strategy = String(ext('x-kubernetes-patch-strategy') ?? '');
      const mergeKey = ext('x-kubernetes-patch-merge-key');
      if (strategy.split(',').includes('merge')) {
        if (typeof mergeKey === 'string' && mergeKey !== '') return { kind: 'list', listType: 'map', keys: [mergeKey], items };
        if (items.kind === 'scalar') return { kind: 'list', listType: 'set', keys: [], items };
      }
      return { kind: 'list', listType: 'atomic', keys: [], items };
    }
    if (isObject(schema.properties)) return { kind: 'struct', schema, atomic: atomicMap };
    if (isObject(schema.additionalProperties) || schema.type === 'object') return { kind: 'map', schema, atomic: atomicMap };
    if (schema.type === undefined && !isObject(schema.properties)) return { kind: 'untyped' };
    return { kind: 'scalar' };
  }

  /** Type of the value at `key` inside a struct, map or untyped object. */
  child(parent: TypeInfo, key: string): TypeInfo {
    if (parent.kind === 'struct') {
      const props = parent.schema.properties as JSONObject;
      if (hasOwn(props, key) && isObject(props[key])) return this.info(props[key] as OpenAPISchema);
      if (isObject(parent.schema.additionalProperties)) return this.info(parent.schema.additionalProperties as OpenAPISchema);
      return { kind: 'untyped' };
    }
    if (parent.kind === 'map') {
      const ap = parent.schema.additionalProperties;
      return isObject(ap) ? this.info(ap as OpenAPISchema) : { kind: 'untyped' };
    }
    return { kind: 'untyped' };
  }
}

/** True when the value at this place is tracked as one leaf (replaced whole). */
export function isAtomic(t: TypeInfo, value: unknown): boolean {
  switch (t.kind) {
    case 'scalar':
      return true;
    case 'struct':
    case 'map':
      return t.atomic || !isObject(value);
    case 'list':
      return t.listType === 'atomic' || !Array.isArray(value);
    case 'untyped':
      return !isObject(value);
  }
}
