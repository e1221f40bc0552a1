// Strategic merge patch (application/strategic-merge-patch+json), applied to a versioned object
// and driven by the kind's OpenAPI schema, the same metadata kubectl computes its patches from:
// `x-kubernetes-patch-strategy` and `x-kubernetes-patch-merge-key` on a field.
//
// Behaviour (Kubernetes' documented semantics):
// - maps merge recursively; `null` deletes a key;
// - a list whose strategy includes `merge` merges: lists of maps item by item on the merge key
//   (new items appended), lists of primitives as an ordered union; any other list is replaced;
// - directives: `$patch: replace|delete` on a map (delete leaves an empty map), `$patch: replace` / `$patch: delete` items in a
//   merged list, `$retainKeys`, `$setElementOrder/<field>`, `$deleteFromPrimitiveList/<field>`;
//   an unknown directive, or a malformed one, is a 400.
// `x-kubernetes-list-type` / `list-map-keys` are deliberately not used: kubectl builds its
// three-way patch from the patch strategy alone, and the server must read the patch the same way.
// The result is a new object; the original and the patch are never modified, and keys such as
// `__proto__` stay plain data.
import { badRequest } from './errors.js';
import { deepCopyJSON, isObject, jsonEqual, setOwn } from './objects.js';
import type { JSONObject, OpenAPISchema } from './registration.js';
import { SCHEMA_REF_PREFIX, resolveSchema as resolve, type Schemas } from './schemaref.js';

const PATCH_DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ELEMENT_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** Returned by a map whose patch says `$patch: delete`: its field is removed. */
const DELETED: unique symbol = Symbol('deleted');


/** What the schema says about one field: its own (resolved) schema and its patch metadata. */
interface FieldInfo {
  schema: OpenAPISchema | undefined;
  strategies: string[];
  mergeKey: string | undefined;
}

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);
const ownValue = (obj: JSONObject, key: string): unknown => (hasOwn(obj, key) ? obj[key] : undefined);

function bad(path: string, message: string): Error {
  return badRequest(`invalid strategic merge patch${path ? ` at ${path}` : ''}: ${message}`);
}

function stringExtension(schema: OpenAPISchema | undefined, name: string): string | undefined {
  const value = schema && hasOwn(schema, name) ? schema[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Patch metadata of `key` inside the object schema `parent` (a struct field or a map value). */
function fieldOf(parent: OpenAPISchema | undefined, key: string, schemas: Schemas): FieldInfo {
  let declared: OpenAPISchema | undefined;
  if (parent) {
    const properties = parent.properties;
    if (isObject(properties) && hasOwn(properties, key) && isObject(properties[key])) {
      declared = properties[key] as OpenAPISchema;
    } else if (isObject(parent.additionalProperties)) {
      declared = parent.additionalProperties as OpenAPISchema;
    }
  }
  const resolved = resolve(declared, schemas);
  // Extensions sit on the property itself (next to its $ref/allOf/items), as in kube's schemas.
  const strategy = stringExtension(declared, 'x-kubernetes-patch-strategy') ?? stringExtension(resolved, 'x-kubernetes-patch-strategy');
  const mergeKey = stringExtension(declared, 'x-kubernetes-patch-merge-key') ?? stringExtension(resolved, 'x-kubernetes-patch-merge-key');
  return { schema: resolved, strategies: strategy ? strategy.split(',').map((s) => s.trim()) : [], mergeKey };
}

/** Item schema of a list field. */
function itemsOf(field: FieldInfo, schemas: Schemas): OpenAPISchema | undefined {
  const items = field.schema?.items;
  return isObject(items) ? resolve(items as OpenAPISchema, schemas) : undefined;
}

/** A struct schema (declared properties, no free-form content): `$`-keys in it must be directives. */
function isStruct(schema: OpenAPISchema | undefined): boolean {
  return !!schema && isObject(schema.properties) && schema['x-kubernetes-preserve-unknown-fields'] !== true;
}

/**
 * Applies `patch` to `original` (a versioned object of the kind whose schema is
 * `schemas[rootSchema]`). Malformed patches throw a 400 StatusError.
 */
export function applyStrategicMergePatch(original: JSONObject, patch: unknown, schemas: Schemas, rootSchema: string): JSONObject {
  if (!isObject(patch)) throw badRequest('invalid strategic merge patch: the patch must be a JSON object');
  const schema = resolve({ $ref: SCHEMA_REF_PREFIX + rootSchema }, schemas);
  const merged = new Merger(schemas).mergeMap(deepCopyJSON(original), deepCopyJSON(patch), schema, '');
  if (merged === DELETED) throw bad('', 'the patch cannot delete the whole object ($patch: delete at the top level)');
  return merged;
}

class Merger {
  constructor(private readonly schemas: Schemas) {}

  /** Merges a map patch into `original` (undefined: nothing to merge into, directives still apply). */
  mergeMap(original: JSONObject | undefined, patch: JSONObject, schema: OpenAPISchema | undefined, path: string): JSONObject | typeof DELETED {
    if (hasOwn(patch, PATCH_DIRECTIVE)) {
      const directive = patch[PATCH_DIRECTIVE];
      // Kubernetes empties a map patched with `$patch: delete` (the field stays, as {}); only the
      // whole object cannot be deleted this way.
      if (directive === 'delete') return path === '' ? DELETED : {};
      if (directive === 'replace') {
        const rest: JSONObject = { ...patch };
        delete rest[PATCH_DIRECTIVE];
        return this.mergeMap(undefined, rest, schema, path);
      }
      throw bad(path, `unknown patch type ${JSON.stringify(directive)} in map (expected replace or delete)`);
    }
    const result: JSONObject = original ? { ...original } : {};
    if (hasOwn(patch, RETAIN_KEYS)) {
      this.retainKeys(result, patch[RETAIN_KEYS], path);
      // Every field the patch sets must be one it retains (nulls and list directives aside).
      const retained = patch[RETAIN_KEYS] as string[];
      for (const key of Object.keys(patch)) {
        if (key === RETAIN_KEYS || key === PATCH_DIRECTIVE || patch[key] === null) continue;
        if (key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) continue;
        if (!retained.includes(key)) throw bad(path, `the field ${JSON.stringify(key)} is set but not listed in $retainKeys`);
      }
    }

    const orderDirectives: string[] = [];
    const deleteDirectives: string[] = [];
    for (const key of Object.keys(patch)) {
      if (key === RETAIN_KEYS) continue;
      if (key.startsWith(SET_ELEMENT_ORDER)) {
        orderDirectives.push(key);
        continue;
      }
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteDirectives.push(key);
        continue;
      }
      if (key.startsWith('$') && isStruct(schema)) throw bad(path, `unknown directive ${JSON.stringify(key)}`);
      const value = patch[key];
      const fieldPath = path ? `${path}.${key}` : key;
      if (value === null) {
        delete result[key];
        continue;
      }
      const merged = this.mergeValue(ownValue(result, key), value, fieldOf(schema, key, this.schemas), fieldPath);
      if (merged === DELETED) delete result[key];
      else setOwn(result, key, merged);
    }
    for (const key of deleteDirectives) this.deleteFromPrimitiveList(result, key, patch[key], path);
    for (const key of orderDirectives) this.setElementOrder(result, original, key, patch[key], schema, path);
    return result;
  }

  private mergeValue(current: unknown, value: unknown, field: FieldInfo, path: string): unknown {
    if (isObject(value)) {
      // A map field with the `replace` strategy is taken from the patch as it is.
      const base = isObject(current) && !field.strategies.includes('replace') ? current : undefined;
      return this.mergeMap(base, value, field.schema, path);
    }
    if (Array.isArray(value)) return this.mergeList(Array.isArray(current) ? current : undefined, value, field, path);
    return value;
  }

  private mergeList(current: unknown[] | undefined, patch: unknown[], field: FieldInfo, path: string): unknown[] {
    if (!field.strategies.includes('merge')) return patch;
    if (patch.length === 0) return current ?? [];
    const maps = patch.some(isObject);
    if (maps && !patch.every(isObject)) throw bad(path, 'a merged list mixes maps and primitive values');
    if (!maps) {
      for (const item of patch) {
        if (Array.isArray(item)) throw bad(path, 'lists of lists cannot be merged');
      }
      return unique([...(current ?? []), ...patch]);
    }
    // Lists of maps without a declared merge key cannot be merged: they are replaced.
    const mergeKey = field.mergeKey;
    if (!mergeKey) return patch;
    const itemSchema = itemsOf(field, this.schemas);
    let items = current ? [...current] : [];
    let replace = false;
    const regular: JSONObject[] = [];
    for (const item of patch as JSONObject[]) {
      if (!hasOwn(item, PATCH_DIRECTIVE)) {
        regular.push(item);
        continue;
      }
      const directive = item[PATCH_DIRECTIVE];
      if (directive === 'delete') {
        if (!hasOwn(item, mergeKey)) throw bad(path, `a $patch: delete item does not contain the merge key ${JSON.stringify(mergeKey)}`);
        items = items.filter((x) => !(isObject(x) && hasOwn(x, mergeKey) && jsonEqual(x[mergeKey], item[mergeKey])));
      } else if (directive === 'replace') {
        replace = true;
      } else if (directive === 'merge') {
        throw bad(path, 'merging lists cannot be requested with $patch: merge');
      } else {
        throw bad(path, `unknown patch type ${JSON.stringify(directive)} in list (expected replace or delete)`);
      }
    }
    if (replace) return regular.map((item, i) => this.newItem(item, itemSchema, `${path}[${i}]`));
    for (const item of regular) {
      if (!hasOwn(item, mergeKey)) throw bad(path, `a list item does not contain the merge key ${JSON.stringify(mergeKey)}`);
      const index = items.findIndex((x) => isObject(x) && hasOwn(x, mergeKey) && jsonEqual(x[mergeKey], item[mergeKey]));
      if (index < 0) {
        items.push(this.newItem(item, itemSchema, `${path}[${items.length}]`));
      } else {
        const merged = this.mergeMap(items[index] as JSONObject, item, itemSchema, `${path}[${index}]`);
        items[index] = merged === DELETED ? {} : merged;
      }
    }
    return items;
  }

  /** A list item that is not merged with anything: its nulls and directives are still resolved. */
  private newItem(item: JSONObject, schema: OpenAPISchema | undefined, path: string): JSONObject {
    const merged = this.mergeMap(undefined, item, schema, path);
    return merged === DELETED ? {} : merged;
  }

  private retainKeys(result: JSONObject, keys: unknown, path: string): void {
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
      throw bad(path, 'the value of $retainKeys must be a list of field names');
    }
    for (const key of Object.keys(result)) {
      if (!keys.includes(key)) delete result[key];
    }
  }

  private deleteFromPrimitiveList(result: JSONObject, directive: string, values: unknown, path: string): void {
    const field = directive.slice(DELETE_FROM_PRIMITIVE_LIST.length);
    if (!field) throw bad(path, `${directive} names no field`);
    if (!Array.isArray(values) || values.some((v) => typeof v === 'object' && v !== null)) {
      throw bad(path, `the value of ${directive} must be a list of primitive values`);
    }
    const current = ownValue(result, field);
    if (current === undefined) return;
    if (!Array.isArray(current)) throw bad(path, `${directive}: ${field} is not a list`);
    setOwn(result, field, current.filter((item) => !values.some((v) => jsonEqual(v, item))));
  }

  /**
   * `$setElementOrder/<field>`: the items the directive names come in its order; items only the
   * server had keep their place relative to the items around them in the original list.
   */
  private setElementOrder(
    result: JSONObject,
    original: JSONObject | undefined,
    directive: string,
    order: unknown,
    schema: OpenAPISchema | undefined,
    path: string,
  ): void {
    const field = directive.slice(SET_ELEMENT_ORDER.length);
    if (!field) throw bad(path, `${directive} names no field`);
    if (!Array.isArray(order)) throw bad(path, `the value of ${directive} must be a list`);
    const list = ownValue(result, field);
    if (list === undefined) return;
    if (!Array.isArray(list)) throw bad(path, `${directive}: ${field} is not a list`);
    const mergeKey = fieldOf(schema, field, this.schemas).mergeKey;
    const keyed = mergeKey !== undefined && order.some(isObject);
    if (keyed && !order.every((o) => isObject(o) && hasOwn(o, mergeKey))) {
      throw bad(path, `every item of ${directive} must contain the merge key ${JSON.stringify(mergeKey)}`);
    }
    if (!keyed && order.some((o) => typeof o === 'object' && o !== null)) {
      throw bad(path, `the value of ${directive} must be a list of primitive values or of maps with the merge key`);
    }
    const keyOf = (item: unknown): unknown => (keyed ? (isObject(item) ? ownValue(item, mergeKey!) : undefined) : item);
    const indexIn = (items: unknown[], item: unknown): number => {
      const key = keyOf(item);
      return key === undefined ? -1 : items.findIndex((x) => jsonEqual(keyOf(x), key));
    };
    const serverList = original && Array.isArray(ownValue(original, field)) ? (ownValue(original, field) as unknown[]) : [];
    const named = list
      .map((item, i) => ({ item, i, at: indexIn(order, item) }))
      .filter((e) => e.at >= 0)
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((e) => e.item);
    const serverOnly = list.filter((item) => indexIn(order, item) < 0);
    const out: unknown[] = [];
    let s = 0;
    let n = 0;
    while (s < serverOnly.length || n < named.length) {
      if (n >= named.length) {
        out.push(serverOnly[s++]);
        continue;
      }
      if (s >= serverOnly.length) {
        out.push(named[n++]);
        continue;
      }
      // A server-only item goes first when the server's list had it before the named item.
      const si = indexIn(serverList, serverOnly[s]);
      const ni = indexIn(serverList, named[n]);
      if (si >= 0 && ni >= 0 && si < ni) out.push(serverOnly[s++]);
      else out.push(named[n++]);
    }
    setOwn(result, field, out);
  }
}

/** Removes repeated values, keeping the first occurrence (merged primitive lists are sets). */
function unique(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (!out.some((o) => jsonEqual(o, v))) out.push(v);
  }
  return out;
}
