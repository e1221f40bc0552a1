// The Reflector keeps a store in step with the server: list, then watch from the list's
// revision, with client-go's recovery rules:
// - the first list asks for resourceVersion "0" (any cached state is fine); relists ask for the
//   last revision seen, and fall back to "" (a consistent read) when that revision is expired (410)
//   or the server has not reached it yet ("too large resource version");
// - lists are paginated (limit/continue); an expired continue token falls back to one full list;
// - watches ask for bookmarks and have a bounded, jittered lifetime, so connections are recycled;
// - an ERROR event in the stream is an error (a 410 there means: relist);
// - a watch that ends or drops is resumed from the last revision without relisting; only an error
//   leads to a relist, and every retry waits a jittered, growing backoff.
import { isConnectionRefused, isProbableEOF, isResourceExpired, isTooLargeResourceVersion, isTooManyRequests, StatusError } from '../errors.js';
import type { KubeList, KubeObject, ListOptions, WatchEvent } from '../types.js';
import { WatchStreamError } from '../watch.js';
import { Backoff, jittered, sleep, type BackoffOptions } from './backoff.js';
import type { DeletedFinalStateUnknown } from './keys.js';

/** A watch as the reflector consumes it (rest's Watch satisfies it). */
export interface WatchInterface<T extends KubeObject> extends AsyncIterable<WatchEvent<T>> {
  stop(): void;
}

export interface ListerWatcher<T extends KubeObject> {
  list(opts: ListOptions, signal?: AbortSignal): Promise<KubeList<T>>;
  watch(opts: ListOptions, signal?: AbortSignal): Promise<WatchInterface<T>>;
}

/** What the reflector writes to (a DeltaFIFO for informers, any store for simple uses). */
export interface ReflectorStore<T extends KubeObject> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T | DeletedFinalStateUnknown<T>): void;
  replace(list: T[], resourceVersion: string): void;
  resync(): void;
}

export type WatchErrorHandler = (err: unknown, reflectorName: string) => void;

export interface ReflectorOptions {
  name?: string;
  /** How often to ask shouldResync (0 = never resync). */
  resyncPeriodMs?: number;
  shouldResync?: () => boolean;
  /** Page size for lists; default 500 (0 with an exact revision, so the server's cache can answer). */
  pageSize?: number;
  /** Watches last between this and twice this (server-side timeoutSeconds). Default 300. */
  minWatchTimeoutSeconds?: number;
  backoff?: BackoffOptions;
  watchErrorHandler?: WatchErrorHandler;
}

const DEFAULT_PAGE_SIZE = 500;
/** A watch that closes this fast without a single event is treated as a failure (relist + backoff). */
const SHORT_WATCH_MS = 1000;

export function defaultWatchErrorHandler(err: unknown, name: string): void {
  if (isResourceExpired(err)) return; // routine: history moved on, the reflector relists
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kapi client: ${name}: list/watch failed: ${msg}\n`);
}

export class Reflector<T extends KubeObject = KubeObject> {
  readonly name: string;
  private lastSyncRV = '';
  private lastSyncRVUnavailable = false;
  private paginatedResult = false;
  private readonly backoff: Backoff;
  private readonly controller = new AbortController();
  private running?: Promise<void>;
  /** Counters a test or a metrics exporter can read. */
  readonly stats = { lists: 0, watches: 0, errors: 0 };

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly store: ReflectorStore<T>,
    private readonly opts: ReflectorOptions = {},
  ) {
    this.name = opts.name ?? 'reflector';
    this.backoff = new Backoff(opts.backoff);
  }

  get lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  private get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Starts the list/watch loop (idempotent); the promise settles after stop(). */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  stop(): void {
    this.controller.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.listAndWatch();
      } catch (err) {
        if (this.stopped) break;
        this.stats.errors++;
        (this.opts.watchErrorHandler ?? defaultWatchErrorHandler)(err, this.name);
      }
      if (this.stopped) break;
      await sleep(this.backoff.next(), this.controller.signal);
    }
  }

  /** "0" before the first list, "" after an expired/too-large revision, else the last one seen. */
  private relistResourceVersion(): string {
    if (this.lastSyncRVUnavailable) return '';
    return this.lastSyncRV === '' ? '0' : this.lastSyncRV;
  }

  private pageSizeFor(rv: string): number {
    if (this.opts.pageSize !== undefined) return this.opts.pageSize;
    if (this.paginatedResult) return DEFAULT_PAGE_SIZE;
    // An exact revision without a limit can be served from the server's cache.
    if (rv !== '' && rv !== '0') return 0;
    return DEFAULT_PAGE_SIZE;
  }

  private async listPages(rv: string): Promise<{ list: KubeList<T>; paginated: boolean }> {
    const signal = this.controller.signal;
    const pageSize = this.pageSizeFor(rv);
    const base: ListOptions = { resourceVersion: rv };
    this.stats.lists++;
    if (pageSize === 0) return { list: await this.lw.list(base, signal), paginated: false };
    const items: T[] = [];
    let first: KubeList<T> | undefined;
    let opts: ListOptions = { ...base, limit: pageSize };
    for (;;) {
      let page: KubeList<T>;
      try {
        page = await this.lw.list(opts, signal);
      } catch (err) {
        // The snapshot behind a continue token left history: read everything in one go instead.
        if (first && isResourceExpired(err)) return { list: await this.lw.list(base, signal), paginated: true };
        throw err;
      }
      first ??= page;
      items.push(...(page.items ?? []));
      const cont = page.metadata?.continue;
      if (!cont) return { list: { ...first, items }, paginated: first !== page };
      // Continuation pages carry the token only: the snapshot revision is inside it.
      opts = { limit: pageSize, continue: cont };
    }
  }

  private async list(): Promise<void> {
    const rv = this.relistResourceVersion();
    let result: { list: KubeList<T>; paginated: boolean };
    try {
      result = await this.listPages(rv);
    } catch (err) {
      if (!isResourceExpired(err) && !isTooLargeResourceVersion(err)) throw err;
      // The revision we asked for is not servable: fall back to a consistent read at once.
      this.lastSyncRVUnavailable = true;
      result = await this.listPages(this.relistResourceVersion());
    }
    if (rv === '0' && result.paginated) this.paginatedResult = true;
    this.lastSyncRVUnavailable = false;
    const listRV = result.list.metadata?.resourceVersion ?? '';
    this.store.replace(result.list.items ?? [], listRV);
    this.lastSyncRV = listRV;
  }

  private async listAndWatch(): Promise<void> {
    await this.list();
    if (this.stopped) return;
    const period = this.opts.resyncPeriodMs ?? 0;
    const resyncTimer =
      period > 0
        ? setInterval(() => {
            if (!this.stopped && (this.opts.shouldResync?.() ?? true)) this.store.resync();
          }, period)
        : undefined;
    try {
      await this.watchLoop();
    } finally {
      if (resyncTimer) clearInterval(resyncTimer);
    }
  }

  private async watchLoop(): Promise<void> {
    const minTimeout = this.opts.minWatchTimeoutSeconds ?? 300;
    while (!this.stopped) {
      const timeoutSeconds = Math.max(1, Math.floor(jittered(minTimeout, 1)));
      let w: WatchInterface<T>;
      try {
        this.stats.watches++;
        w = await this.lw.watch({ resourceVersion: this.lastSyncRV, timeoutSeconds, allowWatchBookmarks: true }, this.controller.signal);
      } catch (err) {
        if (this.stopped) return;
        // Server unreachable or throttling: keep our revision and retry the watch later.
        if (isConnectionRefused(err) || isTooManyRequests(err)) {
          await sleep(this.backoff.next(), this.controller.signal);
          continue;
        }
        throw err;
      }
      await this.handleWatch(w, timeoutSeconds);
    }
  }

  /** Applies a watch's events until it ends; returns when it ended cleanly or dropped. */
  private async handleWatch(w: WatchInterface<T>, timeoutSeconds: number): Promise<void> {
    const started = Date.now();
    let events = 0;
    // Guard against a server that never honours timeoutSeconds.
    const guard = setTimeout(() => w.stop(), (timeoutSeconds + 30) * 1000);
    const onAbort = (): void => w.stop();
    this.controller.signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const ev of w) {
        if (this.stopped) return;
        if (ev.type === 'ERROR') throw new StatusError(ev.object);
        const obj = ev.object;
        const rv = obj?.metadata?.resourceVersion;
        if (!obj || typeof obj !== 'object' || rv === undefined) throw new Error(`unable to understand watch event ${JSON.stringify(ev).slice(0, 200)}`);
        switch (ev.type) {
          case 'ADDED':
            this.store.add(obj);
            break;
          case 'MODIFIED':
            this.store.update(obj);
            break;
          case 'DELETED':
            this.store.delete(obj);
            break;
          case 'BOOKMARK':
            break;
          default:
            throw new Error(`unknown watch event type ${String((ev as { type: unknown }).type)}`);
        }
        this.lastSyncRV = rv;
        events++;
      }
    } catch (err) {
      // A broken connection is a dropped watch: resume it from the last revision (the REST watch
      // wraps it as WatchStreamError; other ListerWatchers may surface the socket error as is).
      if (!(err instanceof WatchStreamError) && !isProbableEOF(err)) throw err;
    } finally {
      clearTimeout(guard);
      this.controller.signal.removeEventListener('abort', onAbort);
      w.stop();
    }
    if (this.stopped) return;
    if (events === 0 && Date.now() - started < SHORT_WATCH_MS) {
      throw new Error('very short watch: the watch closed in under a second without an event');
    }
  }
}
