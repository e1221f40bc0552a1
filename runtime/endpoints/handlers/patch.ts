// PATCH: read the current object in the URL's version, apply the patch document (JSON patch,
// merge patch, or strategic merge patch for the kinds whose group accepts it), then send the
// result through the same admission stages as an update (defaults, validation, conversion) and
// store it. The Store applies the patch to the latest object under its write lock, so concurrent
// writes never fail a patch; a resourceVersion the patch itself sets is the client's
// precondition (409 on mismatch).
import type { Context } from 'koa';
import { invalid, unsupportedMediaType } from '../../machinery/errors.js';
import { MAX_REQUEST_BYTES, parseMediaType } from '../../machinery/serializer.js';
import { PatchApplyError, applyJSONPatch, applyMergePatch, parsePatchBody } from '../../machinery/patch.js';
import { isObject } from '../../machinery/objects.js';
import { applyStrategicMergePatch } from '../../machinery/strategicpatch.js';
import type { JSONObject } from '../../machinery/registration.js';
import { readBody } from '../body.js';
import { patchTypesFor, type PatchType } from '../patchtypes.js';
import { addWarnings, writeObject } from '../responses.js';
import { admitVersionedObject } from './decodeobject.js';
import { outputMediaType } from './negotiate.js';
import { dryRunParam, fieldValidationParam } from './options.js';
import { type RequestScope, type ResourceHandler, toRequestVersion } from './scope.js';

/** The request's patch type, if the kind accepts it (415 naming the kind's types otherwise). */
function patchTypeOf(ctx: Context, scope: RequestScope): PatchType {
  const contentType = ctx.get('content-type');
  const parsed = contentType ? parseMediaType(contentType) : undefined;
  const type = parsed ? `${parsed.type}/${parsed.subtype}` : undefined;
  const accepted = patchTypesFor(scope.mapping.group);
  const match = accepted.find((t) => t === type);
  if (!match) throw unsupportedMediaType(contentType, [...accepted]);
  return match;
}

function applyPatchDocument(type: PatchType, current: JSONObject, patch: unknown, scope: RequestScope): unknown {
  switch (type) {
    case 'application/json-patch+json':
      return applyJSONPatch(current, patch);
    case 'application/strategic-merge-patch+json': {
      const { group, versioned } = scope.mapping;
      return applyStrategicMergePatch(current, patch, group.schemas[versioned.version] ?? {}, versioned.schemaName);
    }
    default:
      return applyMergePatch(current, patch);
  }
}

function apply(type: PatchType, current: JSONObject, patch: unknown, scope: RequestScope, name: string): JSONObject {
  try {
    const patched = applyPatchDocument(type, current, patch, scope);
    if (!isObject(patched)) throw new PatchApplyError('the patched document is not an object');
    return patched;
  } catch (err) {
    if (err instanceof PatchApplyError) {
      const { group } = scope.mapping.group;
      throw invalid(group, scope.mapping.kind.kind, name, [{ type: 'FieldValueInvalid', field: '', message: err.message }]);
    }
    throw err;
  }
}

function resourceVersionOf(obj: JSONObject): unknown {
  return isObject(obj.metadata) ? obj.metadata.resourceVersion : undefined;
}

export const patchHandler: ResourceHandler = async (ctx, scope) => {
  const type = patchTypeOf(ctx, scope);
  const mediaType = outputMediaType(ctx);
  const dryRun = dryRunParam(ctx);
  const directive = fieldValidationParam(ctx);
  const patch = parsePatchBody((await readBody(ctx.req, MAX_REQUEST_BYTES)).toString('utf8'));
  const name = scope.info.name;
  let warnings: string[] = [];
  // The patch is applied by the Store under its write lock, to the latest object: a concurrent
  // write cannot make it fail (kube-apiserver re-applies a patch after a storage conflict).
  const { obj } = await scope.store.update(
    scope.namespace,
    name,
    (currentInternal) => {
      const current = toRequestVersion(scope, currentInternal);
      const patched = apply(type, current, patch, scope, name);
      // The patch's own resourceVersion (if it changed it) is a precondition; else the one we read.
      const clientPrecondition = resourceVersionOf(patched) !== resourceVersionOf(current);
      if (!clientPrecondition && isObject(patched.metadata)) patched.metadata.resourceVersion = resourceVersionOf(current);
      const admitted = admitVersionedObject(patched, [], scope, directive);
      warnings = admitted.warnings;
      return admitted.internal;
    },
    { dryRun, subresource: scope.info.subresource },
  );
  addWarnings(ctx, warnings);
  writeObject(ctx, 200, toRequestVersion(scope, obj), mediaType);
};
