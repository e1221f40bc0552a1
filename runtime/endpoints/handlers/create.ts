// POST a new object: decode pipeline -> managedFields for the creating manager -> Store.create ->
// the stored object in the URL's version (201). A @virtual kind's object goes to its createVirtual
// hook instead and is never stored.
import { isObject } from '../../machinery/objects.js';
import { fieldManagerFor, managerParams, updateManager } from '../../machinery/fieldmanager/request.js';
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
  const { fieldManager } = managerParams(new URLSearchParams(ctx.querystring), 'CreateOptions');
  const { versioned, internal, warnings } = await decodeRequestObject(ctx, scope, directive);
  if (scope.mapping.kind.createVirtual) {
    // A @virtual kind (an access review) is answered, never stored.
    const answer = createVirtual(scope.mapping.kind, scope.namespace, internal);
    addWarnings(ctx, warnings);
    writeObject(ctx, 201, toRequestVersion(scope, answer), mediaType);
    return;
  }
  // The creating manager owns everything it sent (defaults included), as an Update.
  fieldManagerFor(scope.mapping, '').recordUpdate(undefined, versioned, updateManager(fieldManager, ctx.get('user-agent')));
  if (isObject(internal.metadata) && isObject(versioned.metadata)) internal.metadata.managedFields = versioned.metadata.managedFields;
  const created = await scope.store.create(scope.namespace, internal, { dryRun });
  addWarnings(ctx, warnings);
  writeObject(ctx, 201, toRequestVersion(scope, created), mediaType);
};
