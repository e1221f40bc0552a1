// `<Kind>List` documents: apiVersion/kind of the URL's version, ListMeta, and items that each
// carry apiVersion and kind.
import type { JSONObject } from '../../machinery/registration.js';
import { formatApiVersion } from '../../machinery/gvk.js';
import type { ListResult } from '../../registry/store.js';
import { type RequestScope, toRequestVersion } from './scope.js';

export function listObject(scope: RequestScope, result: ListResult): JSONObject {
  const metadata: JSONObject = { resourceVersion: result.resourceVersion };
  if (result.continue !== undefined) metadata.continue = result.continue;
  return {
    apiVersion: formatApiVersion(scope.mapping.gvk),
    kind: scope.mapping.kind.listKind,
    metadata,
    items: result.items.map((item) => toRequestVersion(scope, item)),
  };
}
