// Emits `protobuf.ts` of a space (the shared meta types, or one version): a `decode<Type>` per type
// whose fields all carry `@protobuf` numbers (and whose referenced types are decodable too). Each
// decoder walks the message's fields with runtime/machinery/protobuf.ts's ProtoReader and builds the
// type's JSON form; unknown field numbers are skipped. The runtime uses a kind's decoder for
// `application/vnd.kubernetes.protobuf` request bodies.

import type { FieldModel, TypeModel, TypeRef } from '../model.js';
import { FileLocation, Imports, prop, renderFile, str } from './code.js';
import { isForeignMeta, refOf, spaceFile, type TypeSpace } from './spaces.js';

export const protobufRuntime = 'runtime/machinery/protobuf.ts';
const registrationRuntime = 'runtime/machinery/registration.ts';

export function decoderName(typeName: string): string {
  return `decode${typeName}`;
}

/** Can a value of `t` be read from the wire (given which refs are decodable)? */
function decodableType(t: TypeRef, refOk: (ref: Extract<TypeRef, { kind: 'ref' }>) => boolean): boolean {
  switch (t.kind) {
    case 'array':
      // protobuf has no list of lists or list of maps; Kubernetes wraps those in messages
      return t.items.kind !== 'array' && t.items.kind !== 'map' && decodableType(t.items, refOk);
    case 'map':
      return t.values.kind !== 'array' && t.values.kind !== 'map' && decodableType(t.values, refOk);
    case 'ref':
      return refOk(t);
    default:
      return true;
  }
}

/**
 * Names of the space's types that get a decoder: every field has `@protobuf` and every type it
 * refers to has a decoder too (the largest such set, so mutually recursive types qualify).
 */
export function protobufTypes(space: TypeSpace, metaDecodable: ReadonlySet<string>): Set<string> {
  const result = new Set(space.types.filter((t) => t.fields.every((f) => f.markers.protobuf !== undefined)).map((t) => t.name));
  const refOk = (ref: Extract<TypeRef, { kind: 'ref' }>): boolean =>
    isForeignMeta(space, ref) ? metaDecodable.has(ref.name) : result.has(ref.name);
  let changed = true;
  while (changed) {
    changed = false;
    for (const type of space.types) {
      if (result.has(type.name) && !type.fields.every((f) => decodableType(f.type, refOk))) {
        result.delete(type.name);
        changed = true;
      }
    }
  }
  return result;
}

interface DecoderContext {
  decoderOf(ref: Extract<TypeRef, { kind: 'ref' }>): string;
  imports: Imports;
  runtime: string;
}

/** Expression reading one value of type `t` at reader `r`'s cursor. */
function readValue(t: TypeRef, r: string, bytes: boolean, ctx: DecoderContext): string {
  switch (t.kind) {
    case 'string':
      if (bytes) return `${r}.bytes()`;
      return t.format === 'date-time' ? `${r}.time()` : `${r}.string()`;
    case 'enum':
      return `${r}.string()`;
    case 'integer':
      return t.format === 'int64' ? `${r}.int64()` : `${r}.int32()`;
    case 'number':
      return `${r}.double()`;
    case 'boolean':
      return `${r}.bool()`;
    case 'intOrString':
      return `${r}.intOrString()`;
    case 'json':
      return `${r}.json()`;
    case 'ref':
      return `${r}.message(${ctx.decoderOf(t)})`;
    case 'array':
    case 'map':
      throw new Error(`nested ${t.kind} has no protobuf form`); // excluded by decodableType
  }
}

/** The value a map entry has when its value field is absent from the wire. */
function zeroValue(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
    case 'enum':
      return t.kind === 'string' && t.format === 'date-time' ? 'null' : "''";
    case 'integer':
    case 'number':
    case 'intOrString':
      return '0';
    case 'boolean':
      return 'false';
    case 'ref':
      return '{}';
    default:
      return 'null';
  }
}

/** Reads that may give `undefined` (zero time, empty JSON) go through setOptional. */
function mayBeAbsent(t: TypeRef): boolean {
  return t.kind === 'json' || (t.kind === 'string' && t.format === 'date-time');
}

/** Statements storing the field at reader `r`'s cursor into `out`. */
function readField(field: FieldModel, r: string, indent: string, ctx: DecoderContext): string[] {
  const { type } = field;
  const bytes = field.markers.protobufBytes === true;
  const name = str(field.name);
  const helper = (fn: string): string => ctx.imports.value(ctx.runtime, fn);
  if (type.kind === 'array') {
    return [`${indent}${helper('pushItem')}(out, ${name}, ${readValue(type.items, r, bytes, ctx)});`];
  }
  if (type.kind === 'map') {
    const value = readValue(type.values, 'e', bytes, ctx);
    return [`${indent}${helper('setMapEntry')}(out, ${name}, ${r}.entry((e) => e.string(), (e) => ${value}, '', ${zeroValue(type.values)}));`];
  }
  const value = readValue(type, r, bytes, ctx);
  if (type.kind === 'ref' || (!field.optional && !mayBeAbsent(type))) return [`${indent}${prop('out', field.name)} = ${value};`];
  return [`${indent}${helper('setOptional')}(out, ${name}, ${value});`];
}

/** The `switch` over field numbers of one message (fields whose @protobuf path starts at `level`). */
function fieldSwitch(fields: FieldModel[], r: string, indent: string, level: number, ctx: DecoderContext): string[] {
  const direct = new Map<number, FieldModel>();
  const embedded = new Map<number, FieldModel[]>();
  for (const field of fields) {
    const path = field.markers.protobuf!;
    const number = path[level]!;
    if (path.length === level + 1) direct.set(number, field);
    else embedded.set(number, [...(embedded.get(number) ?? []), field]);
  }
  const numbers = [...new Set([...direct.keys(), ...embedded.keys()])].sort((a, b) => a - b);
  const out: string[] = [`${indent}while (${r}.next()) {`, `${indent}  switch (${r}.field) {`];
  for (const n of numbers) {
    const field = direct.get(n);
    if (field) {
      out.push(`${indent}    case ${n}: // ${field.name}`, ...readField(field, r, `${indent}      `, ctx), `${indent}      break;`);
      continue;
    }
    const inner = embedded.get(n)!;
    const sub = `${r}${n}`;
    out.push(`${indent}    case ${n}: { // embedded: ${inner.map((f) => f.name).join(', ')}`);
    out.push(`${indent}      const ${sub} = ${r}.embedded();`);
    out.push(...fieldSwitch(inner, sub, `${indent}      `, level + 1, ctx));
    out.push(`${indent}      break;`, `${indent}    }`);
  }
  out.push(`${indent}    default:`, `${indent}      ${r}.skip();`, `${indent}  }`, `${indent}}`);
  return out;
}

/** The decodable types a version's decodable kinds use (a meta space keeps all: it is shared). */
function neededDecoders(space: TypeSpace, decodable: ReadonlySet<string>): Set<string> {
  if (space.kind === 'meta') return new Set(decodable);
  const needed = new Set<string>();
  const queue = space.kinds.map((k) => k.name).filter((name) => decodable.has(name));
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    for (const field of space.byName.get(name)?.fields ?? []) {
      const ref = refOf(field.type);
      if (ref && !isForeignMeta(space, ref)) queue.push(ref.name);
    }
  }
  return needed;
}

/** Emits the file, or undefined when no kind (no type, for meta) of the space is decodable. */
export function emitProtobuf(space: TypeSpace, metaDecodable: ReadonlySet<string>): [string, string] | undefined {
  const decodable = neededDecoders(space, space.kind === 'meta' ? metaDecodable : protobufTypes(space, metaDecodable));
  if (decodable.size === 0) return undefined;
  const file = spaceFile(space, 'protobuf');
  const loc = new FileLocation(file);
  const imports = new Imports();
  const runtime = loc.toProject(protobufRuntime);
  const metaProtobuf = loc.toGenerated(spaceFile(space.meta, 'protobuf'));
  const ctx: DecoderContext = {
    imports,
    runtime,
    decoderOf: (ref) => (isForeignMeta(space, ref) ? imports.value(metaProtobuf, decoderName(ref.name)) : decoderName(ref.name)),
  };
  const JSONObject = imports.type(loc.toProject(registrationRuntime), 'JSONObject');
  const body: string[] = [];
  const emitDecoder = (type: TypeModel): void => {
    const ProtoReader = imports.value(runtime, 'ProtoReader');
    body.push(`/** Decodes the protobuf message of a ${type.name} into its JSON form. */`);
    body.push(`export function ${decoderName(type.name)}(bytes: Uint8Array, depth = 0): ${JSONObject} {`);
    body.push(`  const out: ${JSONObject} = {};`);
    body.push(`  const r = new ${ProtoReader}(bytes, depth);`);
    body.push(...fieldSwitch(type.fields, 'r', '  ', 0, ctx));
    body.push('  return out;', '}', '');
  };
  for (const type of space.types) if (decodable.has(type.name)) emitDecoder(type);
  return [file, renderFile(space.sources, imports, body)];
}
