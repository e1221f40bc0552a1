// GET a collection: one namespace, or every namespace on the cluster-wide path.
import { writeObject } from '../responses.js';
import { listObject } from './listobject.js';
import { outputMediaType } from './negotiate.js';
import { continueParam, fieldSelectorParam, labelSelectorParam, limitParam } from './options.js';
import type { ResourceHandler } from './scope.js';

export const listHandler: ResourceHandler = async (ctx, scope) => {
  const mediaType = outputMediaType(ctx);
  const result = await scope.store.list(scope.namespace, {
    labelSelector: labelSelectorParam(ctx),
    fieldSelector: fieldSelectorParam(ctx),
    limit: limitParam(ctx),
    continue: continueParam(ctx),
  });
  writeObject(ctx, 200, listObject(scope, result), mediaType);
};
