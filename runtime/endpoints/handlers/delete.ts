// DELETE one object: answers a Status Success (details name/group/kind/uid), or the object itself
// for kinds whose lifecycle returns it (the namespace kind, like kube-apiserver).
import { writeObject, writeStatus } from '../responses.js';
import { readDeleteOptions } from './deleteoptions.js';
import { outputMediaType } from './negotiate.js';
import { dryRunParam } from './options.js';
import { type ResourceHandler, toRequestVersion } from './scope.js';

export const deleteHandler: ResourceHandler = async (ctx, scope) => {
  const mediaType = outputMediaType(ctx);
  const queryDryRun = dryRunParam(ctx);
  const options = await readDeleteOptions(ctx);
  const result = await scope.store.delete(scope.namespace, scope.info.name, {
    dryRun: queryDryRun || options.dryRun,
    preconditions: options.preconditions,
  });
  if (result.status) writeStatus(ctx, result.status);
  else writeObject(ctx, 200, toRequestVersion(scope, result.obj), mediaType);
};
