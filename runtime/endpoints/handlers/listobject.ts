// `<Kind>List` documents: apiVersion/kind of the URL's version, ListMeta, and items that each
// carry apiVersion and kind. A JSON list from the watch cache is spliced together from each
// object's JSON, encoded once per version and kept, instead of being re-encoded per request.
import type { JSONObject } from '../../machinery/registration.js';
import { formatApiVersion } from '../../machinery/gvk.js';
import type { CacheListResult } from '../../registry/cachelist.js';
import type { ListResult } from '../../registry/store.js';
import { type RequestScope, toRequestVersion } from './scope.js';

function listMeta(result: { resourceVersion: string; continue?: string; remainingItemCount?: number }): JSONObject {
  const metadata: JSONObject = { resourceVersion: result.resourceVersion };
  if (result.continue !== undefined) metadata.continue = result.continue;
  if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
  return metadata;
}

export function listObject(scope: RequestScope, result: ListResult): JSONObject {
  return {
    apiVersion: formatApiVersion(scope.mapping.gvk),
    kind: scope.mapping.kind.listKind,
    metadata: listMeta(result),
    items: result.items.map((item) => toRequestVersion(scope, item)),
  };
}

/** The list as a document whose items the caller owns (for encoders other than JSON). */
export function cachedListObject(scope: RequestScope, result: CacheListResult): JSONObject {
  const gvk = scope.mapping.gvk;
  return {
    apiVersion: formatApiVersion(gvk),
    kind: scope.mapping.kind.listKind,
    metadata: listMeta(result),
    items: result.items.map((item) => JSON.parse(item.json(gvk)) as JSONObject),
  };
}

/** The list's JSON text, byte for byte what JSON.stringify(cachedListObject(...)) gives. */
export function cachedListJSON(scope: RequestScope, result: CacheListResult): string {
  const gvk = scope.mapping.gvk;
  const head = JSON.stringify({ apiVersion: formatApiVersion(gvk), kind: scope.mapping.kind.listKind, metadata: listMeta(result) });
  const parts = new Array<string>(result.items.length);
  for (let i = 0; i < result.items.length; i++) parts[i] = result.items[i].json(gvk);
  return `${head.slice(0, -1)},"items":[${parts.join(',')}]}`;
}
