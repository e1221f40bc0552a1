// GET one object (or its status subresource view, which is the same object).
import { writeObject } from '../responses.js';
import { outputMediaType } from './negotiate.js';
import { type ResourceHandler, toRequestVersion } from './scope.js';

export const getHandler: ResourceHandler = async (ctx, scope) => {
  const mediaType = outputMediaType(ctx);
  const obj = await scope.store.get(scope.namespace, scope.info.name);
  writeObject(ctx, 200, toRequestVersion(scope, obj), mediaType);
};
