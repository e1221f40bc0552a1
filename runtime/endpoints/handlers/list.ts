// GET a collection: one namespace, or every namespace on the cluster-wide path, with the
// resourceVersion / resourceVersionMatch / limit / continue semantics of the watch cache.
import type { CachedObject } from '../../registry/cachedobject.js';
import { writeObject } from '../responses.js';
import { cachedListJSON, cachedListObject } from './listobject.js';
import { negotiateOutput } from './negotiate.js';
import { listTable } from '../table/table.js';
import { readParams, selectionParams } from './options.js';
import type { ResourceHandler } from './scope.js';

export const listHandler: ResourceHandler = async (ctx, scope) => {
  const { mediaType, table } = negotiateOutput(ctx);
  const { predicate } = selectionParams(ctx, scope);
  const params = readParams(ctx, false);
  const gvk = scope.mapping.gvk;
  // Selectors read the cached object: metadata-only ones need no conversion at all.
  const select = predicate.empty
    ? undefined
    : predicate.metadataOnly
      ? (obj: CachedObject) => predicate.matches(obj.internal())
      : (obj: CachedObject) => predicate.matches(obj.versioned(gvk));
  const result = await scope.store.listObjects(
    scope.namespace,
    {
      limit: params.limit,
      continue: params.continue,
      resourceVersion: params.resourceVersion,
      resourceVersionMatch: params.resourceVersionMatch,
    },
    select,
  );
  // Table output (kubectl get): rows from the same page, with its ListMeta.
  if (table !== undefined) {
    writeObject(ctx, 200, listTable(scope, result, table), mediaType);
    return;
  }
  if (mediaType === 'application/json') {
    ctx.status = 200;
    ctx.body = cachedListJSON(scope, result);
    ctx.set('Content-Type', mediaType);
    return;
  }
  writeObject(ctx, 200, cachedListObject(scope, result), mediaType);
};
