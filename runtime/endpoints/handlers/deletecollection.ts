// DELETE a collection: deletes the selected objects of the namespace and answers the list of them.
import { writeObject } from '../responses.js';
import { readDeleteOptions } from './deleteoptions.js';
import { listObject } from './listobject.js';
import { outputMediaType } from './negotiate.js';
import { dryRunParam, selectionParams } from './options.js';
import type { ResourceHandler } from './scope.js';

export const deleteCollectionHandler: ResourceHandler = async (ctx, scope) => {
  const mediaType = outputMediaType(ctx);
  const queryDryRun = dryRunParam(ctx);
  const options = await readDeleteOptions(ctx);
  const result = await scope.store.deleteCollection(scope.namespace, {
    dryRun: queryDryRun || options.dryRun,
    filter: selectionParams(ctx, scope).filter,
  });
  writeObject(ctx, 200, listObject(scope, result), mediaType);
};
