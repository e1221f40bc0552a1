// GET one object (or its status subresource view, which is the same object). The object comes as
// a CachedObject: its conversion to the URL's version and its JSON are made once and shared with
// every other reader (lists, watches, later GETs) until the object changes.
import { writeObject } from '../responses.js';
import { objectTable } from '../table/table.js';
import { negotiateOutput } from './negotiate.js';
import type { ResourceHandler } from './scope.js';

export const getHandler: ResourceHandler = async (ctx, scope) => {
  const { mediaType, table } = negotiateOutput(ctx);
  const cached = await scope.store.getCached(scope.namespace, scope.info.name);
  const gvk = scope.mapping.gvk;
  // Table output (kubectl get): built from a copy of the object, kept apart from the plain path.
  if (table !== undefined) {
    writeObject(ctx, 200, objectTable(scope, cached.decodeFresh(), table), mediaType);
    return;
  }
  if (mediaType === 'application/json') {
    ctx.status = 200;
    ctx.body = cached.json(gvk);
    ctx.set('Content-Type', mediaType);
    return;
  }
  writeObject(ctx, 200, cached.versioned(gvk), mediaType);
};
