// Emits OpenAPI v3 component schemas: `_meta/openapi.ts` (every meta type) and per version
// `<version>/openapi.ts` (the version's types, its kinds' list types, and the meta types they
// reference), named the way Kubernetes names them.

import type { FieldModel, GroupModel, TypeModel, TypeRef } from '../model.js';
import { FileLocation, Imports, key, renderFile, str } from './code.js';
import { refOf, spaceFile, type TypeSpace } from './spaces.js';

type Schema = { [key: string]: unknown };

const registrationRuntime = 'runtime/machinery/registration.ts';

export function metaSchemaName(typeName: string): string {
  return `io.k8s.apimachinery.pkg.apis.meta.v1.${typeName}`;
}

/** `io.k8s.api.networking.v1`, `io.k8s.api.core.v1`, `io.k8s.api.autoscaling.v2`, `com.example.v1`. */
export function schemaPrefix(group: GroupModel, version: string): string {
  const name = group.name;
  if (name === '') return `io.k8s.api.core.${version}`;
  if (name.endsWith('.k8s.io')) return `io.k8s.api.${name.split('.')[0]}.${version}`;
  if (!name.includes('.')) return `io.k8s.api.${name}.${version}`;
  return `${name.split('.').reverse().join('.')}.${version}`;
}

function typeSchema(t: TypeRef, refName: (ref: Extract<TypeRef, { kind: 'ref' }>) => string): Schema {
  switch (t.kind) {
    case 'string':
      return t.format ? { type: 'string', format: t.format } : { type: 'string' };
    case 'integer':
      return { type: 'integer', format: t.format };
    case 'number':
      return { type: 'number', format: t.format ?? 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'intOrString':
      return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'json':
      return { 'x-kubernetes-preserve-unknown-fields': true };
    case 'enum':
      return { type: 'string', enum: [...t.values] };
    case 'array':
      return { type: 'array', items: typeSchema(t.items, refName) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(t.values, refName) };
    case 'ref':
      return { $ref: `#/components/schemas/${refName(t)}` };
  }
}

/** A JSDoc comment as an OpenAPI description: the lines of a paragraph joined with spaces (as
 * Kubernetes' descriptions are, so `kubectl explain` wraps them itself), paragraphs kept apart. */
function description(doc: string): string {
  return doc
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' '))
    .join('\n\n');
}

function fieldSchema(field: FieldModel, refName: (ref: Extract<TypeRef, { kind: 'ref' }>) => string): Schema {
  const m = field.markers;
  const base = typeSchema(field.type, refName);
  const extra: Schema = {};
  if (field.doc.trim()) extra.description = description(field.doc);
  if (m.default !== undefined) extra.default = m.default;
  if (m.format !== undefined) extra.format = m.format;
  if (m.enum !== undefined) extra.enum = [...m.enum];
  if (m.minimum !== undefined) extra.minimum = m.minimum;
  if (m.exclusiveMinimum !== undefined) Object.assign(extra, { minimum: m.exclusiveMinimum, exclusiveMinimum: true });
  if (m.maximum !== undefined) extra.maximum = m.maximum;
  if (m.exclusiveMaximum !== undefined) Object.assign(extra, { maximum: m.exclusiveMaximum, exclusiveMaximum: true });
  if (m.minLength !== undefined) extra.minLength = m.minLength;
  if (m.maxLength !== undefined) extra.maxLength = m.maxLength;
  if (m.pattern !== undefined) extra.pattern = m.pattern;
  if (m.minItems !== undefined) extra.minItems = m.minItems;
  if (m.maxItems !== undefined) extra.maxItems = m.maxItems;
  if (m.intOrString && field.type.kind !== 'intOrString') {
    Object.assign(extra, { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] });
  }
  if (m.listType !== undefined) extra['x-kubernetes-list-type'] = m.listType;
  if (m.listMapKeys !== undefined) extra['x-kubernetes-list-map-keys'] = [...m.listMapKeys];
  if (m.patchMergeKey !== undefined) extra['x-kubernetes-patch-merge-key'] = m.patchMergeKey;
  if (m.patchStrategy !== undefined) extra['x-kubernetes-patch-strategy'] = m.patchStrategy;
  if (field.type.kind === 'ref' && Object.keys(extra).length > 0) {
    // OpenAPI 3.0 ignores siblings of $ref, so Kubernetes wraps the ref in allOf.
    return ordered({ ...extra, allOf: [base] });
  }
  return ordered({ ...base, ...extra });
}

const apiVersionDoc =
  'APIVersion is the versioned schema of this object; servers convert recognized versions and may reject others.';
const kindDoc = 'Kind is the REST resource this object represents, in CamelCase. It cannot be updated.';

export interface GVK {
  group: string;
  version: string;
  kind: string;
}

function objectSchema(
  type: TypeModel,
  refName: (ref: Extract<TypeRef, { kind: 'ref' }>) => string,
  gvk?: GVK,
): Schema {
  const schema: Schema = {};
  if (type.doc.trim()) schema.description = description(type.doc);
  schema.type = 'object';
  const required = type.fields.filter((f) => !f.optional).map((f) => f.name);
  if (required.length > 0) schema.required = required;
  const properties: Schema = {};
  if (gvk) {
    properties.apiVersion = { description: apiVersionDoc, type: 'string' };
    properties.kind = { description: kindDoc, type: 'string' };
  }
  for (const field of type.fields) properties[field.name] = fieldSchema(field, refName);
  schema.properties = properties;
  if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
  return schema;
}

function renderSchemas(entries: [string, string][]): string[] {
  const lines = ['export const schemas: Record<string, OpenAPISchema> = {'];
  for (const [name, value] of entries) lines.push(`  ${str(name)}: ${value},`);
  lines.push('};');
  return lines;
}

/** A JSON value as a readable TS literal: objects one key a line, short scalar arrays inline. */
function json(value: unknown, indent = '  '): string {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? str(value) : JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => json(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}  ${json(v, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${indent}  ${key(k)}: ${json(v, `${indent}  `)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Puts description, type and format first, as people read a schema. */
function ordered(schema: Schema): Schema {
  const { description, type, format, ...rest } = schema;
  const out: Schema = {};
  if (description !== undefined) out.description = description;
  if (type !== undefined) out.type = type;
  if (format !== undefined) out.format = format;
  return Object.assign(out, rest);
}

export function emitMetaOpenAPI(space: TypeSpace): [string, string] {
  const file = spaceFile(space, 'openapi');
  const imports = new Imports();
  const loc = new FileLocation(file);
  imports.type(loc.toProject(registrationRuntime), 'OpenAPISchema');
  const refName = (ref: { name: string }): string => metaSchemaName(ref.name);
  const entries: [string, string][] = space.types.map((t) => [metaSchemaName(t.name), json(objectSchema(t, refName))]);
  const body = ['/** Schemas of the shared meta types, by Kubernetes schema name. */', ...renderSchemas(entries)];
  return [file, renderFile(space.sources, imports, body)];
}

/** Meta type names reachable from the given types (transitively through meta types). */
function metaClosure(types: TypeModel[], space: TypeSpace): string[] {
  const found = new Set<string>();
  const queue: TypeModel[] = [...types];
  while (queue.length > 0) {
    const type = queue.pop()!;
    const inMeta = space.meta.byName.get(type.name) === type;
    for (const field of type.fields) {
      const ref = refOf(field.type);
      if (!ref || (!inMeta && ref.scope !== 'meta') || found.has(ref.name)) continue;
      const target = space.meta.byName.get(ref.name);
      if (!target) continue;
      found.add(ref.name);
      queue.push(target);
    }
  }
  return [...found].sort();
}

export function kindSchemaName(group: GroupModel, version: string, typeName: string): string {
  return `${schemaPrefix(group, version)}.${typeName}`;
}

export function emitVersionOpenAPI(group: GroupModel, space: TypeSpace, version: string): [string, string] {
  const file = spaceFile(space, 'openapi');
  const loc = new FileLocation(file);
  const imports = new Imports();
  imports.type(loc.toProject(registrationRuntime), 'OpenAPISchema');
  const refName = (ref: { name: string; scope: 'meta' | 'version' }): string =>
    ref.scope === 'meta' ? metaSchemaName(ref.name) : kindSchemaName(group, version, ref.name);
  const kindNames = new Set(space.kinds.map((k) => k.name));
  const listNames = new Set(space.lists.map((l) => l.name));
  const entries: [string, string][] = [];
  for (const type of [...space.types, ...space.lists]) {
    const isKind = kindNames.has(type.name) || listNames.has(type.name);
    const gvk = isKind ? { group: group.name, version, kind: type.name } : undefined;
    entries.push([kindSchemaName(group, version, type.name), json(objectSchema(type, refName, gvk))]);
  }
  const metaModule = loc.toGenerated(spaceFile(space.meta, 'openapi'));
  for (const name of metaClosure([...space.types, ...space.lists], space)) {
    const schemaName = metaSchemaName(name);
    entries.push([schemaName, `${imports.namespace(metaModule, 'metaOpenAPI', false)}.schemas[${str(schemaName)}]!`]);
  }
  const body = [`/** OpenAPI v3 schemas of ${space.apiVersion}, by Kubernetes schema name. */`, ...renderSchemas(entries)];
  return [file, renderFile(space.sources, imports, body)];
}
