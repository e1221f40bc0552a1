// Writing responses: objects encoded in the negotiated media type, and Status errors with the
// HTTP code equal to the Status code. Handlers and filters write through here only.
import type { Context } from 'koa';
import { type Status, StatusError, toStatusError } from '../machinery/errors.js';
import { type MediaType, encode, responseMediaType } from '../machinery/serializer.js';

/** Writes `obj` with HTTP `code`, encoded as `mediaType`. */
export function writeObject(ctx: Context, code: number, obj: unknown, mediaType: MediaType): void {
  ctx.status = code;
  ctx.body = encode(obj, mediaType);
  // Exactly the media type, no charset parameter: what kube-apiserver sends.
  ctx.set('Content-Type', mediaType);
}

/** The media type an error is written in: what the client accepts, JSON when that fails. */
function errorMediaType(ctx: Context): MediaType {
  try {
    return responseMediaType(ctx.get('accept') || undefined).mediaType;
  } catch {
    return 'application/json';
  }
}

/** Writes a Status (an error's, or a Success one) with HTTP code = status.code. */
export function writeStatus(ctx: Context, status: Status): void {
  writeObject(ctx, status.code, status, errorMediaType(ctx));
}

/** Writes any thrown value as a Status; non-Status errors become 500 InternalError. */
export function writeError(ctx: Context, err: unknown): StatusError {
  const statusError = toStatusError(err);
  // Like kube-apiserver, a Status that says when to retry says it in the header too.
  const retryAfter = statusError.status.details?.retryAfterSeconds;
  if (retryAfter !== undefined && retryAfter > 0) ctx.set('Retry-After', String(retryAfter));
  writeStatus(ctx, statusError.status);
  return statusError;
}

/** Adds `Warning: 299 - "<text>"` headers, as kube-apiserver sends warnings to clients. */
export function addWarnings(ctx: Context, warnings: readonly string[]): void {
  for (const text of warnings) {
    // Warnings quote client data (field names), so anything may be in them. Node only takes
    // latin1 header strings without control characters: control characters become spaces and the
    // text is sent as its UTF-8 bytes (what kube-apiserver sends), so a warning can never fail the
    // response after the write it describes.
    const escaped = text
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ' ');
    ctx.append('Warning', Buffer.from(`299 - "${escaped}"`, 'utf8').toString('latin1'));
  }
}
