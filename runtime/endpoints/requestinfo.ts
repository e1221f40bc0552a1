// Request-info resolver: turns a request's method, path and query into what it is asking for
// (verb, group, version, namespace, resource, name, subresource), following the rules of
// k8s.io/apiserver's RequestInfoResolver. Everything after this stage reads the RequestInfo
// instead of parsing the URL again.

/** The verbs a resource request can carry (kube's authorization verbs). */
export type ResourceVerb =
  | 'get'
  | 'list'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'watch';

export interface RequestInfo {
  /** True for /api/<v>/... and /apis/<g>/<v>/... paths that name a resource. */
  isResourceRequest: boolean;
  /** The URL path, unmodified. */
  path: string;
  /** A ResourceVerb for resource requests; the lower-case HTTP method otherwise. */
  verb: string;
  /** 'api' or 'apis' for resource requests, '' otherwise. */
  apiPrefix: string;
  /** '' for the core group. */
  group: string;
  version: string;
  /** '' for cluster-scoped requests. For the namespace object itself this is its name. */
  namespace: string;
  /** True when a `namespaces/<ns>/` prefix scoped the request (false for the namespace object). */
  namespaced: boolean;
  resource: string;
  name: string;
  subresource: string;
  /** Path segments after the group/version (and after `namespaces/<ns>` when that was consumed). */
  parts: string[];
}

/** Subresources of the namespace object itself: `/api/v1/namespaces/<name>/status`. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** HTTP method -> verb for a resource request, before the list/watch/collection refinements. */
const METHOD_VERBS: Record<string, ResourceVerb> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

function nonResource(method: string, path: string, parts: string[]): RequestInfo {
  return {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    group: '',
    version: '',
    namespace: '',
    namespaced: false,
    resource: '',
    name: '',
    subresource: '',
    parts,
  };
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return [];
  return trimmed.split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p; // a malformed escape is kept as sent; it will simply not match anything
    }
  });
}

function isTrue(value: string | null): boolean {
  return value !== null && ['true', '1'].includes(value.toLowerCase());
}

/**
 * Resolves a request. Examples:
 * - `GET /api/v1/namespaces/default/configmaps` -> list configmaps in default
 * - `GET /apis/example.com/v1/namespaces/ns/widgets/w1/status` -> get widgets/status w1
 * - `GET /api/v1/namespaces/foo` -> get namespaces foo (namespace = "foo")
 * - `GET /api/v1/configmaps?watch=true` -> watch configmaps in every namespace
 * - `GET /healthz` -> non-resource request, verb "get"
 */
export function resolveRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const upper = method.toUpperCase();
  let parts = splitPath(path);
  const whole = [...parts];
  if (parts.length === 0) return nonResource(upper, path, whole);

  const apiPrefix = parts[0];
  if (apiPrefix !== 'api' && apiPrefix !== 'apis') return nonResource(upper, path, whole);
  parts = parts.slice(1);

  let group = '';
  if (apiPrefix === 'apis') {
    // /apis and /apis/<group> are discovery documents, not resources.
    if (parts.length < 2) return nonResource(upper, path, whole);
    group = parts[0];
    parts = parts.slice(1);
  }
  // /api is discovery; /api/v1 and /apis/<g>/<v> are resource lists, also discovery.
  if (parts.length < 1) return nonResource(upper, path, whole);
  const version = parts[0];
  parts = parts.slice(1);
  if (parts.length === 0) return nonResource(upper, path, whole);

  let verb: string = METHOD_VERBS[upper] ?? upper.toLowerCase();
  // The deprecated `/watch/` path segment still means watch.
  if (parts[0] === 'watch') {
    verb = 'watch';
    parts = parts.slice(1);
    if (parts.length === 0) return nonResource(upper, path, whole);
  }

  let namespace = '';
  let namespaced = false;
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      namespace = parts[1];
      // `namespaces/<ns>/<resource>...` is a namespaced resource; `namespaces/<ns>[/status]` is
      // the namespace object itself and keeps `namespaces` as the resource.
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) {
        parts = parts.slice(2);
        namespaced = true;
      }
    }
  }

  const resource = parts[0] ?? '';
  const name = parts.length >= 2 ? parts[1] : '';
  const subresource = parts.length >= 3 ? parts[2] : '';

  // Without a name, a read is a list (or a watch when asked) and a delete is a collection delete.
  if (name === '') {
    if (verb === 'get') verb = isTrue(query.get('watch')) ? 'watch' : 'list';
    else if (verb === 'delete') verb = 'deletecollection';
  }

  return {
    isResourceRequest: resource !== '',
    path,
    verb,
    apiPrefix,
    group,
    version,
    namespace,
    namespaced,
    resource,
    name,
    subresource,
    parts,
  };
}
