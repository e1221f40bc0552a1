// Kubernetes `Status` errors. Every 4xx/5xx the server returns is one of these, with the reason,
// code, message text and details that kube-apiserver produces for the same situation (details
// fields are omitted when empty, as Go's omitempty does, so bodies compare byte for byte).
import type { FieldError } from './registration.js';
import { qualifiedKind, qualifiedResource } from './gvk.js';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  apiVersion: 'v1';
  kind: 'Status';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class StatusError extends Error {
  readonly status: Status;

  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
    this.status = status;
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

export const OBJECT_MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

/** Builds details the way Go's omitempty serializes them: empty strings and zeros left out. */
function details(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

/** Key order matches kube-apiserver's JSON (kind, apiVersion, metadata, status, message, reason, details, code). */
function failure(code: number, reason: string, message: string, d?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason } as Status;
  if (d !== undefined) status.details = details(d);
  status.code = code;
  return new StatusError(status);
}

export function notFound(group: string, resource: string, name: string): StatusError {
  return failure(404, 'NotFound', `${qualifiedResource(group, resource)} ${goQuote(name)} not found`, {
    name,
    group,
    kind: resource,
  });
}

export function alreadyExists(group: string, resource: string, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(group, resource)} ${goQuote(name)} already exists`, {
    name,
    group,
    kind: resource,
  });
}

/** generateName produced a name that exists (Kubernetes retries are the client's job). */
export function generateNameConflict(group: string, resource: string, name: string, retryAfterSeconds = 1): StatusError {
  return failure(
    409,
    'AlreadyExists',
    `${qualifiedResource(group, resource)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
    { name, group, kind: resource, retryAfterSeconds },
  );
}

export function conflict(group: string, resource: string, name: string, why: string): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(group, resource)} ${goQuote(name)}: ${why}`, {
    name,
    group,
    kind: resource,
  });
}

/** One field error as field.Error prints it: `<field>: <message>` (just the message for an
 * error about the whole object, such as a JSON patch `test` that failed). */
export function formatFieldError(err: FieldError): string {
  return err.field ? `${err.field}: ${err.message}` : err.message;
}

/** Several errors the way an apimachinery aggregate prints them: duplicates dropped, one error
 * bare, more than one as `[a, b]`. */
export function aggregateMessage(messages: string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0];
  return `[${unique.join(', ')}]`;
}

export function invalid(group: string, kind: string, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => {
    const cause: StatusCause = { reason: e.type, message: e.message };
    if (e.field) cause.field = e.field;
    return cause;
  });
  const prefix = `${qualifiedKind(group, kind)} ${goQuote(name)} is invalid`;
  const message = errs.length === 0 ? prefix : `${prefix}: ${aggregateMessage(errs.map(formatFieldError))}`;
  return failure(422, 'Invalid', message, { name, group, kind, causes });
}

export function badRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

/** 405 as kube-apiserver writes it for a method the route does not serve (its generic response:
 * fixed message, empty details). The arguments are kept for logging and future use. */
export function methodNotSupported(_group: string, _resource: string, _verb: string): StatusError {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

/** 405 as the registry writes it when a resource lacks a verb (`delete is not supported on resources of kind "x"`). */
export function verbNotSupported(group: string, resource: string, verb: string): StatusError {
  const qr = qualifiedResource(group, resource);
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind ${goQuote(qr)}`, {
    group,
    kind: resource,
  });
}

export function notAcceptable(message: string): StatusError {
  return failure(406, 'NotAcceptable', message);
}

export function unsupportedMediaType(_contentType: string, accepted: string[]): StatusError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

export function requestEntityTooLarge(message: string): StatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

/** 410 Expired: a resourceVersion too old for the watch cache / compacted storage. */
export function gone(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function forbidden(group: string, resource: string, name: string, why: string): StatusError {
  let message: string;
  if (group === '' && resource === '') message = `forbidden: ${why}`;
  else if (name === '') message = `${qualifiedResource(group, resource)} is forbidden: ${why}`;
  else message = `${qualifiedResource(group, resource)} ${goQuote(name)} is forbidden: ${why}`;
  return failure(403, 'Forbidden', message, { name, group, kind: resource });
}

export function unauthorized(message = ''): StatusError {
  return failure(401, 'Unauthorized', message === '' ? 'Unauthorized' : message);
}

export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function serviceUnavailable(message: string): StatusError {
  return failure(503, 'ServiceUnavailable', message);
}

export function timeout(message: string, retryAfterSeconds = 0): StatusError {
  return failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

export function pathNotFound(): StatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function internalError(err: unknown): StatusError {
  const text = err instanceof Error ? err.message : String(err);
  return failure(500, 'InternalError', `Internal error occurred: ${text}`, { causes: [{ message: text } as StatusCause] });
}

export function toStatusError(err: unknown): StatusError {
  return err instanceof StatusError ? err : internalError(err);
}

export function isStatusError(err: unknown, reason?: string): err is StatusError {
  return err instanceof StatusError && (reason === undefined || err.status.reason === reason);
}

export function successStatus(d?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' } as Status;
  if (d !== undefined) status.details = details(d);
  status.code = 200;
  return status;
}

/** Go's %q for the strings we print (names): JSON quoting matches it for printable text. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
