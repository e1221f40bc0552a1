// PUT a whole object (or its status): decode pipeline -> name/namespace must match the URL ->
// Store.update (resourceVersion precondition), with managedFields recorded against the stored
// object under the Store's write lock -> 200, or 201 when the PUT created it.
import { badRequest } from '../../machinery/errors.js';
import { fieldManagerFor, managerParams, updateManager } from '../../machinery/fieldmanager/request.js';
import { deepCopyJSON, isObject } from '../../machinery/objects.js';
import { addWarnings, writeObject } from '../responses.js';
import { decodeRequestObject } from './decodeobject.js';
import { outputMediaType } from './negotiate.js';
import { dryRunParam, fieldValidationParam } from './options.js';
import { type ResourceHandler, toRequestVersion } from './scope.js';

export const updateHandler: ResourceHandler = async (ctx, scope) => {
  const mediaType = outputMediaType(ctx);
  const dryRun = dryRunParam(ctx);
  const directive = fieldValidationParam(ctx);
  const { fieldManager } = managerParams(new URLSearchParams(ctx.querystring), 'UpdateOptions');
  const { versioned, internal, warnings } = await decodeRequestObject(ctx, scope, directive);
  const meta = isObject(versioned.metadata) ? versioned.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (name !== scope.info.name) {
    throw badRequest(`the name of the object (${name}) does not match the name on the URL (${scope.info.name})`);
  }
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  if (scope.namespace !== '' && namespace !== '' && namespace !== scope.namespace) {
    throw badRequest(
      `the namespace of the provided object (${namespace}) does not match the namespace sent on the request (${scope.namespace})`,
    );
  }
  const subresource = scope.info.subresource;
  const fields = fieldManagerFor(scope.mapping, subresource);
  const manager = updateManager(fieldManager, ctx.get('user-agent'));
  const { obj, created } = await scope.store.update(
    scope.namespace,
    scope.info.name,
    (currentInternal) => {
      // Runs per attempt against the latest stored object: work on copies.
      const next = deepCopyJSON(versioned);
      fields.recordUpdate(toRequestVersion(scope, currentInternal), next, manager);
      const out = deepCopyJSON(internal);
      if (isObject(out.metadata) && isObject(next.metadata)) out.metadata.managedFields = next.metadata.managedFields;
      return out;
    },
    { dryRun, subresource },
  );
  addWarnings(ctx, warnings);
  writeObject(ctx, created ? 201 : 200, toRequestVersion(scope, obj), mediaType);
};
