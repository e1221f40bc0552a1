// Client-side error classification. Server errors arrive as Kubernetes Status bodies and are
// raised as machinery's StatusError, so callers test reasons the same way server code does.
import { StatusError, type Status } from '../machinery/errors.js';

export { StatusError };

/** A Status for a failed response whose body was not a Status (a proxy's HTML page, say). */
export function statusFromResponse(code: number, body: string): Status {
  try {
    const parsed = JSON.parse(body) as Partial<Status>;
    if (parsed && parsed.kind === 'Status') return { ...parsed, code: parsed.code ?? code } as Status;
  } catch {
    // not JSON: fall through
  }
  const reason = code === 404 ? 'NotFound' : code === 409 ? 'Conflict' : code === 410 ? 'Expired' : code >= 500 ? 'InternalError' : 'BadRequest';
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: body.trim() || `HTTP ${code}`, reason, code };
}

function statusOf(err: unknown): Status | undefined {
  return err instanceof StatusError ? err.status : undefined;
}

/** 410 Gone / reason Expired (or the older Gone reason): the resourceVersion left history. */
export function isResourceExpired(err: unknown): boolean {
  const s = statusOf(err);
  return s !== undefined && (s.code === 410 || s.reason === 'Expired' || s.reason === 'Gone');
}

/** "Too large resource version": the server's cache has not reached the revision we asked for. */
export function isTooLargeResourceVersion(err: unknown): boolean {
  const s = statusOf(err);
  if (!s) return false;
  if (s.details?.causes?.some((c) => c.reason === 'ResourceVersionTooLarge')) return true;
  return (s.code === 504 || s.code === 500 || s.reason === 'Timeout') && /too large resource version/i.test(s.message ?? '');
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err)?.code === 404;
}

export function isConflict(err: unknown): boolean {
  return statusOf(err)?.code === 409;
}

export function isTooManyRequests(err: unknown): boolean {
  return statusOf(err)?.code === 429;
}

/** The server could not be reached at all (down, restarting): retry the same request later. */
export function isConnectionRefused(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE';
}

/** The connection ended under a stream (reset, aborted, closed early): client-go treats these like
 * the end of a watch (resume it from the last revision), not like a server error. */
export function isProbableEOF(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  const msg = err instanceof Error ? err.message : '';
  return /^(aborted|socket hang up|premature close)$/i.test(msg) || /connection reset by peer|use of closed network connection/i.test(msg);
}
