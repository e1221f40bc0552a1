// Finds fields of an object that its OpenAPI schema does not declare (fieldValidation=Strict/Warn).
// The schema is the generator's OpenAPI v3 component set; `$ref`, `allOf`/`anyOf`/`oneOf`,
// `properties`, `additionalProperties`, `items` and the Kubernetes extensions are followed.
import type { JSONObject, OpenAPISchema } from './registration.js';

const REF_PREFIX = '#/components/schemas/';

/** What a schema (with its refs and composition branches merged) says about a value's children. */
interface SchemaView {
  /** Children are not checked: preserve-unknown-fields, int-or-string, or an open object. */
  open: boolean;
  properties: Map<string, OpenAPISchema>;
  /** Schema for map values; `true` = any value allowed; undefined = no extra keys. */
  additional: OpenAPISchema | true | undefined;
  items: OpenAPISchema | undefined;
}

function isSchema(v: unknown): v is OpenAPISchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function refName(ref: string): string {
  const name = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
  return name.replace(/~1/g, '/').replace(/~0/g, '~');
}

class SchemaViews {
  private readonly cache = new WeakMap<OpenAPISchema, SchemaView>();

  constructor(private readonly schemas: Record<string, OpenAPISchema>) {}

  named(name: string): OpenAPISchema | undefined {
    return Object.prototype.hasOwnProperty.call(this.schemas, name) ? this.schemas[name] : undefined;
  }

  view(schema: OpenAPISchema): SchemaView {
    const cached = this.cache.get(schema);
    if (cached) return cached;
    const v: SchemaView = { open: false, properties: new Map(), additional: undefined, items: undefined };
    let declaresStructure = false;
    const seen = new Set<OpenAPISchema>();
    const pending: OpenAPISchema[] = [schema];
    while (pending.length > 0) {
      const s = pending.pop() as OpenAPISchema;
      if (seen.has(s)) continue;
      seen.add(s);
      if (s['x-kubernetes-preserve-unknown-fields'] === true || s['x-kubernetes-int-or-string'] === true) v.open = true;
      if (typeof s.$ref === 'string') {
        const target = this.named(refName(s.$ref));
        // An unresolvable ref is the generator's bug; do not report user fields because of it.
        if (target) pending.push(target);
        else v.open = true;
      }
      for (const comb of ['allOf', 'anyOf', 'oneOf'] as const) {
        const list = s[comb];
        if (Array.isArray(list)) for (const b of list) if (isSchema(b)) pending.push(b);
      }
      if (isSchema(s.properties)) {
        declaresStructure = true;
        for (const [k, p] of Object.entries(s.properties)) if (isSchema(p) && !v.properties.has(k)) v.properties.set(k, p);
      }
      if (s.additionalProperties === true) {
        declaresStructure = true;
        v.additional = true;
      } else if (isSchema(s.additionalProperties) && v.additional === undefined) {
        declaresStructure = true;
        v.additional = s.additionalProperties;
      }
      if (isSchema(s.items) && v.items === undefined) {
        declaresStructure = true;
        v.items = s.items;
      }
    }
    // A schema that lists neither properties, additionalProperties nor items describes free-form
    // data (e.g. fieldsV1) or a scalar; treating it as closed would flag every field inside.
    if (!declaresStructure) v.open = true;
    this.cache.set(schema, v);
    return v;
  }
}

/** Dotted paths of fields not in the schema, e.g. `spec.foo`, `spec.rules[0].bar`,
 * `spec.selector[app].x` for a value under a map key. */
export function unknownFields(obj: JSONObject, schemaName: string, schemas: Record<string, OpenAPISchema>): string[] {
  const out: string[] = [];
  walkUnknownFields(obj, schemaName, schemas, (_container, _key, path) => out.push(path));
  return out;
}

/** Removes the fields the schema does not declare (what decoding drops) and returns their paths
 * as unknownFields does. Server-side apply uses it so that no manager owns a field that is never
 * stored. */
export function pruneUnknownFields(obj: JSONObject, schemaName: string, schemas: Record<string, OpenAPISchema>): string[] {
  const out: string[] = [];
  walkUnknownFields(obj, schemaName, schemas, (container, key, path) => {
    delete container[key];
    out.push(path);
  });
  return out;
}

type OnUnknown = (container: Record<string, unknown>, key: string, path: string) => void;

/** The merged views of each schema set, kept as long as the set lives (one per served version). */
const viewsBySchemas = new WeakMap<Record<string, OpenAPISchema>, SchemaViews>();

function viewsOf(schemas: Record<string, OpenAPISchema>): SchemaViews {
  let views = viewsBySchemas.get(schemas);
  if (views === undefined) {
    views = new SchemaViews(schemas);
    viewsBySchemas.set(schemas, views);
  }
  return views;
}

function walkUnknownFields(obj: JSONObject, schemaName: string, schemas: Record<string, OpenAPISchema>, onUnknown: OnUnknown): void {
  const views = viewsOf(schemas);
  const root = views.named(schemaName);
  if (!root) return;
  const stack: { value: unknown; schema: OpenAPISchema; path: string }[] = [{ value: obj, schema: root, path: '' }];
  while (stack.length > 0) {
    const { value, schema, path } = stack.pop() as { value: unknown; schema: OpenAPISchema; path: string };
    if (value === null || typeof value !== 'object') continue;
    const view = views.view(schema);
    if (view.open) continue;
    if (Array.isArray(value)) {
      if (!view.items) continue;
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], schema: view.items, path: `${path}[${i}]` });
      continue;
    }
    const container = value as Record<string, unknown>;
    const keys = Object.keys(container);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const child = container[key];
      const prop = view.properties.get(key);
      if (prop) {
        stack.push({ value: child, schema: prop, path: path === '' ? key : `${path}.${key}` });
      } else if (view.additional === true) {
        continue;
      } else if (view.additional) {
        stack.push({ value: child, schema: view.additional, path: `${path}[${key}]` });
      } else {
        onUnknown(container, key, path === '' ? key : `${path}.${key}`);
      }
    }
  }
}
