// What every resource handler gets: the resolved request, the kind's REST mapping at the URL's
// version, its Store, and the Scheme. Built by the installer once the route is known to exist.
import type { Context } from 'koa';
import type { Scheme } from '../../machinery/scheme.js';
import type { RESTMapping } from '../../machinery/restmapper.js';
import type { JSONObject } from '../../machinery/registration.js';
import type { Store } from '../../registry/store.js';
import type { RequestInfo } from '../requestinfo.js';

export interface RequestScope {
  info: RequestInfo;
  scheme: Scheme;
  mapping: RESTMapping;
  store: Store;
  /** The namespace the Store works in: the URL's for namespaced kinds, '' for cluster-scoped. */
  namespace: string;
}

export type ResourceHandler = (ctx: Context, scope: RequestScope) => Promise<void>;

/** An internal object in the URL's version, with apiVersion and kind. */
export function toRequestVersion(scope: RequestScope, internal: JSONObject): JSONObject {
  return scope.scheme.fromInternal(internal, scope.mapping.gvk);
}
