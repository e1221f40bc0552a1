// OpenAPI v2 (Swagger 2.0) at `/openapi/v2`, as kube-apiserver still serves it: one document with
// the paths and definitions of every group version. It is derived from the same OpenAPI v3
// documents (openapi.ts), so both always agree. kubectl up to 1.27 reads it (explain, the
// server-side field validation check, apply) and asks for it in gnostic protobuf only; JSON is
// served to clients that ask for JSON. openapi-v2-proto.ts does the protobuf encoding.
import { createHash } from 'node:crypto';
import type { JSONObject, OpenAPISchema } from '../machinery/registration.js';
import { KUBERNETES_VERSION, type DiscoverySource } from './discovery.js';
import { openAPIV3Document } from './openapi.js';
import { encodeOpenAPIV2 } from './openapi-v2-proto.js';

export const OPENAPI_V2_JSON = 'application/json';
/** The protobuf media types kube-openapi answers (the first one is what client-go sends). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const OPENAPI_V2_PROTOBUF_ANSWER = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

export interface OpenAPIV2Encoded {
  contentType: string;
  body: Uint8Array;
  /** Quoted entity tag of this encoding. */
  etag: string;
}

interface Built {
  json: Uint8Array;
  proto: Uint8Array;
  jsonTag: string;
  protoTag: string;
}

const cache = new WeakMap<object, Built>();

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';

/**
 * The encoding an Accept header picks, as kube-openapi's handler negotiates (clauses by quality,
 * then in order; `*` matches), or undefined for a 406. No Accept header means any.
 */
export function negotiateOpenAPIV2(accept: string | undefined): 'json' | 'protobuf' | undefined {
  const clauses = (accept && accept.trim() !== '' ? accept : '*/*')
    .split(',')
    .map((raw, index) => {
      const [type = '', ...params] = raw.split(';').map((s) => s.trim());
      let q = 1;
      for (const p of params) {
        const [k, v] = p.split('=').map((s) => s.trim());
        if (k === 'q' && v !== undefined && Number.isFinite(Number(v))) q = Number(v);
      }
      return { type: type.toLowerCase(), q, index };
    })
    .filter((c) => c.type !== '' && c.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const offers: [string, 'json' | 'protobuf'][] = [
    [OPENAPI_V2_JSON, 'json'],
    [OPENAPI_V2_PROTOBUF, 'protobuf'],
    [OPENAPI_V2_PROTOBUF_ANSWER, 'protobuf'],
  ];
  for (const c of clauses) {
    const [t, s = ''] = c.type.split('/');
    for (const [offer, form] of offers) {
      const [ot, os] = offer.split('/');
      if ((t === ot || t === '*') && (s === os || s === '*')) return form;
    }
  }
  return undefined;
}

/** The document in the negotiated encoding, with its ETag; undefined when nothing fits (406). */
export function openAPIV2Response(scheme: DiscoverySource, accept: string | undefined): OpenAPIV2Encoded | undefined {
  const form = negotiateOpenAPIV2(accept);
  if (form === undefined) return undefined;
  const built = buildCached(scheme);
  if (form === 'json') return { contentType: OPENAPI_V2_JSON, body: built.json, etag: built.jsonTag };
  // Either protobuf request type is answered with the dotted form: Go's mime parser (client-go)
  // rejects the `@` of the form clients ask with.
  return { contentType: OPENAPI_V2_PROTOBUF_ANSWER, body: built.proto, etag: built.protoTag };
}

function tagOf(bytes: Uint8Array): string {
  return `"${createHash('sha512').update(bytes).digest('hex').toUpperCase()}"`;
}

function buildCached(scheme: DiscoverySource): Built {
  let built = cache.get(scheme.groups);
  if (!built) {
    const doc = openAPIV2Document(scheme);
    const json = Buffer.from(JSON.stringify(doc));
    const proto = encodeOpenAPIV2(doc);
    built = { json, proto, jsonTag: tagOf(json), protoTag: tagOf(proto) };
    cache.set(scheme.groups, built);
  }
  return built;
}

/** The Swagger 2.0 document of every served group version. */
export function openAPIV2Document(scheme: DiscoverySource): JSONObject {
  const paths: Record<string, JSONObject> = {};
  const definitions: Record<string, OpenAPISchema> = {};
  for (const reg of scheme.groups) {
    for (const version of reg.versions) {
      const v3 = openAPIV3Document(scheme, reg.group, version);
      if (!v3) continue;
      const schemas = ((v3.components as JSONObject | undefined)?.schemas ?? {}) as Record<string, OpenAPISchema>;
      for (const [name, schema] of Object.entries(schemas)) {
        // The same shared type (ObjectMeta, Status) appears in every document: the first wins.
        if (!(name in definitions)) definitions[name] = convertSchema(schema) as OpenAPISchema;
      }
      for (const [path, item] of Object.entries((v3.paths ?? {}) as Record<string, JSONObject>)) {
        paths[path] = convertPathItem(item);
      }
    }
  }
  // A reference the v2 model parser cannot resolve fails the whole document in kubectl: point
  // any leftover at an open object instead.
  const known = new Set(Object.keys(definitions));
  const fixRefs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fixRefs);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as JSONObject;
    if (typeof obj.$ref === 'string' && obj.$ref.startsWith(V2_REF) && !known.has(obj.$ref.slice(V2_REF.length))) {
      const { $ref: _dropped, ...rest } = obj;
      return { type: 'object', ...rest };
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fixRefs(v)]));
  };
  const sortedDefinitions = Object.fromEntries(Object.keys(definitions).sort().map((n) => [n, fixRefs(definitions[n])]));
  const sortedPaths = Object.fromEntries(Object.keys(paths).sort().map((p) => [p, fixRefs(paths[p])]));
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths: sortedPaths,
    definitions: sortedDefinitions,
    securityDefinitions: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

/** v3 schema -> v2: `#/definitions/` references, a lone `allOf` reference as a plain `$ref` with
 * its siblings (how kube's v2 spells it), int-or-string as kube's `format: int-or-string`, and no
 * v3-only keywords (anyOf, oneOf, not, nullable). */
function convertSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertSchema);
  if (node === null || typeof node !== 'object') return node;
  const src = node as JSONObject;
  const out: JSONObject = {};
  if (Array.isArray(src.allOf) && src.allOf.length === 1 && typeof (src.allOf[0] as JSONObject)?.$ref === 'string') {
    out.$ref = String((src.allOf[0] as JSONObject).$ref).replace(V3_REF, V2_REF);
  }
  const intOrString = src['x-kubernetes-int-or-string'] === true;
  for (const [key, value] of Object.entries(src)) {
    if (key === 'anyOf' || key === 'oneOf' || key === 'not' || key === 'nullable') continue;
    if (key === 'allOf' && out.$ref !== undefined) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(V3_REF, V2_REF);
      continue;
    }
    if (key === 'properties' && value !== null && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as JSONObject).map(([k, v]) => [k, convertSchema(v)]));
      continue;
    }
    if (key === 'default' || key === 'enum' || key === 'example' || key.startsWith('x-')) {
      out[key] = value;
      continue;
    }
    out[key] = convertSchema(value);
  }
  if (intOrString) {
    out.type = 'string';
    out.format = 'int-or-string';
  }
  return out;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

function convertPathItem(item: JSONObject): JSONObject {
  const out: JSONObject = {};
  for (const method of METHODS) {
    const op = item[method];
    if (op !== null && typeof op === 'object') out[method] = convertOperation(op as JSONObject);
  }
  if (Array.isArray(item.parameters)) out.parameters = item.parameters.map((p) => convertParameter(p as JSONObject));
  return out;
}

function convertParameter(p: JSONObject): JSONObject {
  const { schema, ...rest } = p;
  return { ...rest, ...((schema ?? {}) as JSONObject) };
}

function convertOperation(op: JSONObject): JSONObject {
  const out: JSONObject = {};
  if (op.tags !== undefined) out.tags = op.tags;
  if (op.description !== undefined) out.description = op.description;
  const body = op.requestBody as JSONObject | undefined;
  const bodyContent = (body?.content ?? {}) as Record<string, JSONObject>;
  const consumes = Object.keys(bodyContent);
  if (consumes.length > 0) out.consumes = consumes;
  const produces = new Set<string>();
  const responses: JSONObject = {};
  for (const [code, r] of Object.entries((op.responses ?? {}) as Record<string, JSONObject>)) {
    const response: JSONObject = { description: r.description ?? '' };
    const content = (r.content ?? {}) as Record<string, JSONObject>;
    const types = Object.keys(content);
    types.forEach((t) => produces.add(t));
    if (types.length > 0 && content[types[0]].schema !== undefined) response.schema = convertSchema(content[types[0]].schema);
    responses[code] = response;
  }
  if (produces.size > 0) out.produces = [...produces];
  out.schemes = ['https'];
  out.operationId = op.operationId;
  const parameters: JSONObject[] = [];
  if (body !== undefined && consumes.length > 0) {
    parameters.push({
      name: 'body',
      in: 'body',
      ...(body.required === true ? { required: true } : {}),
      schema: convertSchema(bodyContent[consumes[0]].schema),
    });
  }
  if (Array.isArray(op.parameters)) parameters.push(...op.parameters.map((p) => convertParameter(p as JSONObject)));
  if (parameters.length > 0) out.parameters = parameters;
  out.responses = responses;
  for (const [key, value] of Object.entries(op)) if (key.startsWith('x-')) out[key] = value;
  return out;
}
