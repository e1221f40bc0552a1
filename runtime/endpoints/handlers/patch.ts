// PATCH: read the current object in the URL's version, apply the patch document, then send the
// result through the same admission stages as an update (defaults, validation, conversion) and
// store it with a resourceVersion precondition. A resourceVersion the patch itself sets is the
// client's precondition (409 on mismatch); otherwise a concurrent write makes us re-apply the
// patch to the newer object, as kube-apiserver does.
import type { Context } from 'koa';
import { StatusError, invalid, unsupportedMediaType } from '../../machinery/errors.js';
import { MAX_REQUEST_BYTES, parseMediaType } from '../../machinery/serializer.js';
import { PatchApplyError, applyJSONPatch, applyMergePatch, parsePatchBody } from '../../machinery/patch.js';
import { isObject } from '../../machinery/objects.js';
import type { JSONObject } from '../../machinery/registration.js';
import { readBody } from '../body.js';
import { SUPPORTED_PATCH_TYPES, type PatchType } from '../patchtypes.js';
import { addWarnings, writeObject } from '../responses.js';
import { admitVersionedObject } from './decodeobject.js';
import { outputMediaType } from './negotiate.js';
import { dryRunParam, fieldValidationParam } from './options.js';
import { type RequestScope, type ResourceHandler, toRequestVersion } from './scope.js';

/** Attempts before a patch that keeps losing races gives up with the last conflict. */
const MAX_CONFLICT_RETRIES = 5;

function patchTypeOf(ctx: Context): PatchType {
  const contentType = ctx.get('content-type');
  const parsed = contentType ? parseMediaType(contentType) : undefined;
  const type = parsed ? `${parsed.type}/${parsed.subtype}` : undefined;
  const match = SUPPORTED_PATCH_TYPES.find((t) => t === type);
  if (!match) throw unsupportedMediaType(contentType, [...SUPPORTED_PATCH_TYPES]);
  return match;
}

function apply(type: PatchType, current: JSONObject, patch: unknown, scope: RequestScope, name: string): JSONObject {
  try {
    const patched = type === 'application/json-patch+json' ? applyJSONPatch(current, patch) : applyMergePatch(current, patch);
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
  const type = patchTypeOf(ctx);
  const mediaType = outputMediaType(ctx);
  const dryRun = dryRunParam(ctx);
  const directive = fieldValidationParam(ctx);
  const patch = parsePatchBody((await readBody(ctx.req, MAX_REQUEST_BYTES)).toString('utf8'));
  const name = scope.info.name;
  for (let attempt = 1; ; attempt++) {
    const currentInternal = await scope.store.get(scope.namespace, name);
    const current = toRequestVersion(scope, currentInternal);
    const patched = apply(type, current, patch, scope, name);
    // The patch's own resourceVersion (if it changed it) is a precondition; else the one we read.
    const clientPrecondition = resourceVersionOf(patched) !== resourceVersionOf(current);
    if (!clientPrecondition && isObject(patched.metadata)) patched.metadata.resourceVersion = resourceVersionOf(current);
    const { internal, warnings } = admitVersionedObject(patched, [], scope, directive);
    try {
      const { obj } = await scope.store.update(scope.namespace, name, internal, { dryRun, subresource: scope.info.subresource });
      addWarnings(ctx, warnings);
      writeObject(ctx, 200, toRequestVersion(scope, obj), mediaType);
      return;
    } catch (err) {
      const retry = err instanceof StatusError && err.status.reason === 'Conflict' && !clientPrecondition && attempt < MAX_CONFLICT_RETRIES;
      if (!retry) throw err;
    }
  }
};
