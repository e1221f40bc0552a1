// DeltaFIFO: the queue between the reflector and the informer. Each key holds every change
// (delta) seen since it was last popped, in order, so a consumer sees the whole history of an
// object at once; keys pop in the order they were first queued. Rules follow client-go:
// - only two consecutive Deleted deltas collapse into one (keeping the one that is not a tombstone),
// - replace() (a relist) queues Replaced for every listed object and a Deleted tombstone
//   (DeletedFinalStateUnknown with the last known object) for every key that is in the cache or
//   only in the queue but is missing from the list,
// - resync() queues Sync for cached objects except keys that already have deltas queued,
// - pop() hands a key's deltas to the process function and puts them back if it fails,
// - hasSynced() is true once everything the first replace() (or first add/delete) queued has popped.
import type { KubeObject } from '../types.js';
import { DeletedFinalStateUnknown, metaNamespaceKey, type KeyFunc } from './keys.js';
import type { KeyListerGetter } from './indexer.js';

export type DeltaType = 'Added' | 'Updated' | 'Deleted' | 'Replaced' | 'Sync';

export interface Delta<T extends KubeObject> {
  type: DeltaType;
  object: T | DeletedFinalStateUnknown<T>;
}

export type Deltas<T extends KubeObject> = Delta<T>[];

/** Applied to each object once, as it enters the queue from the server (never to tombstones or
 * resync copies, which are already transformed). Used to drop fields the program never reads. */
export type TransformFunc<T extends KubeObject> = (obj: T) => T;

export type PopProcessFunc<T extends KubeObject> = (deltas: Deltas<T>, isInInitialList: boolean) => void | Promise<void>;

export class FIFOClosedError extends Error {
  constructor() {
    super('DeltaFIFO: manipulating with closed queue');
    this.name = 'FIFOClosedError';
  }
}

export interface DeltaFIFOOptions<T extends KubeObject> {
  keyFunc?: KeyFunc<T>;
  /** The cache the queue feeds (the informer's indexer): used by replace() and resync(). */
  knownObjects?: KeyListerGetter<T>;
  /** Queue Replaced (not Sync) for objects of a relist; informers always set it. Default true. */
  emitDeltaTypeReplaced?: boolean;
  transform?: TransformFunc<T>;
}

function newest<T extends KubeObject>(deltas: Deltas<T> | undefined): Delta<T> | undefined {
  return deltas && deltas.length > 0 ? deltas[deltas.length - 1] : undefined;
}

/** Collapses a trailing pair of Deleted deltas; prefers the one that carries a real final state. */
function dedupDeltas<T extends KubeObject>(deltas: Deltas<T>): Deltas<T> {
  const n = deltas.length;
  if (n < 2) return deltas;
  const a = deltas[n - 2]!;
  const b = deltas[n - 1]!;
  if (a.type !== 'Deleted' || b.type !== 'Deleted') return deltas;
  const kept = b.object instanceof DeletedFinalStateUnknown ? a : b;
  return [...deltas.slice(0, n - 2), kept];
}

export class DeltaFIFO<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, Deltas<T>>();
  private queue: string[] = [];
  private head = 0;
  private populated = false;
  private initialPopulationCount = 0;
  private closed = false;
  private waiters: (() => void)[] = [];
  private readonly keyFunc: KeyFunc<T>;
  private readonly knownObjects: KeyListerGetter<T> | undefined;
  private readonly emitReplaced: boolean;
  private readonly transform: TransformFunc<T> | undefined;

  constructor(opts: DeltaFIFOOptions<T> = {}) {
    this.keyFunc = opts.keyFunc ?? metaNamespaceKey;
    this.knownObjects = opts.knownObjects;
    this.emitReplaced = opts.emitDeltaTypeReplaced ?? true;
    this.transform = opts.transform;
  }

  keyOf(obj: T | DeletedFinalStateUnknown<T> | Deltas<T>): string {
    if (Array.isArray(obj)) {
      const d = newest(obj);
      if (!d) throw new Error('0 length Deltas object; cannot get key');
      return this.keyOf(d.object);
    }
    return obj instanceof DeletedFinalStateUnknown ? obj.key : this.keyFunc(obj);
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  private queueAction(type: DeltaType, input: T | DeletedFinalStateUnknown<T>): void {
    const id = this.keyOf(input);
    let obj = input;
    if (this.transform && type !== 'Sync' && !(obj instanceof DeletedFinalStateUnknown)) obj = this.transform(obj);
    const old = this.items.get(id);
    const deltas = dedupDeltas([...(old ?? []), { type, object: obj }]);
    if (!old) this.queue.push(id);
    this.items.set(id, deltas);
    this.wake();
  }

  add(obj: T): void {
    this.populated = true;
    this.queueAction('Added', obj);
  }

  update(obj: T): void {
    this.populated = true;
    this.queueAction('Updated', obj);
  }

  /** Queues a Deleted delta, unless neither the cache nor the queue knows the key (nothing to delete). */
  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    const id = this.keyOf(obj);
    this.populated = true;
    const known = this.knownObjects?.getByKey(id) !== undefined;
    if (!known && !this.items.has(id)) return;
    this.queueAction('Deleted', obj);
  }

  /** The result of a (re)list: every listed object, plus tombstones for keys that vanished. */
  replace(list: T[], _resourceVersion?: string): void {
    const type: DeltaType = this.emitReplaced ? 'Replaced' : 'Sync';
    const keys = new Set<string>();
    for (const obj of list) {
      keys.add(this.keyOf(obj));
      this.queueAction(type, obj);
    }
    let queuedDeletions = 0;
    // Keys with queued deltas that the list no longer has (their add may not have reached the cache).
    for (const [key, deltas] of [...this.items]) {
      if (keys.has(key)) continue;
      let last = newest(deltas)?.object;
      if (last instanceof DeletedFinalStateUnknown) last = last.obj;
      queuedDeletions++;
      this.queueAction('Deleted', new DeletedFinalStateUnknown<T>(key, last));
    }
    // Keys the cache holds, not in the list and not already handled above.
    if (this.knownObjects) {
      for (const key of this.knownObjects.listKeys()) {
        if (keys.has(key)) continue;
        if ((this.items.get(key)?.length ?? 0) > 0) continue;
        queuedDeletions++;
        this.queueAction('Deleted', new DeletedFinalStateUnknown<T>(key, this.knownObjects.getByKey(key)));
      }
    }
    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = keys.size + queuedDeletions;
    }
  }

  /** Queues Sync for each cached object whose key has no pending deltas (those will be seen anyway). */
  resync(): void {
    if (!this.knownObjects) return;
    for (const key of this.knownObjects.listKeys()) {
      const obj = this.knownObjects.getByKey(key);
      if (obj === undefined) continue;
      const id = this.keyOf(obj);
      if ((this.items.get(id)?.length ?? 0) > 0) continue;
      this.queueAction('Sync', obj);
    }
  }

  /** Puts deltas back (a failed pop) unless newer deltas for the key arrived meanwhile. */
  addIfNotPresent(deltas: Deltas<T>): void {
    const id = this.keyOf(deltas);
    this.populated = true;
    if (this.items.has(id)) return;
    this.queue.push(id);
    this.items.set(id, deltas);
    this.wake();
  }

  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  getByKey(key: string): Deltas<T> | undefined {
    const d = this.items.get(key);
    return d ? [...d] : undefined;
  }

  isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private shift(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const id = this.queue[this.head++]!;
    // Drop the consumed prefix now and then so the array does not grow forever.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return id;
  }

  /**
   * Waits for a key, removes it with all its deltas and calls process. If process throws (or
   * rejects) the deltas are requeued and the error is rethrown. Rejects with FIFOClosedError
   * once the queue is closed.
   */
  async pop(process: PopProcessFunc<T>): Promise<Deltas<T>> {
    for (;;) {
      while (this.length === 0) {
        if (this.closed) throw new FIFOClosedError();
        await new Promise<void>((r) => this.waiters.push(r));
      }
      if (this.closed) throw new FIFOClosedError();
      const id = this.shift()!;
      const isInInitialList = !this.hasSynced();
      if (this.initialPopulationCount > 0) this.initialPopulationCount--;
      const deltas = this.items.get(id);
      // A key in the queue without deltas cannot happen; skip it defensively.
      if (!deltas) continue;
      this.items.delete(id);
      try {
        await process(deltas, isInInitialList);
      } catch (err) {
        this.addIfNotPresent(deltas);
        throw err;
      }
      return deltas;
    }
  }
}
