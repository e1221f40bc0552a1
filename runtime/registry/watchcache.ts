// The watch cache of one resource (kube-apiserver's Cacher + watchCache): the current objects
// under the resource's key prefix and a bounded window of its recent events, fed synchronously by
// the storage's change stream. Storage calls listeners right after a commit and before the
// writers resolve, so the cache is never behind a write that has returned: a consistent list can
// be served from memory.
//
// The window also reconstructs the state at any revision it covers (undo the newer events with
// their previous objects), which is what keeps every page of a paged list on one snapshot.
// Applying an event is O(1): no decoding, no encoding, no sorting (the sorted key index is
// brought up to date lazily by the next list).
import { gone } from '../machinery/errors.js';
import type { KeyValue, StorageEvent } from '../storage/interface.js';
import { CachedObject, type ObjectCodec } from './cachedobject.js';
import { EventWindow } from './eventwindow.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Makes an event's wire line on a memo miss (the watch stream that first needs it). */
export interface EventLineEncoder {
  encodeLine(type: WatchEventType, obj: CachedObject): Uint8Array;
}

/** One write as the cache saw it, shared by every watcher that receives it. */
export class CacheEvent {
  /** The first encoding made (nearly always the only one: one version, plain JSON). */
  private firstKey?: string;
  private firstBytes?: Uint8Array;
  /** Further encodings, per (type, version, media). */
  private more?: Map<string, Uint8Array>;

  constructor(
    readonly type: WatchEventType,
    readonly key: string,
    readonly revision: number,
    /** The object after the write; for DELETED the last content, at the delete's revision. */
    readonly object: CachedObject,
    /** The object before the write (absent for ADDED). */
    readonly prev: CachedObject | undefined,
  ) {}

  /** The previous content at this event's revision (a selector "leave" is sent as that). */
  prevAtRevision(): CachedObject | undefined {
    return this.prev?.atRevision(this.revision);
  }

  /** The line for `memoKey`, made by `encoder` the first time any watcher asks for it. */
  encoded(memoKey: string, encoder: EventLineEncoder, type: WatchEventType, obj: CachedObject): Uint8Array {
    if (this.firstKey === memoKey) return this.firstBytes!;
    let bytes = this.more?.get(memoKey);
    if (bytes !== undefined) return bytes;
    bytes = encoder.encodeLine(type, obj);
    if (this.firstKey === undefined) {
      this.firstKey = memoKey;
      this.firstBytes = bytes;
    } else {
      (this.more ??= new Map()).set(memoKey, bytes);
    }
    return bytes;
  }
}

/** What a watch registers with the cache. Called synchronously from the storage's commit. */
export interface CacheSubscriber {
  /** An event under the subscriber's key prefix. Must be cheap: queue it, do the work later. */
  onEvent(event: CacheEvent): void;
  /** The cache is shutting down: finish the watch. */
  onClose(): void;
}

/** How the watches a cache serves behave (server flags). */
export interface WatchSettings {
  /** Interval of BOOKMARK events for watches that allow them. */
  bookmarkIntervalMs: number;
  /** A watcher with more queued events than this is cut off. */
  maxQueuedEvents: number;
  /** A watcher with more queued bytes than this is cut off. */
  maxQueuedBytes: number;
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  bookmarkIntervalMs: 60_000,
  maxQueuedEvents: 10_000,
  maxQueuedBytes: 16 * 1024 * 1024,
};

export interface WatchCacheOptions {
  settings: WatchSettings;
  /** The resource's storage key prefix (`/registry/<group>/<plural>/`). */
  prefix: string;
  codec: ObjectCodec;
  /** At most this many events are kept. */
  capacity: number;
  /** The storage's latest committed revision (all its events have reached the cache). */
  currentRevision(): number;
  /** The storage's compaction point: history at or below it may be gone. */
  compactedRevision(): number;
  /** Resolves true once currentRevision() >= revision, false after `ms`. */
  waitForRevision(revision: number, ms: number): Promise<boolean>;
}

export interface PageRequest {
  /** Only keys starting with this (the resource prefix, or a namespace under it). */
  keyPrefix: string;
  /** The snapshot revision (between oldestRevision() and currentRevision()). */
  revision: number;
  /** Start after this full key. */
  after?: string;
  /** 0: no limit. */
  limit: number;
  select?: (obj: CachedObject) => boolean;
}

export interface Page {
  items: CachedObject[];
  /** More selected-or-not keys follow the last item. */
  more: boolean;
  /** How many objects follow the page (only counted when nothing is filtered). */
  remaining?: number;
}

/** First index in sorted `keys` whose key is > `key` (or >= when `inclusive`). */
function bound(keys: readonly string[], key: string, inclusive: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key || (!inclusive && keys[mid] === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class WatchCache {
  readonly prefix: string;
  readonly settings: WatchSettings;
  private readonly codec: ObjectCodec;
  private readonly objects = new Map<string, CachedObject>();
  /** Sorted keys, valid together with `addedKeys` (unsorted, may hold stale keys) and `removed`. */
  private sortedKeys: string[] = [];
  private addedKeys: string[] = [];
  private removed = false;
  private readonly window: EventWindow<CacheEvent>;
  /** Every event after this revision is in the window. */
  private windowStart = 0;
  /** Watchers grouped by the key prefix they watch (the resource, or one namespace): an event
   * checks each distinct prefix once, then walks a plain array. */
  private readonly subscribers = new Map<string, CacheSubscriber[]>();
  private subscriberCount = 0;
  private readonly options: WatchCacheOptions;

  constructor(options: WatchCacheOptions) {
    this.options = options;
    this.prefix = options.prefix;
    this.settings = options.settings;
    this.codec = options.codec;
    this.window = new EventWindow<CacheEvent>(options.capacity);
  }

  /** Fills the cache from a storage list taken at `revision` (events after it follow by apply). */
  load(items: readonly KeyValue[], revision: number): void {
    for (const kv of items) {
      this.objects.set(kv.key, new CachedObject(kv.key, kv.value, kv.modRevision, this.codec));
      this.addedKeys.push(kv.key);
    }
    this.windowStart = revision;
  }

  /** Applies one committed storage event under this cache's prefix. */
  apply(event: StorageEvent): void {
    const prev = this.objects.get(event.key);
    let object: CachedObject;
    if (event.type === 'DELETED') {
      object = (prev ?? new CachedObject(event.key, event.value, event.revision, this.codec)).atRevision(event.revision);
      if (prev !== undefined) {
        this.objects.delete(event.key);
        this.removed = true;
      }
    } else {
      object = new CachedObject(event.key, event.value, event.revision, this.codec);
      this.objects.set(event.key, object);
      if (prev === undefined) this.addedKeys.push(event.key);
    }
    const cacheEvent = new CacheEvent(event.type, event.key, event.revision, object, prev);
    const dropped = this.window.push(cacheEvent);
    if (dropped !== undefined) this.windowStart = dropped.revision;
    for (const [keyPrefix, group] of this.subscribers) {
      if (!event.key.startsWith(keyPrefix)) continue;
      // Unsubscribing replaces the array (copy on write), so this walk is stable even when a
      // watcher is cut off from inside onEvent.
      for (let i = 0; i < group.length; i++) group[i].onEvent(cacheEvent);
    }
  }

  /** The current object at `key`, if there is one. */
  get(key: string): CachedObject | undefined {
    return this.objects.get(key);
  }

  currentRevision(): number {
    return this.options.currentRevision();
  }

  /** The oldest revision a watch or a snapshot can start from. */
  oldestRevision(): number {
    return Math.max(this.windowStart, this.options.compactedRevision());
  }

  waitForRevision(revision: number, ms: number): Promise<boolean> {
    return this.options.waitForRevision(revision, ms);
  }

  /** Drops the events storage compaction removed (at or below `revision`). */
  compact(revision: number): void {
    const dropped = this.window.dropThrough(revision);
    if (dropped !== undefined) this.windowStart = Math.max(this.windowStart, dropped.revision);
    this.windowStart = Math.max(this.windowStart, Math.min(revision, this.currentRevision()));
  }

  /** Events under `keyPrefix` after `revision`, oldest first; 410 Expired when they left the window. */
  eventsAfter(revision: number, keyPrefix: string): CacheEvent[] {
    const oldest = this.oldestRevision();
    if (revision < oldest) throw gone(`too old resource version: ${revision} (${oldest})`);
    const events = this.window.after(revision);
    return keyPrefix === this.prefix ? events : events.filter((e) => e.key.startsWith(keyPrefix));
  }

  /** Registers a watcher; returns the function that unregisters it. Synchronous, so a caller
   * that reads a snapshot or eventsAfter() in the same turn misses nothing and sees nothing twice. */
  subscribe(keyPrefix: string, subscriber: CacheSubscriber): () => void {
    const group = this.subscribers.get(keyPrefix);
    if (group === undefined) this.subscribers.set(keyPrefix, [subscriber]);
    else group.push(subscriber);
    this.subscriberCount++;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.subscriberCount--;
      // Copy on write: an event being delivered keeps walking the array it started with.
      const current = this.subscribers.get(keyPrefix) ?? [];
      const rest = current.filter((s) => s !== subscriber);
      if (rest.length === 0) this.subscribers.delete(keyPrefix);
      else this.subscribers.set(keyPrefix, rest);
    };
  }

  get watcherCount(): number {
    return this.subscriberCount;
  }

  /** Ends every watch (server shutdown). */
  closeAll(): void {
    const subscribers = [...this.subscribers.values()].flat();
    this.subscribers.clear();
    this.subscriberCount = 0;
    for (const s of subscribers) s.onClose();
  }

  /** The current objects under keyPrefix in key order. */
  snapshot(keyPrefix: string): CachedObject[] {
    return this.page({ keyPrefix, revision: this.currentRevision(), limit: 0 }).items;
  }

  private sorted(): string[] {
    if (this.addedKeys.length === 0 && !this.removed) return this.sortedKeys;
    const live = this.removed ? this.sortedKeys.filter((k) => this.objects.has(k)) : this.sortedKeys;
    const added = this.addedKeys.filter((k) => this.objects.has(k)).sort();
    const merged: string[] = new Array<string>();
    let i = 0;
    let j = 0;
    while (i < live.length || j < added.length) {
      let next: string;
      if (j >= added.length || (i < live.length && live[i] <= added[j])) next = live[i++];
      else next = added[j++];
      if (merged.length === 0 || merged[merged.length - 1] !== next) merged.push(next);
    }
    this.sortedKeys = merged;
    this.addedKeys = [];
    this.removed = false;
    return merged;
  }

  /** The state at `revision` of the keys written after it: key -> object, or null (absent). */
  private undoAfter(revision: number): Map<string, CachedObject | null> {
    const past = new Map<string, CachedObject | null>();
    // Newest first: the last value set for a key is its state before the oldest later write.
    this.window.forEachNewestAfter(revision, (e) => past.set(e.key, e.prev ?? null));
    return past;
  }

  /** One page of the objects under req.keyPrefix as they were at req.revision, in key order. */
  page(req: PageRequest): Page {
    const current = this.currentRevision();
    const past = req.revision < current ? this.undoAfter(req.revision) : undefined;
    const keys = this.sorted();
    const pastKeys = past === undefined ? [] : [...past.keys()].filter((k) => k.startsWith(req.keyPrefix)).sort();
    const from = (list: readonly string[]) =>
      req.after !== undefined && req.after >= req.keyPrefix ? bound(list, req.after, false) : bound(list, req.keyPrefix, true);
    let i = from(keys);
    let j = from(pastKeys);
    const items: CachedObject[] = [];
    let more = false;
    let remaining = 0;
    const counting = req.select === undefined;
    while (true) {
      // Merge the two sorted key lists; the past state wins for keys written after the snapshot.
      let key: string;
      const a = i < keys.length && keys[i].startsWith(req.keyPrefix) ? keys[i] : undefined;
      const b = j < pastKeys.length ? pastKeys[j] : undefined;
      if (a === undefined && b === undefined) break;
      if (b === undefined || (a !== undefined && a < b)) {
        key = a!;
        i++;
      } else {
        key = b;
        j++;
        if (a === b) i++;
      }
      const obj = past?.has(key) ? past.get(key)! : this.objects.get(key);
      if (obj === null || obj === undefined) continue;
      if (req.limit > 0 && items.length >= req.limit) {
        more = true;
        if (!counting) break;
        remaining++;
        continue;
      }
      if (req.select !== undefined && !req.select(obj)) continue;
      items.push(obj);
    }
    return counting && more ? { items, more, remaining } : { items, more };
  }
}
