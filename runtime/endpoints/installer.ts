// The installer: maps a resolved resource request onto the handler of its verb, the way
// kube-apiserver's APIInstaller registers routes from each resource's capabilities. Routes come
// from the registrations only: a kind's scope, verbs and subresources decide which paths and
// methods exist (404 for a path that does not exist, 405 for a method the path does not serve).
import type { Middleware } from 'koa';
import { badRequest, methodNotSupported, pathNotFound } from '../machinery/errors.js';
import type { KindRegistration } from '../machinery/registration.js';
import type { RESTMapper, RESTMapping } from '../machinery/restmapper.js';
import type { Scheme } from '../machinery/scheme.js';
import type { Registry } from '../registry/registry.js';
import type { RequestInfo } from './requestinfo.js';
import type { RequestScope, ResourceHandler } from './handlers/scope.js';
import { createHandler } from './handlers/create.js';
import { deleteCollectionHandler } from './handlers/deletecollection.js';
import { deleteHandler } from './handlers/delete.js';
import { getHandler } from './handlers/get.js';
import { listHandler } from './handlers/list.js';
import { patchHandler } from './handlers/patch.js';
import { scaleGetHandler, scalePatchHandler, scaleUpdateHandler } from './handlers/scale.js';
import { updateHandler } from './handlers/update.js';
import { watchHandler } from './handlers/watch.js';

const HANDLERS: Record<string, ResourceHandler> = {
  get: getHandler,
  list: listHandler,
  create: createHandler,
  update: updateHandler,
  patch: patchHandler,
  delete: deleteHandler,
  deletecollection: deleteCollectionHandler,
  watch: watchHandler,
};

/** The scale subresource speaks autoscaling/v1 Scale, not the kind: its own handlers. */
const SCALE_HANDLERS: Record<string, ResourceHandler> = {
  get: scaleGetHandler,
  update: scaleUpdateHandler,
  patch: scalePatchHandler,
};

/** Verbs served on a collection path (`.../widgets`) and on an object path (`.../widgets/w1`). */
const COLLECTION_VERBS = new Set(['list', 'watch', 'create', 'deletecollection']);
const OBJECT_VERBS = new Set(['get', 'update', 'patch', 'delete']);
/** The cluster-wide path of a namespaced resource only reads. */
const ALL_NAMESPACES_VERBS = new Set(['list', 'watch']);
/** What the status and scale subresources serve. */
const SUBRESOURCE_VERBS = new Set(['get', 'update', 'patch']);

function mappingOf(mapper: RESTMapper, info: RequestInfo): RESTMapping | undefined {
  // The core group lives under /api only, named groups under /apis only.
  if ((info.apiPrefix === 'api') !== (info.group === '')) return undefined;
  return mapper.mappingFor({ group: info.group, version: info.version, resource: info.resource });
}

/** Whether the kind's markers give it this subresource (kube registers no route otherwise: 404). */
function hasSubresource(kind: KindRegistration, subresource: string): boolean {
  if (subresource === 'status') return kind.subresources.status;
  if (subresource === 'scale') return kind.subresources.scale !== undefined;
  return false;
}

/**
 * Checks the request against the routes the kind has; throws 404/405. Returns the namespace the
 * Store works in.
 */
function route(info: RequestInfo, mapping: RESTMapping): string {
  const { kind } = mapping;
  const namespacedKind = kind.scope === 'Namespaced';
  if (info.parts.length > 3) throw pathNotFound();
  if (info.subresource !== '' && !hasSubresource(kind, info.subresource)) throw pathNotFound();
  // A cluster-scoped kind has no path under a namespace; a namespaced kind has no object path
  // outside one.
  if (!namespacedKind && info.namespaced) throw pathNotFound();
  if (namespacedKind && !info.namespaced && info.name !== '') throw pathNotFound();
  // `namespaces//<resource>` must not fall back to every namespace (a deletecollection there
  // would empty them all): the all-namespaces path is `/<resource>` only.
  if (info.namespaced && info.namespace === '') throw badRequest('the namespace in the request path may not be empty');

  const verb = info.verb;
  const notAllowed = () => methodNotSupported(mapping.group.group, kind.plural, verb);
  if (!(verb in HANDLERS)) throw notAllowed();
  if (info.subresource !== '') {
    // watch on a named object is `get` with ?watch; keep it with the main resource.
    if (!SUBRESOURCE_VERBS.has(verb) || !kind.verbs.includes(verb)) throw notAllowed();
  } else if (info.name === '') {
    if (!COLLECTION_VERBS.has(verb)) throw notAllowed();
    if (namespacedKind && !info.namespaced && !ALL_NAMESPACES_VERBS.has(verb)) throw notAllowed();
  } else if (!OBJECT_VERBS.has(verb)) {
    throw notAllowed();
  }
  if (!kind.verbs.includes(verb)) throw notAllowed();
  return namespacedKind ? info.namespace : '';
}

/**
 * The resource-request middleware. Non-resource requests and unknown resources pass to `next`
 * (which ends in the 404 handler).
 */
export function resourceRoutes(scheme: Scheme, mapper: RESTMapper, registry: Registry): Middleware {
  return async (ctx, next) => {
    const info = ctx.state.requestInfo as RequestInfo | undefined;
    if (!info || !info.isResourceRequest) return next();
    const mapping = mappingOf(mapper, info);
    const store = mapping && registry.storeFor(mapping.group.group, mapping.kind.plural);
    if (!mapping || !store) return next();
    const namespace = route(info, mapping);
    const scope: RequestScope = { info, scheme, mapping, store, namespace };
    const handlers = info.subresource === 'scale' ? SCALE_HANDLERS : HANDLERS;
    await handlers[info.verb](ctx, scope);
  };
}
