// GET one object (or its status subresource view, which is the same object).
import { writeObject } from '../responses.js';
import { objectTable } from '../table/table.js';
import { negotiateOutput } from './negotiate.js';
import { type ResourceHandler, toRequestVersion } from './scope.js';

export const getHandler: ResourceHandler = async (ctx, scope) => {
  const { mediaType, table } = negotiateOutput(ctx);
  const obj = await scope.store.get(scope.namespace, scope.info.name);
  // Table output (kubectl get): built from the object, kept apart from the plain path.
  if (table !== undefined) {
    writeObject(ctx, 200, objectTable(scope, obj, table), mediaType);
    return;
  }
  writeObject(ctx, 200, toRequestVersion(scope, obj), mediaType);
};
