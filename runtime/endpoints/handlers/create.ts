// POST a new object: decode pipeline -> Store.create -> the stored object in the URL's version (201).
// A @virtual kind's object goes to its createVirtual hook instead and is never stored.
import { createVirtual } from '../../registry/virtual.js';
import { addWarnings, writeObject } from '../responses.js';
import { decodeRequestObject } from './decodeobject.js';
import { outputMediaType } from './negotiate.js';
import { dryRunParam, fieldValidationParam } from './options.js';
import { type ResourceHandler, toRequestVersion } from './scope.js';

export const createHandler: ResourceHandler = async (ctx, scope) => {
  const mediaType = outputMediaType(ctx);
  const dryRun = dryRunParam(ctx);
  const directive = fieldValidationParam(ctx);
  const { internal, warnings } = await decodeRequestObject(ctx, scope, directive);
  if (scope.mapping.kind.createVirtual) {
    // A @virtual kind (an access review) is answered, never stored.
    const answer = createVirtual(scope.mapping.kind, scope.namespace, internal);
    addWarnings(ctx, warnings);
    writeObject(ctx, 201, toRequestVersion(scope, answer), mediaType);
    return;
  }
  const created = await scope.store.create(scope.namespace, internal, { dryRun });
  addWarnings(ctx, warnings);
  writeObject(ctx, 201, toRequestVersion(scope, created), mediaType);
};
