// The request-body pipeline of create and update, one stage after another:
// bytes (size cap) -> serializer.decode -> apiVersion/kind against the URL -> fieldValidation
// (unknown and duplicate fields) -> defaults of the URL's version -> shape/marker validation of
// the versioned object -> internal. Every client mistake leaves here as a 4xx Status.
import type { Context } from 'koa';
import { StatusError, badRequest, invalid } from '../../machinery/errors.js';
import { formatApiVersion, parseApiVersion } from '../../machinery/gvk.js';
import { isObject } from '../../machinery/objects.js';
import type { JSONObject } from '../../machinery/registration.js';
import {
  MAX_REQUEST_BYTES,
  PROTOBUF_MEDIA_TYPE,
  decode,
  decodeProtobuf,
  objectRequestMediaType,
  pruneUnknownFields,
  unknownFields,
} from '../../machinery/serializer.js';
import { readBody } from '../body.js';
import type { FieldValidation } from './options.js';
import type { RequestScope } from './scope.js';

export interface DecodedObject {
  /** The body as sent (after defaulting), in the URL's version. */
  versioned: JSONObject;
  internal: JSONObject;
  /** fieldValidation=Warn findings, to send as Warning headers. */
  warnings: string[];
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs a generated function on client data: anything it throws is the data's fault (400). */
function guarded<T>(what: string, scope: RequestScope, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StatusError) throw err;
    const { kind } = scope.mapping.kind;
    throw badRequest(`${kind} in version ${JSON.stringify(scope.mapping.gvk.version)} cannot be handled as a ${kind}: ${what}: ${messageOf(err)}`);
  }
}

/** apiVersion/kind must name the URL's resource; when left out they are taken from the URL. */
function checkTypeMeta(obj: JSONObject, scope: RequestScope): void {
  const { gvk } = scope.mapping;
  const expected = formatApiVersion(gvk);
  if (obj.apiVersion === undefined || obj.apiVersion === null || obj.apiVersion === '') obj.apiVersion = expected;
  if (obj.kind === undefined || obj.kind === null || obj.kind === '') obj.kind = gvk.kind;
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    throw badRequest(`${gvk.kind} in version ${JSON.stringify(gvk.version)} cannot be handled as a ${gvk.kind}: apiVersion and kind must be strings`);
  }
  let group: string;
  let version: string;
  try {
    ({ group, version } = parseApiVersion(obj.apiVersion));
  } catch (err) {
    throw badRequest(messageOf(err));
  }
  if (group !== gvk.group || version !== gvk.version) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
  }
  if (obj.kind !== gvk.kind) {
    throw badRequest(
      `the object provided is unrecognized (must be of type ${gvk.kind}): kind ${JSON.stringify(obj.kind)} is not ${JSON.stringify(gvk.kind)} (${expected})`,
    );
  }
}

/** Unknown and duplicate fields: Strict rejects them, Warn reports them, Ignore drops them. */
function checkFields(obj: JSONObject, duplicates: string[], scope: RequestScope, directive: FieldValidation, prune = false): string[] {
  if (directive === 'Ignore' && !prune) return [];
  const schemas = scope.mapping.group.schemas[scope.mapping.gvk.version] ?? {};
  const find = prune ? pruneUnknownFields : unknownFields;
  const unknown = find(obj, scope.mapping.versioned.schemaName, schemas);
  if (directive === 'Ignore') return [];
  const findings = [
    ...unknown.map((p) => `unknown field ${JSON.stringify(p)}`),
    ...duplicates.map((p) => `duplicate field ${JSON.stringify(p)}`),
  ];
  if (findings.length === 0) return [];
  if (directive === 'Strict') {
    const { kind } = scope.mapping.kind;
    throw badRequest(
      `${kind} in version ${JSON.stringify(scope.mapping.gvk.version)} cannot be handled as a ${kind}: strict decoding error: ${findings.join(', ')}`,
    );
  }
  return findings;
}

/** A server-side apply configuration: fieldValidation applies to it as to a body (Strict: 400;
 * Warn: the returned warnings), and its undeclared fields are removed, so that no manager comes
 * to own a field that is never stored. */
export function admitApplyConfiguration(config: JSONObject, duplicateFields: string[], scope: RequestScope, directive: FieldValidation): string[] {
  return checkFields(config, duplicateFields, scope, directive, true);
}

/** Reads and decodes the request body into an internal object of the URL's kind. */
export async function decodeRequestObject(ctx: Context, scope: RequestScope, directive: FieldValidation): Promise<DecodedObject> {
  const decodeRaw = scope.mapping.versioned.decodeProtobuf;
  const mediaType = objectRequestMediaType(ctx.get('content-type') || undefined, decodeRaw !== undefined);
  const body = await readBody(ctx.req, MAX_REQUEST_BYTES);
  const { obj, duplicateFields } =
    mediaType === PROTOBUF_MEDIA_TYPE ? decodeProtobuf(body, (raw) => decodeRaw!(raw)) : decode(body, mediaType);
  // A @virtual kind's status is the server's answer (an access review's verdict): whatever the
  // client sent there is dropped before validation.
  if (scope.mapping.kind.createVirtual) delete obj.status;
  return admitVersionedObject(obj, duplicateFields, scope, directive);
}

/**
 * The stages after decoding, shared by create/update (a decoded body) and patch (the patched
 * object): type meta, fieldValidation, shape, defaults, markers, conversion to internal.
 */
export function admitVersionedObject(
  obj: JSONObject,
  duplicateFields: string[],
  scope: RequestScope,
  directive: FieldValidation,
): DecodedObject {
  checkTypeMeta(obj, scope);
  // Undeclared fields go now (conversion would drop them anyway), so nothing computed from the
  // versioned object, managedFields above all, sees a field that is never stored.
  const warnings = checkFields(obj, duplicateFields, scope, directive, true);
  if (obj.metadata !== undefined && obj.metadata !== null && !isObject(obj.metadata)) {
    throw invalid(scope.mapping.group.group, scope.mapping.kind.kind, '', [
      { type: 'FieldValueTypeInvalid', field: 'metadata', message: `Invalid value: ${JSON.stringify(obj.metadata)}: must be an object` },
    ]);
  }
  if (!isObject(obj.metadata)) obj.metadata = {};
  const meta = obj.metadata as JSONObject;
  const name = typeof meta.name === 'string' ? meta.name : '';
  const { group } = scope.mapping.group;
  const { kind } = scope.mapping.kind;
  // Shape first: generated defaulting assumes the declared types. Missing required values are
  // not judged yet, since a default may fill them.
  const shapeErrors = guarded('validation', scope, () => scope.mapping.versioned.validate(obj)).filter(
    (e) => e.type !== 'FieldValueRequired',
  );
  if (shapeErrors.length > 0) throw invalid(group, kind, name, shapeErrors);
  guarded('defaulting', scope, () => scope.mapping.versioned.defaults(obj));
  const errs = guarded('validation', scope, () => scope.mapping.versioned.validate(obj));
  if (errs.length > 0) throw invalid(group, kind, name, errs);
  const internal = guarded('conversion', scope, () => scope.mapping.versioned.toInternal(obj));
  return { versioned: obj, internal, warnings };
}
