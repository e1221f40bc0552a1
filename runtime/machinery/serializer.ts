// The only place where bytes become objects and objects become bytes: request bodies (JSON and
// YAML), response bodies, and the storage codec. Decoding refuses anything that is not a single,
// reasonably nested JSON object with a 400 Status, and never lets a key reach a prototype.
import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, stringify, type CST, type Document } from 'yaml';
import { StatusError, badRequest, internalError, requestEntityTooLarge } from './errors.js';
import { countKeys, duplicateJsonPaths, scanJson } from './json-scan.js';
import type { JSONObject } from './registration.js';

export { requestMediaType, responseMediaType, parseMediaType, SUPPORTED_MEDIA_TYPES } from './media.js';
export type { MediaType } from './media.js';
export { pruneUnknownFields, unknownFields } from './unknown-fields.js';
export { objectRequestMediaType, PROTOBUF_MEDIA_TYPE } from './media.js';
export type { ObjectBodyMediaType } from './media.js';
import type { MediaType } from './media.js';
import { readProtobufEnvelope } from './protobuf-envelope.js';

export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;
export const MAX_NESTING_DEPTH = 100; // deeper bodies are a 400
/** Alias nodes a YAML body may expand (the yaml package's guard against entity-expansion bombs). */
export const MAX_YAML_ALIAS_COUNT = 100;

export interface Decoded {
  obj: JSONObject;
  /** Paths of keys repeated within one object (last value wins), for fieldValidation=Strict. */
  duplicateFields: string[];
}

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

function depthError(): Error {
  return badRequest(`the request body exceeds the maximum nesting depth of ${MAX_NESTING_DEPTH}`);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function decode(body: Uint8Array, mediaType: MediaType): Decoded {
  if (body.byteLength > MAX_REQUEST_BYTES) throw requestEntityTooLarge(`limit is ${MAX_REQUEST_BYTES}`);
  const text = utf8.decode(body);
  return mediaType === 'application/yaml' ? decodeYaml(text) : decodeJson(text);
}

/**
 * A protobuf body (`application/vnd.kubernetes.protobuf`): the envelope's apiVersion/kind plus
 * the object decoded from its raw bytes by the kind's generated decoder. Bad bytes are a 400.
 */
export function decodeProtobuf(body: Uint8Array, decodeRaw: (raw: Uint8Array) => JSONObject): Decoded {
  if (body.byteLength > MAX_REQUEST_BYTES) throw requestEntityTooLarge(`limit is ${MAX_REQUEST_BYTES}`);
  try {
    const { apiVersion, kind, raw } = readProtobufEnvelope(body);
    const decoded = decodeRaw(raw);
    // The object's own message carries no type meta: it travels in the envelope.
    const obj: JSONObject = { ...(apiVersion !== '' ? { apiVersion } : {}), ...(kind !== '' ? { kind } : {}), ...decoded };
    return { obj, duplicateFields: [] };
  } catch (err) {
    if (err instanceof StatusError) throw err;
    const detail = err instanceof RangeError ? 'messages are nested too deeply' : (err as Error).message;
    throw badRequest(`the request body is not a valid Kubernetes protobuf message: ${detail}`);
  }
}

function decodeJson(text: string): Decoded {
  const scan = scanJson(text, MAX_NESTING_DEPTH);
  if (scan.maxDepth > MAX_NESTING_DEPTH) throw depthError();
  let value: unknown;
  try {
    // JSON.parse defines `__proto__` as an ordinary own property, so it cannot pollute.
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`couldn't get version/kind; json parse error: cannot unmarshal ${typeName(value)} into an object`);
  }
  const duplicateFields = countKeys(value) === scan.members ? [] : [...new Set(duplicateJsonPaths(text))];
  return { obj: value as JSONObject, duplicateFields };
}

function yamlError(message: string): Error {
  return badRequest(`error converting YAML to JSON: yaml: ${message}`);
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

interface YamlShape {
  duplicates: string[];
  tooDeep: boolean;
  hasAliases: boolean;
}

/** Walks the YAML syntax tree (not the JS value) for duplicate keys, depth and aliases. */
function inspectYaml(doc: Document): YamlShape {
  const shape: YamlShape = { duplicates: [], tooDeep: false, hasAliases: false };
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: doc.contents, path: '', depth: 1 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop() as { node: unknown; path: string; depth: number };
    if (isAlias(node)) {
      shape.hasAliases = true;
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_NESTING_DEPTH) {
      shape.tooDeep = true;
      return shape;
    }
    // children are pushed in reverse so duplicates are reported in document order
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = new Set<string>();
    const children: { node: unknown; path: string; depth: number }[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      if (isAlias(k)) shape.hasAliases = true;
      const key = isScalar(k) ? (k.value === null ? '' : String(k.value)) : String(k);
      const childPath = path === '' ? key : `${path}.${key}`;
      if (keys.has(key)) shape.duplicates.push(childPath);
      else keys.add(key);
      children.push({ node: pair.value, path: childPath, depth: depth + 1 });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return shape;
}

/** Rejects values YAML can express but JSON cannot (non-finite numbers, binary, dates). */
function checkJsonCompatible(root: unknown): void {
  // Depth-first with exit markers: `path` holds the collections from the root to the current one,
  // so an alias whose value contains itself (`a: &a [*a]`, which toJS makes a cycle) is found
  // instead of walked forever. Shared, non-cyclic aliases are fine: maxAliasCount bounds them.
  const EXIT = Symbol('exit');
  const path = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === EXIT) {
      path.delete(stack.pop() as object);
      continue;
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw yamlError(`unsupported value: ${v}`);
    if (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function') throw yamlError(`unsupported value of type ${typeof v}`);
    if (v === null || typeof v !== 'object') continue;
    if (path.has(v)) throw yamlError('an anchor value contains itself');
    const children = Array.isArray(v)
      ? v
      : Object.getPrototypeOf(v) === Object.prototype
        ? Object.keys(v).map((k) => (v as Record<string, unknown>)[k])
        : undefined;
    if (children === undefined) throw yamlError(`unsupported value of type ${(v as object).constructor?.name ?? 'object'}`);
    path.add(v);
    stack.push(v, EXIT);
    for (const child of children) stack.push(child);
  }
}

/** Deepest collection nesting in the YAML syntax tokens, walked without recursion. The yaml
 * package composes documents recursively, and V8 can abort the whole process (not throw) when a
 * stack overflow lands inside a regular-expression compile, so deep input must never reach it. */
function cstDepthExceeds(tokens: CST.Token[], limit: number): boolean {
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token | undefined; depth: number };
    if (!token) continue;
    switch (token.type) {
      case 'document':
        stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > limit) return true;
        for (const item of token.items) {
          if ('key' in item) stack.push({ token: item.key ?? undefined, depth: depth + 1 });
          stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/** A quick, deliberately loose text check run before the (slow on hostile input) CST parser:
 * far more unclosed flow brackets, or compact `- `/`? ` indicators on one line, than any real
 * object uses. Quoted text is skipped; a false alarm needs ten times MAX_NESTING_DEPTH of them. */
const YAML_QUICK_LIMIT = MAX_NESTING_DEPTH * 10;

function yamlObviouslyTooDeep(text: string): boolean {
  let flow = 0;
  let lineStart = true;
  let compact = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = true;
      compact = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 /* space */) continue;
      if ((c === 45 /* - */ || c === 63 /* ? */) && text.charCodeAt(i + 1) === 32) {
        if (++compact > YAML_QUICK_LIMIT) return true;
        i++;
        continue;
      }
      lineStart = false;
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++flow > YAML_QUICK_LIMIT) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (flow > 0) flow--;
    } else if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \\ */) i++;
        else if (d === 34) break;
      }
    }
  }
  return false;
}

const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false, // `<<` is an ordinary key in YAML 1.2, as in JSON
  uniqueKeys: false, // duplicates are reported, not fatal, as for JSON
  resolveKnownTags: false, // no !!binary/!!timestamp: only JSON-shaped values
  prettyErrors: false,
  logLevel: 'silent',
} as const;

function decodeYaml(text: string): Decoded {
  let docs: Document.Parsed[];
  try {
    if (yamlObviouslyTooDeep(text)) throw depthError();
    // The CST parser keeps its own stack (no recursion); depth is checked before composing.
    const tokens = Array.from(new Parser().parse(text));
    if (cstDepthExceeds(tokens, MAX_NESTING_DEPTH)) throw depthError();
    docs = Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, text.length)) as Document.Parsed[];
  } catch (err) {
    if (err instanceof StatusError) throw err;
    if (err instanceof RangeError) throw depthError();
    throw yamlError((err as Error).message);
  }
  if (!Array.isArray(docs)) throw yamlError('unexpected stream structure');
  const nonEmpty = docs.filter((d, i) => i === 0 || d.contents !== null && !(isScalar(d.contents) && d.contents.value === null));
  if (nonEmpty.length > 1) throw badRequest('the request body contains multiple YAML documents; send exactly one object');
  const doc = docs[0];
  if (!doc) throw yamlError('the request body is empty; expected a single object');
  const firstError = doc.errors[0];
  if (firstError) {
    if (firstError.code === 'RESOURCE_EXHAUSTION') throw depthError();
    throw yamlError(`line ${lineOf(text, firstError.pos[0])}: ${firstError.message}`);
  }
  const shape = inspectYaml(doc);
  if (shape.tooDeep) throw depthError();
  let value: unknown;
  try {
    // The yaml package defines `__proto__` and other inherited names as own properties.
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof RangeError) throw depthError();
    throw yamlError((err as Error).message);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw yamlError(`cannot unmarshal ${typeName(value)} into an object`);
  }
  checkJsonCompatible(value);
  if (shape.hasAliases) {
    // Aliases decode to shared references; copy so each path owns its value, then re-check the
    // depth the expansion may have added.
    const text2 = JSON.stringify(value);
    if (scanJson(text2, MAX_NESTING_DEPTH).maxDepth > MAX_NESTING_DEPTH) throw depthError();
    value = JSON.parse(text2);
  }
  return { obj: value as JSONObject, duplicateFields: [...new Set(shape.duplicates)] };
}

/** Response body text: compact JSON, or YAML quoted for YAML 1.1 readers (kubectl, PyYAML) so
 * strings like "yes" or "0755" stay strings. */
export function encode(obj: unknown, mediaType: MediaType): string {
  if (mediaType === 'application/yaml') {
    return stringify(obj, { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0 });
  }
  return JSON.stringify(obj);
}

/** Storage codec: compact JSON bytes of a versioned object. */
export function encodeForStorage(obj: JSONObject): Uint8Array {
  return utf8Encoder.encode(JSON.stringify(obj));
}

/** Stored bytes -> object. Bad bytes are our corruption, not the client's mistake: 500. */
export function decodeFromStorage(bytes: Uint8Array): JSONObject {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (err) {
    throw internalError(new Error(`stored object is not valid JSON: ${(err as Error).message}`));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw internalError(new Error(`stored object is a JSON ${typeName(value)}, not an object`));
  }
  return value as JSONObject;
}
