// PATCH: read the current object in the URL's version, apply the patch document (JSON patch,
// merge patch, strategic merge patch for the kinds whose group accepts it, or a server-side apply
// configuration), then send the result through the same admission stages as an update (defaults,
// validation, conversion) and store it, with managedFields recorded (operation Update for the
// patch types, Apply for server-side apply). The Store applies the patch to the latest object
// under its write lock, so concurrent writes never fail a patch; a resourceVersion the patch
// itself sets is the client's precondition (409 on mismatch). Server-side apply creates a missing
// object.
import type { Context } from 'koa';
import { StatusError, badRequest, isStatusError, unsupportedMediaType } from '../../machinery/errors.js';
import type { FieldManager } from '../../machinery/fieldmanager/fieldmanager.js';
import { fieldManagerFor, managerParams, updateManager } from '../../machinery/fieldmanager/request.js';
import { formatApiVersion } from '../../machinery/gvk.js';
import { MAX_REQUEST_BYTES, decode, parseMediaType } from '../../machinery/serializer.js';
import { PatchApplyError, applyJSONPatch, applyMergePatch, parsePatchBody } from '../../machinery/patch.js';
import { isObject } from '../../machinery/objects.js';
import { applyStrategicMergePatch } from '../../machinery/strategicpatch.js';
import type { JSONObject } from '../../machinery/registration.js';
import { readBody } from '../body.js';
import { APPLY_PATCH_TYPE, patchTypesFor, type PatchType } from '../patchtypes.js';
import { addWarnings, writeObject } from '../responses.js';
import { admitApplyConfiguration, admitVersionedObject } from './decodeobject.js';
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

/** kube-apiserver's answer to a JSON patch that does not apply (failed test, missing path): a
 * generic 422 that does not repeat the operation's error. */
function patchNotApplied(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server rejected our request due to an error in our request',
    reason: 'Invalid',
    details: {},
    code: 422,
  });
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

function apply(type: PatchType, current: JSONObject, patch: unknown, scope: RequestScope): JSONObject {
  try {
    const patched = applyPatchDocument(type, current, patch, scope);
    if (!isObject(patched)) throw new PatchApplyError('the patched document is not an object');
    return patched;
  } catch (err) {
    if (err instanceof PatchApplyError) throw patchNotApplied();
    throw err;
  }
}

function resourceVersionOf(obj: JSONObject): unknown {
  return isObject(obj.metadata) ? obj.metadata.resourceVersion : undefined;
}

/** The patch's own resourceVersion (if it changed it) is a precondition; else the one we read. */
function keepPrecondition(patched: JSONObject, current: JSONObject): void {
  const clientPrecondition = resourceVersionOf(patched) !== resourceVersionOf(current);
  if (!clientPrecondition && isObject(patched.metadata)) patched.metadata.resourceVersion = resourceVersionOf(current);
}

/** managedFields travel on the versioned object; the stored internal object takes them over. */
function carryManagedFields(versioned: JSONObject, internal: JSONObject): JSONObject {
  if (isObject(internal.metadata) && isObject(versioned.metadata)) internal.metadata.managedFields = versioned.metadata.managedFields;
  return internal;
}

/** An applied configuration: a YAML or JSON object of the URL's kind, version and name. */
function applyConfiguration(body: Buffer, scope: RequestScope): { config: JSONObject; duplicateFields: string[] } {
  const { obj, duplicateFields } = decode(body, 'application/yaml');
  if (!isObject(obj)) throw badRequest('error decoding YAML: the applied configuration must be an object');
  const expected = formatApiVersion(scope.mapping.gvk);
  if (obj.apiVersion !== expected) {
    throw badRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${typeof obj.apiVersion === 'string' ? obj.apiVersion : ''}, expected: ${expected}`,
    );
  }
  if (obj.kind !== scope.mapping.gvk.kind) {
    throw badRequest(
      `the object provided is unrecognized (must be of type ${scope.mapping.gvk.kind}): kind ${JSON.stringify(typeof obj.kind === 'string' ? obj.kind : '')} is not ${JSON.stringify(scope.mapping.gvk.kind)} (${expected})`,
    );
  }
  const name = isObject(obj.metadata) && typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
  if (name !== scope.info.name) {
    throw badRequest(`the name of the object (${name}) does not match the name on the URL (${scope.info.name})`);
  }
  return { config: obj, duplicateFields };
}

interface PatchRequest {
  scope: RequestScope;
  dryRun: boolean;
  directive: ReturnType<typeof fieldValidationParam>;
  fields: FieldManager;
  warnings: string[];
}

/** Server-side apply: merge by ownership into the stored object, or create it when missing. */
async function serverSideApply(req: PatchRequest, config: JSONObject, manager: string, force: boolean): Promise<{ obj: JSONObject; created: boolean }> {
  const { scope, dryRun, directive, fields } = req;
  const subresource = scope.info.subresource;
  const update = () =>
    scope.store.update(
      scope.namespace,
      scope.info.name,
      (currentInternal) => {
        const current = toRequestVersion(scope, currentInternal);
        const merged = fields.apply(current, config, manager, force);
        keepPrecondition(merged, current);
        const admitted = admitVersionedObject(merged, [], scope, directive);
        req.warnings = admitted.warnings;
        return carryManagedFields(admitted.versioned, admitted.internal);
      },
      { dryRun, subresource },
    );
  try {
    return await update();
  } catch (err) {
    if (!isStatusError(err, 'NotFound') || subresource !== '') throw err;
  }
  const merged = fields.apply(undefined, config, manager, force);
  const admitted = admitVersionedObject(merged, [], scope, directive);
  req.warnings = admitted.warnings;
  try {
    const obj = await scope.store.create(scope.namespace, carryManagedFields(admitted.versioned, admitted.internal), { dryRun });
    return { obj, created: true };
  } catch (err) {
    // Someone created it meanwhile: apply to theirs.
    if (isStatusError(err, 'AlreadyExists')) return update();
    throw err;
  }
}

export const patchHandler: ResourceHandler = async (ctx, scope) => {
  const type = patchTypeOf(ctx, scope);
  const mediaType = outputMediaType(ctx);
  const dryRun = dryRunParam(ctx);
  const directive = fieldValidationParam(ctx);
  const isApply = type === APPLY_PATCH_TYPE;
  const { fieldManager, force } = managerParams(new URLSearchParams(ctx.querystring), 'PatchOptions', isApply);
  const body = await readBody(ctx.req, MAX_REQUEST_BYTES);
  const name = scope.info.name;
  const req: PatchRequest = { scope, dryRun, directive, fields: fieldManagerFor(scope.mapping, scope.info.subresource), warnings: [] };

  if (isApply) {
    const { config, duplicateFields } = applyConfiguration(body, scope);
    const configWarnings = admitApplyConfiguration(config, duplicateFields, scope, directive);
    const { obj, created } = await serverSideApply(req, config, fieldManager, force ?? false);
    addWarnings(ctx, [...configWarnings, ...req.warnings]);
    writeObject(ctx, created ? 201 : 200, toRequestVersion(scope, obj), mediaType);
    return;
  }

  const patch = parsePatchBody(body.toString('utf8'));
  const manager = updateManager(fieldManager, ctx.get('user-agent'));
  // The patch is applied by the Store under its write lock, to the latest object: a concurrent
  // write cannot make it fail (kube-apiserver re-applies a patch after a storage conflict).
  const { obj } = await scope.store.update(
    scope.namespace,
    name,
    (currentInternal) => {
      const current = toRequestVersion(scope, currentInternal);
      const patched = apply(type, current, patch, scope);
      keepPrecondition(patched, current);
      const admitted = admitVersionedObject(patched, [], scope, directive);
      req.warnings = admitted.warnings;
      req.fields.recordUpdate(current, admitted.versioned, manager);
      return carryManagedFields(admitted.versioned, admitted.internal);
    },
    { dryRun, subresource: scope.info.subresource },
  );
  addWarnings(ctx, req.warnings);
  writeObject(ctx, 200, toRequestVersion(scope, obj), mediaType);
};
