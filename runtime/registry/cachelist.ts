// List semantics over the watch cache, as the Kubernetes API concepts define them for
// resourceVersion, resourceVersionMatch, limit and continue:
//   unset                 -> the most recent state (the cache is never behind storage)
//   "0" / NotOlderThan N  -> any state at least as new as N (newer than the cache: wait, then 504)
//   Exact N, or legacy N with a limit -> the state at N, rebuilt from the event window (410 when
//                                        N left the window)
//   continue              -> the next page of the first page's snapshot (410 when it expired)
import { StatusError, badRequest, gone, timeout } from '../machinery/errors.js';
import type { CachedObject } from './cachedobject.js';
import { decodeContinue, encodeContinue } from './continuetoken.js';
import type { WatchCache } from './watchcache.js';

export type ResourceVersionMatch = 'Exact' | 'NotOlderThan';

export interface CacheListOptions {
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  select?: (obj: CachedObject) => boolean;
}

export interface CacheListResult {
  items: CachedObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** How long a read for a revision the server has not reached yet waits (kube: 3s). */
export const TOO_LARGE_WAIT_MS = 3000;

/** Parses a resourceVersion query value: undefined (unset), or a non-negative integer. */
export function parseListResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw badRequest(`invalid resource version: ${JSON.stringify(value)}: must be an unsigned integer`);
  }
  return Number(value);
}

/** 504 Timeout with cause ResourceVersionTooLarge, as kube-apiserver answers a future revision. */
export function tooLargeResourceVersion(requested: number, current: number): StatusError {
  const err = timeout(`Too large resource version: ${requested}, current: ${current}`, 1);
  err.status.details = {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  };
  return err;
}

/** Waits briefly for the server to reach `revision`; 504 when it does not. */
export async function awaitRevision(cache: WatchCache, revision: number): Promise<void> {
  if (cache.currentRevision() >= revision) return;
  if (await cache.waitForRevision(revision, TOO_LARGE_WAIT_MS)) return;
  throw tooLargeResourceVersion(revision, cache.currentRevision());
}

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** Lists `listPrefix` (the resource prefix, or one namespace under it) from `cache`. */
export async function listFromCache(cache: WatchCache, listPrefix: string, opts: CacheListOptions): Promise<CacheListResult> {
  const rv = parseListResourceVersion(opts.resourceVersion);
  const limit = opts.limit !== undefined && opts.limit > 0 ? Math.floor(opts.limit) : 0;
  let revision: number;
  let after: string | undefined;

  if (opts.continue !== undefined && opts.continue !== '') {
    if (rv !== undefined && rv !== 0) throw badRequest('specifying resource version is not allowed when using continue');
    const token = decodeContinue(opts.continue);
    after = cache.prefix + token.after;
    if (!after.startsWith(listPrefix)) throw badRequest('continue key is not valid: the key does not belong to this list');
    if (token.revision === -1) revision = cache.currentRevision();
    else {
      revision = token.revision;
      if (revision > cache.currentRevision()) {
        throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
      }
      if (revision < cache.oldestRevision()) {
        const err = gone(CONTINUE_EXPIRED);
        err.status.metadata = { continue: encodeContinue({ revision: -1, after: token.after }) };
        throw err;
      }
    }
  } else if (rv === undefined || rv === 0) {
    revision = cache.currentRevision();
  } else if (opts.resourceVersionMatch === 'Exact' || (opts.resourceVersionMatch === undefined && limit > 0)) {
    await awaitRevision(cache, rv);
    if (rv < cache.oldestRevision()) throw gone('The resourceVersion for the provided list is too old.');
    revision = rv;
  } else {
    await awaitRevision(cache, rv);
    revision = cache.currentRevision();
  }

  const page = cache.page({ keyPrefix: listPrefix, revision, after, limit, select: opts.select });
  const result: CacheListResult = { items: page.items, resourceVersion: String(revision) };
  if (page.more && page.items.length > 0) {
    const last = page.items[page.items.length - 1].key;
    result.continue = encodeContinue({ revision, after: last.slice(cache.prefix.length) });
    if (page.remaining !== undefined) result.remainingItemCount = page.remaining;
  }
  return result;
}
