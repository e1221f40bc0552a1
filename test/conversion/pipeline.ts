// The server's object pipeline, without HTTP: what a create does to a request body, what storage
// does to an internal object, and what a read in some version returns. Built only from the
// generated registrations through the Scheme, in the order runtime/endpoints/handlers/
// decodeobject.ts and runtime/registry/codec.ts use.
import { groups } from '../../generated/index.js';
import type { FieldError, JSONObject } from '../../runtime/machinery/registration.js';
import { Scheme } from '../../runtime/machinery/scheme.js';
import { decodeFromStorage, encodeForStorage } from '../../runtime/machinery/serializer.js';

export const scheme = new Scheme(groups);

/** JSON round trip: what the wire or the storage bytes would carry. */
export function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface Admitted {
  /** The request object after its version's defaults. */
  versioned: JSONObject;
  /** The internal object, when the request was valid. */
  internal?: JSONObject;
  /** Every validation error (versioned shape, then internal rules for `operation`). */
  errors: FieldError[];
}

/**
 * A request body as the server admits it: shape check (missing required values are judged after
 * defaulting), the version's defaults, versioned validation, conversion to internal, internal
 * validation for the operation.
 */
export function admit(body: JSONObject, operation: 'create' | 'update' = 'create', old?: JSONObject): Admitted {
  const versioned = wire(body);
  const resolved = scheme.resolveObject(versioned);
  const shape = resolved.versioned.validate(versioned).filter((e) => e.type !== 'FieldValueRequired');
  if (shape.length > 0) return { versioned, errors: shape };
  scheme.default(versioned);
  const errs = resolved.versioned.validate(versioned);
  if (errs.length > 0) return { versioned, errors: errs };
  const internal = scheme.toInternal(versioned);
  const ctx = operation === 'create' ? { operation } : { operation, old };
  const internalErrs = resolved.kind.internal.validate(internal, ctx);
  return { versioned, internal: internalErrs.length > 0 ? undefined : internal, errors: internalErrs };
}

/** Like admit, failing the test with the errors when the body is not valid. */
export function create(body: JSONObject): JSONObject {
  const { internal, errors } = admit(body);
  if (internal === undefined) throw new Error(`expected a valid object, got ${JSON.stringify(errors)}`);
  return internal;
}

/** The object as stored: internal -> the group's storage version, as JSON bytes would hold it. */
export function stored(internal: JSONObject, group: string, kind: string): JSONObject {
  const g = scheme.group(group);
  if (g === undefined) throw new Error(`no group ${group}`);
  const versioned = scheme.fromInternal(internal, { group, version: g.storageVersion, kind });
  return decodeFromStorage(encodeForStorage(versioned));
}

/** Storage bytes back to internal: the stored version's defaults, then conversion. */
export function load(storedObj: JSONObject): JSONObject {
  const versioned = wire(storedObj);
  scheme.default(versioned);
  return scheme.toInternal(versioned);
}

/** A read at `version`: internal -> that version, as the response body would carry it. */
export function read(internal: JSONObject, group: string, version: string, kind: string): JSONObject {
  return wire(scheme.fromInternal(internal, { group, version, kind }));
}

/** Create, store, load and read back at `version`: the whole life of a request object. */
export function roundTrip(body: JSONObject, version: string): { stored: JSONObject; read: JSONObject } {
  const gvk = scheme.gvkOf(body);
  const internal = create(body);
  const storedObj = stored(internal, gvk.group, gvk.kind);
  return { stored: storedObj, read: read(load(storedObj), gvk.group, version, gvk.kind) };
}
