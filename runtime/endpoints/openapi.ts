// OpenAPI v3, as kube-apiserver serves it: `/openapi/v3` lists one document per group version,
// each addressed with a content hash, and `/openapi/v3/api/v1`, `/openapi/v3/apis/<g>/<v>` are
// OpenAPI 3.0 documents with the paths of every resource of that version and the component
// schemas the generator emitted for it. kubectl reads them for `explain`, for client-side apply
// and to learn that the server validates fields itself (create/apply without --validate=false).
import { createHash } from 'node:crypto';
import type { GroupRegistration, JSONObject, OpenAPISchema } from '../machinery/registration.js';
import { kindsAt, KUBERNETES_VERSION, type DiscoverySource } from './discovery.js';
import { FALLBACK_META_SCHEMAS, metaSchemas } from './openapi-meta-schemas.js';
import { kindPaths } from './openapi-paths.js';
import { patchTypesFor } from './patchtypes.js';

/** Content type of the index and the documents (kube-apiserver also offers protobuf; we do not). */
export const OPENAPI_V3_CONTENT_TYPE = 'application/json';

// Documents are pure functions of the registered groups, which never change while a server runs:
// build each once. Keyed by the groups array so that two schemes never share an entry.
const cache = new WeakMap<readonly GroupRegistration[], Map<string, { doc: JSONObject; hash: string }>>();

/** `/openapi/v3`: `{paths: {"api/v1": {serverRelativeURL: "/openapi/v3/api/v1?hash=..."}, ...}}`. */
export function openAPIV3Index(scheme: DiscoverySource): JSONObject {
  const paths: JSONObject = {};
  for (const reg of scheme.groups) {
    for (const version of reg.versions) {
      const key = documentKey(reg.group, version);
      const built = cachedDocument(scheme, reg, version);
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${built.hash}` };
    }
  }
  return { paths };
}

/** The document of one group version (`group` '' is the core group), or undefined if not served. */
export function openAPIV3Document(scheme: DiscoverySource, group: string, version: string): JSONObject | undefined {
  const reg = scheme.groups.find((g) => g.group === group);
  if (!reg || !reg.versions.includes(version)) return undefined;
  return cachedDocument(scheme, reg, version).doc;
}

/** The hash a document is addressed by in the index (upper-case hex sha512 of its JSON, as kube
 * does), for ETag / Cache-Control handling of `?hash=` requests. */
export function openAPIV3DocumentHash(scheme: DiscoverySource, group: string, version: string): string | undefined {
  const reg = scheme.groups.find((g) => g.group === group);
  if (!reg || !reg.versions.includes(version)) return undefined;
  return cachedDocument(scheme, reg, version).hash;
}

/** "api/v1" for the core group, "apis/<g>/<v>" otherwise (index keys carry no leading slash). */
export function documentKey(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function cachedDocument(scheme: DiscoverySource, reg: GroupRegistration, version: string): { doc: JSONObject; hash: string } {
  let perScheme = cache.get(scheme.groups);
  if (!perScheme) {
    perScheme = new Map();
    cache.set(scheme.groups, perScheme);
  }
  const key = documentKey(reg.group, version);
  let entry = perScheme.get(key);
  if (!entry) {
    const doc = buildDocument(reg, version);
    entry = { doc, hash: createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase() };
    perScheme.set(key, entry);
  }
  return entry;
}

function buildDocument(reg: GroupRegistration, version: string): JSONObject {
  const paths: Record<string, JSONObject> = {};
  for (const kind of kindsAt(reg, version)) {
    const versioned = kind.versions.find((v) => v.version === version);
    if (!versioned) continue;
    Object.assign(paths, kindPaths(reg.group, version, kind, versioned, patchTypesFor(reg)));
  }
  const sortedPaths = Object.fromEntries(Object.keys(paths).sort().map((p) => [p, paths[p]]));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths: sortedPaths,
    components: { schemas: componentSchemas(reg, version), securitySchemes: { BearerToken: bearerToken } },
    security: [{ BearerToken: [] }],
  };
}

const bearerToken = { type: 'apiKey', description: 'Bearer token authentication', name: 'authorization', in: 'header' };

/** The generated schemas of the version, then the meta types they lack, then stand-ins for any
 * schema still referenced but missing, sorted by name for a stable hash. */
function componentSchemas(reg: GroupRegistration, version: string): Record<string, OpenAPISchema> {
  const schemas: Record<string, OpenAPISchema> = { ...(reg.schemas[version] ?? {}) };
  for (const [name, schema] of Object.entries(metaSchemas(reg.group, version))) {
    if (!(name in schemas)) schemas[name] = schema;
  }
  for (const name of danglingRefs(schemas)) {
    const fallback = FALLBACK_META_SCHEMAS[name];
    if (fallback) schemas[name] = fallback;
  }
  return Object.fromEntries(Object.keys(schemas).sort().map((n) => [n, schemas[n]]));
}

const REF_PREFIX = '#/components/schemas/';

/** Names referenced with `$ref` somewhere in `schemas` but not defined there. */
export function danglingRefs(schemas: Record<string, OpenAPISchema>): string[] {
  const missing = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) {
          const name = v.slice(REF_PREFIX.length);
          if (!(name in schemas)) missing.add(name);
        } else {
          visit(v);
        }
      }
    }
  };
  visit(schemas);
  return [...missing].sort();
}
