// WATCH a collection (`?watch=true` or the `/watch/` path prefix) from the resource's watch cache,
// with the resourceVersion semantics of the Kubernetes API:
//   unset or "0"     -> synthetic ADDED events for the current state, then every change after it
//   N                -> exactly the events after N, in order (older than the window: one ERROR
//                       event carrying a 410 Expired Status on a 200 stream, then the end)
//   sendInitialEvents=true -> the current state as ADDED, a BOOKMARK annotated
//                       k8s.io/initial-events-end, then the changes
// plus timeoutSeconds, allowWatchBookmarks and label/field selectors.
import { type StatusError, isStatusError, notAcceptable, serviceUnavailable } from '../../machinery/errors.js';
import { awaitRevision, parseListResourceVersion } from '../../registry/cachelist.js';
import type { CachedObject } from '../../registry/cachedobject.js';
import type { CacheEvent } from '../../registry/watchcache.js';
import { negotiateOutput } from './negotiate.js';
import { WatchTableEncoder } from '../table/table.js';
import { readParams, selectionParams } from './options.js';
import type { ResourceHandler } from './scope.js';
import { WatchStream } from './watchstream.js';

/** kube-apiserver's --min-request-timeout: a watch without timeoutSeconds lasts a random
 * 1x-2x of it, so reconnects of many clients spread out. */
const MIN_REQUEST_TIMEOUT_S = 1800;

export const watchHandler: ResourceHandler = async (ctx, scope) => {
  const { mediaType, table } = negotiateOutput(ctx);
  if (mediaType !== 'application/json') {
    throw notAcceptable('only the following media types are accepted: application/json, application/json;stream=watch');
  }
  const { predicate } = selectionParams(ctx, scope);
  const params = readParams(ctx, true);
  const rv = parseListResourceVersion(params.resourceVersion);
  const cache = scope.store.watchCache;
  if (cache === undefined) throw serviceUnavailable('the watch cache is not ready');
  const keyPrefix = scope.store.watchPrefix(scope.namespace);

  // sendInitialEvents=true: the state at least as new as N (unset: as of now).
  const initialEvents = params.sendInitialEvents ?? (rv === undefined || rv === 0);
  if (params.sendInitialEvents === true && rv !== undefined && rv > 0) await awaitRevision(cache, rv);

  // From here to subscribe() nothing awaits: the snapshot (or the replayed events) and the live
  // events meet exactly at one revision, with nothing missed or sent twice.
  let snapshot: CachedObject[] | undefined;
  let replay: CacheEvent[] = [];
  let after: number;
  let expired: StatusError | undefined;
  if (initialEvents) {
    after = cache.currentRevision();
    snapshot = cache.snapshot(keyPrefix);
  } else if (rv === undefined || rv === 0) {
    after = cache.currentRevision();
  } else {
    after = rv;
    try {
      replay = cache.eventsAfter(rv, keyPrefix);
    } catch (err) {
      if (!isStatusError(err, 'Expired')) throw err;
      expired = err;
    }
  }

  const res = ctx.res;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  let timeoutTimer: NodeJS.Timeout | undefined;
  let bookmarkTimer: NodeJS.Timeout | undefined;
  let unsubscribe = (): void => undefined;
  const stream = new WatchStream({
    res,
    gvk: scope.mapping.gvk,
    predicate,
    after,
    limits: cache.settings,
    // Table output (kubectl get -w): each event's object is a one-row Table.
    objectEncoder: table !== undefined ? new WatchTableEncoder(scope, table) : undefined,
    onDone: () => {
      unsubscribe();
      clearTimeout(timeoutTimer);
      clearInterval(bookmarkTimer);
      resolveDone();
    },
  });
  if (expired === undefined) unsubscribe = cache.subscribe(keyPrefix, stream);

  // The response: 200, chunked, headers out at once; Koa must not touch it any more.
  ctx.respond = false;
  res.statusCode = 200;
  res.setHeader('Content-Type', mediaType);
  res.setHeader('Cache-Control', 'no-cache, private');
  res.setHeader('Transfer-Encoding', 'chunked');
  res.flushHeaders();

  if (expired !== undefined) {
    stream.sendError(expired.status);
    return done;
  }
  if (snapshot !== undefined) stream.sendInitial(snapshot);
  stream.sendReplay(replay);
  if (params.sendInitialEvents === true && params.allowWatchBookmarks) stream.sendBookmark(after, true);

  const timeoutS = params.timeoutSeconds !== undefined && params.timeoutSeconds > 0
    ? params.timeoutSeconds
    : MIN_REQUEST_TIMEOUT_S * (1 + Math.random());
  // setTimeout holds at most 2^31-1 ms; longer watches end then (the client re-watches).
  timeoutTimer = setTimeout(() => stream.end('timeout'), Math.min(timeoutS * 1000, 2 ** 31 - 1));
  if (params.allowWatchBookmarks) {
    bookmarkTimer = setInterval(() => stream.sendBookmark(cache.currentRevision()), cache.settings.bookmarkIntervalMs);
  }
  return done;
};
