// List continue tokens: opaque to clients, they carry the snapshot revision of the first page and
// the last key returned (relative to the resource's storage prefix), so every later page is read
// from the same snapshot. Revision -1 means "continue at the latest revision" (what a 410 for an
// expired token offers, as kube-apiserver does).
import { badRequest } from '../machinery/errors.js';
import { isObject } from '../machinery/objects.js';

const TOKEN_VERSION = 'meta.k8s.io/v1';

export interface ContinueToken {
  /** Snapshot revision, or -1 for the latest. */
  revision: number;
  /** The last key already returned, relative to the resource prefix (the next page starts after it). */
  after: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: TOKEN_VERSION, rv: token.revision, start: token.after })).toString('base64url');
}

function invalidToken(): Error {
  return badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

export function decodeContinue(text: string): ContinueToken {
  let parsed: unknown;
  try {
    // Accept both base64 alphabets: clients may have re-encoded the token.
    parsed = JSON.parse(Buffer.from(text.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!isObject(parsed) || parsed.v !== TOKEN_VERSION || typeof parsed.start !== 'string' || parsed.start === '') {
    throw invalidToken();
  }
  const rv = parsed.rv;
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv < -1 || rv === 0) throw invalidToken();
  return { revision: rv, after: parsed.start };
}
