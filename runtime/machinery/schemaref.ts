// Resolving a place in a kind's OpenAPI v3 schema to the schema that describes it: the walkers
// that read merge metadata from OpenAPI (strategic merge patch, server-side apply) share this.
import { isObject } from './objects.js';
import type { OpenAPISchema } from './registration.js';

export type Schemas = Record<string, OpenAPISchema>;

export const SCHEMA_REF_PREFIX = '#/components/schemas/';
/** Bound on $ref/allOf hops when resolving one schema (a cycle must not hang the server). */
const MAX_REF_HOPS = 16;

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** Follows `$ref` and single-element `allOf` wrappers to the schema that has the properties. */
export function resolveSchema(schema: OpenAPISchema | undefined, schemas: Schemas): OpenAPISchema | undefined {
  let current = schema;
  for (let hop = 0; current && hop < MAX_REF_HOPS; hop++) {
    const ref = current.$ref;
    if (typeof ref === 'string') {
      const name = ref.startsWith(SCHEMA_REF_PREFIX) ? ref.slice(SCHEMA_REF_PREFIX.length) : ref;
      current = hasOwn(schemas, name) ? schemas[name] : undefined;
      continue;
    }
    const allOf = current.allOf;
    if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0]) && !isObject(current.properties)) {
      current = allOf[0] as OpenAPISchema;
      continue;
    }
    return current;
  }
  return current;
}
