// Starts one watch cache per Store and feeds them from the storage's change stream through a
// single listener that routes each event by its resource prefix (one Map lookup per write, not
// one check per resource). Also wakes reads waiting for a revision the server has not reached.
import type { HistoryStorage, StorageEvent } from '../storage/interface.js';
import type { Store } from './store.js';
import { DEFAULT_WATCH_SETTINGS, WatchCache, type WatchSettings } from './watchcache.js';

export const DEFAULT_WATCH_CACHE_SIZE = 10_000;

export interface WatchCacheSetOptions {
  /** Events kept per resource. */
  capacity?: number;
  settings?: Partial<WatchSettings>;
}

interface RevisionWaiter {
  revision: number;
  resolve(reached: boolean): void;
  timer: NodeJS.Timeout;
}

/** `/registry/<group>/<plural>/` of a key, or undefined. */
function resourcePrefixOf(key: string): string | undefined {
  const groupEnd = key.indexOf('/', '/registry/'.length);
  if (groupEnd < 0) return undefined;
  const pluralEnd = key.indexOf('/', groupEnd + 1);
  return pluralEnd < 0 ? undefined : key.slice(0, pluralEnd + 1);
}

export class WatchCacheSet {
  private readonly byPrefix = new Map<string, WatchCache>();
  private waiters: RevisionWaiter[] = [];
  private unsubscribe?: () => void;
  /** Events that arrive while the caches load, replayed once each cache knows its start. */
  private buffered: StorageEvent[] | null = [];
  private readonly loadedAt = new Map<WatchCache, number>();

  private constructor(private readonly storage: HistoryStorage) {}

  /** Creates and loads a cache for every store and attaches it. */
  static async start(stores: readonly Store[], storage: HistoryStorage, opts: WatchCacheSetOptions = {}): Promise<WatchCacheSet> {
    const set = new WatchCacheSet(storage);
    const capacity = opts.capacity ?? DEFAULT_WATCH_CACHE_SIZE;
    const settings: WatchSettings = { ...DEFAULT_WATCH_SETTINGS, ...opts.settings };
    // Subscribe before listing so no write falls between a cache's list and its first event.
    set.unsubscribe = storage.onEvent((event) => set.dispatch(event));
    try {
      for (const store of stores) {
        const cache = store.createWatchCache({
          capacity,
          settings,
          currentRevision: () => storage.currentRevision(),
          compactedRevision: () => storage.compactedRevision(),
          waitForRevision: (revision, ms) => set.waitForRevision(revision, ms),
        });
        if (set.byPrefix.has(cache.prefix)) throw new Error(`two resources share the storage prefix ${cache.prefix}`);
        const listed = await storage.list(cache.prefix);
        cache.load(listed.items, listed.revision);
        set.byPrefix.set(cache.prefix, cache);
        set.loadedAt.set(cache, listed.revision);
      }
      const buffered = set.buffered ?? [];
      set.buffered = null;
      for (const event of buffered) set.dispatch(event);
      set.loadedAt.clear();
    } catch (err) {
      set.unsubscribe();
      throw err;
    }
    return set;
  }

  private dispatch(event: StorageEvent): void {
    if (this.buffered !== null) {
      this.buffered.push(event);
      return;
    }
    const prefix = resourcePrefixOf(event.key);
    const cache = prefix === undefined ? undefined : this.byPrefix.get(prefix);
    // While replaying the buffer, skip what a cache's list already contained.
    if (cache !== undefined && event.revision > (this.loadedAt.get(cache) ?? 0)) cache.apply(event);
    if (this.waiters.length > 0) this.wake(event.revision);
  }

  private wake(revision: number): void {
    const still: RevisionWaiter[] = [];
    for (const w of this.waiters) {
      if (w.revision <= revision) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else still.push(w);
    }
    this.waiters = still;
  }

  waitForRevision(revision: number, ms: number): Promise<boolean> {
    if (this.storage.currentRevision() >= revision) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: RevisionWaiter = {
        revision,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, ms),
      };
      this.waiters.push(waiter);
    });
  }

  all(): WatchCache[] {
    return [...this.byPrefix.values()];
  }

  /** Drops cached events that storage compaction removed. */
  compact(revision: number): void {
    for (const cache of this.byPrefix.values()) cache.compact(revision);
  }

  /** Stops feeding the caches and ends every watch (server shutdown). */
  stop(): void {
    this.unsubscribe?.();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiters = [];
    for (const cache of this.byPrefix.values()) cache.closeAll();
  }
}
