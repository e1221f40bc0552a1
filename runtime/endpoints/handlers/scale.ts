// The scale subresource (`.../widgets/<name>/scale`), the way kube-apiserver serves it for custom
// resources: an autoscaling/v1 `Scale` read from and written to the paths the kind's
// `@subresource scale` marker names. GET builds the Scale from the parent; PUT and PATCH turn the
// new Scale's spec.replicas into an update of the parent's spec replicas path, so the parent's
// validation, generation and watch events apply as for any other update. A Scale
// metadata.resourceVersion is the client's precondition (409 when stale).
import type { Context } from 'koa';
import { StatusError, badRequest, invalid, unsupportedMediaType } from '../../machinery/errors.js';
import { isObject } from '../../machinery/objects.js';
import { PatchApplyError, applyJSONPatch, applyMergePatch, parsePatchBody } from '../../machinery/patch.js';
import type { JSONObject, ScaleSubresource } from '../../machinery/registration.js';
import { MAX_REQUEST_BYTES, decode, parseMediaType, requestMediaType, unknownFields } from '../../machinery/serializer.js';
import { applyStrategicMergePatch } from '../../machinery/strategicpatch.js';
import { readBody } from '../body.js';
import { metaSchemas, SCALE_SCHEMA } from '../openapi-meta-schemas.js';
import { addWarnings, writeObject } from '../responses.js';
import { admitVersionedObject } from './decodeobject.js';
import { outputMediaType } from './negotiate.js';
import { type FieldValidation, dryRunParam, fieldValidationParam } from './options.js';
import { type RequestScope, type ResourceHandler, toRequestVersion } from './scope.js';

const SCALE_API_VERSION = 'autoscaling/v1';
const SCALE_KIND = 'Scale';
/** The Scale speaks autoscaling/v1 whatever the parent's group: its schema for field checks. */
const SCALE_SCHEMAS = metaSchemas('autoscaling', 'v1');

/** Patch types a Scale accepts: Scale is a built-in type, so strategic merge patch works on it
 * even for kinds that do not take it themselves (as kube-apiserver does for custom resources). */
const SCALE_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
] as const;
type ScalePatchType = (typeof SCALE_PATCH_TYPES)[number];

function mappingOf(scope: RequestScope): ScaleSubresource {
  const scale = scope.mapping.kind.subresources.scale;
  // The installer only routes here for kinds with a scale marker.
  if (!scale) throw badRequest(`${scope.mapping.kind.plural} has no scale subresource`);
  return scale;
}

/** `.spec.replicas` -> ['spec', 'replicas']. */
function pathSegments(path: string): string[] {
  return path.replace(/^\./, '').split('.').filter((s) => s !== '');
}

function readPath(obj: JSONObject, path: string): unknown {
  let node: unknown = obj;
  for (const key of pathSegments(path)) {
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function writePath(obj: JSONObject, path: string, value: unknown): void {
  const keys = pathSegments(path);
  let node = obj;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JSONObject;
  }
  node[keys[keys.length - 1]] = value;
}

function int(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

/** The autoscaling/v1 Scale of a parent object (in the URL's version), as kube-apiserver builds it. */
export function scaleOf(parent: JSONObject, scale: ScaleSubresource): JSONObject {
  const meta = isObject(parent.metadata) ? parent.metadata : {};
  const metadata: JSONObject = {};
  for (const key of ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp']) {
    if (meta[key] !== undefined && meta[key] !== '') metadata[key] = meta[key];
  }
  const replicas = int(readPath(parent, scale.specReplicasPath));
  const status: JSONObject = { replicas: int(readPath(parent, scale.statusReplicasPath)) };
  if (scale.labelSelectorPath) {
    const selector = readPath(parent, scale.labelSelectorPath);
    if (typeof selector === 'string' && selector !== '') status.selector = selector;
  }
  // Go's omitempty: a zero spec.replicas is left out; status.replicas is always there.
  return { kind: SCALE_KIND, apiVersion: SCALE_API_VERSION, metadata, spec: replicas === 0 ? {} : { replicas }, status };
}

/** Checks that a (decoded or patched) body is a Scale and returns its replicas and precondition. */
function readScale(
  obj: unknown,
  name: string,
  directive: FieldValidation,
): { replicas: number; resourceVersion?: string; warnings: string[] } {
  if (!isObject(obj)) throw badRequest('the request body is not a Scale object');
  const apiVersion = obj.apiVersion ?? '';
  const kind = obj.kind ?? '';
  if (apiVersion !== '' && apiVersion !== SCALE_API_VERSION) {
    throw badRequest(`the API version in the data (${String(apiVersion)}) does not match the expected API version (${SCALE_API_VERSION})`);
  }
  if (kind !== '' && kind !== SCALE_KIND) {
    throw badRequest(`the object provided is unrecognized (must be of type ${SCALE_KIND}): kind ${JSON.stringify(kind)} is not "${SCALE_KIND}"`);
  }
  let warnings: string[] = [];
  if (directive !== 'Ignore') {
    const findings = unknownFields(obj, SCALE_SCHEMA, SCALE_SCHEMAS).map((p) => `unknown field ${JSON.stringify(p)}`);
    if (findings.length > 0 && directive === 'Strict') {
      throw badRequest(`Scale in version "v1" cannot be handled as a Scale: strict decoding error: ${findings.join(', ')}`);
    }
    warnings = findings;
  }
  const meta = obj.metadata;
  if (meta !== undefined && meta !== null && !isObject(meta)) throw badRequest('Scale metadata must be an object');
  const metaName = isObject(meta) && typeof meta.name === 'string' ? meta.name : '';
  if (metaName !== name) throw badRequest(`the name of the object (${metaName}) does not match the name on the URL (${name})`);
  const rv = isObject(meta) ? meta.resourceVersion : undefined;
  if (rv !== undefined && rv !== null && typeof rv !== 'string') throw badRequest('Scale metadata.resourceVersion must be a string');
  const spec = obj.spec;
  if (spec !== undefined && spec !== null && !isObject(spec)) throw badRequest('Scale spec must be an object');
  const replicas = isObject(spec) ? spec.replicas : undefined;
  if (replicas !== undefined && replicas !== null) {
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < -(2 ** 31) || replicas >= 2 ** 31) {
      throw badRequest(`Scale in version "v1" cannot be handled as a Scale: spec.replicas: ${JSON.stringify(replicas)} is not an int32`);
    }
  }
  const result: { replicas: number; resourceVersion?: string; warnings: string[] } = { replicas: int(replicas), warnings };
  if (typeof rv === 'string' && rv !== '') result.resourceVersion = rv;
  return result;
}

/**
 * Writes the new Scale (derived from the current one by `next`) into the parent under the Store's
 * write lock and answers the resulting Scale.
 */
async function updateThroughScale(
  ctx: Context,
  scope: RequestScope,
  next: (currentScale: JSONObject) => unknown,
  directive: FieldValidation,
): Promise<void> {
  const mediaType = outputMediaType(ctx);
  const dryRun = dryRunParam(ctx);
  const scale = mappingOf(scope);
  const name = scope.info.name;
  let warnings: string[] = [];
  const { obj } = await scope.store.update(
    scope.namespace,
    name,
    (currentInternal) => {
      const parent = toRequestVersion(scope, currentInternal);
      const wanted = readScale(next(scaleOf(parent, scale)), name, directive);
      warnings = wanted.warnings;
      writePath(parent, scale.specReplicasPath, wanted.replicas);
      // The Scale's resourceVersion is the precondition; the Store compares it with the latest.
      if (wanted.resourceVersion !== undefined && isObject(parent.metadata)) parent.metadata.resourceVersion = wanted.resourceVersion;
      return admitVersionedObject(parent, [], scope, 'Ignore').internal;
    },
    { dryRun },
  );
  addWarnings(ctx, warnings);
  writeObject(ctx, 200, scaleOf(toRequestVersion(scope, obj), scale), mediaType);
}

export const scaleGetHandler: ResourceHandler = async (ctx, scope) => {
  const mediaType = outputMediaType(ctx);
  const obj = await scope.store.get(scope.namespace, scope.info.name);
  writeObject(ctx, 200, scaleOf(toRequestVersion(scope, obj), mappingOf(scope)), mediaType);
};

export const scaleUpdateHandler: ResourceHandler = async (ctx, scope) => {
  const directive = fieldValidationParam(ctx);
  const body = await readBody(ctx.req, MAX_REQUEST_BYTES);
  const { obj } = decode(body, requestMediaType(ctx.get('content-type') || undefined));
  await updateThroughScale(ctx, scope, () => obj, directive);
};

function scalePatchType(ctx: Context): ScalePatchType {
  const contentType = ctx.get('content-type');
  const parsed = contentType ? parseMediaType(contentType) : undefined;
  const type = parsed ? `${parsed.type}/${parsed.subtype}` : undefined;
  const match = SCALE_PATCH_TYPES.find((t) => t === type);
  if (!match) throw unsupportedMediaType(contentType, [...SCALE_PATCH_TYPES]);
  return match;
}

function applyScalePatch(type: ScalePatchType, current: JSONObject, patch: unknown, name: string): unknown {
  try {
    switch (type) {
      case 'application/json-patch+json':
        return applyJSONPatch(current, patch);
      case 'application/strategic-merge-patch+json':
        return applyStrategicMergePatch(current, patch, SCALE_SCHEMAS, SCALE_SCHEMA);
      default:
        return applyMergePatch(current, patch);
    }
  } catch (err) {
    if (err instanceof PatchApplyError) {
      throw invalid('autoscaling', SCALE_KIND, name, [{ type: 'FieldValueInvalid', field: '', message: err.message }]);
    }
    if (err instanceof StatusError) throw err;
    throw badRequest(`the patch cannot be applied to the Scale: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export const scalePatchHandler: ResourceHandler = async (ctx, scope) => {
  const type = scalePatchType(ctx);
  const directive = fieldValidationParam(ctx);
  const patch = parsePatchBody((await readBody(ctx.req, MAX_REQUEST_BYTES)).toString('utf8'));
  await updateThroughScale(ctx, scope, (current) => applyScalePatch(type, current, patch, scope.info.name), directive);
};
