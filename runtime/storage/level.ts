// The embedded storage backend: LevelDB through the `level` package (classic-level on Node).
//
// Write pipeline, in two stages:
//  1. Under a FIFO write lock, a write reads the latest value of its key (pending writes first,
//     then the database), checks its precondition, runs tryUpdate if any, takes the next revision
//     and queues its batch operations. The lock covers only this part, so concurrent writes to one
//     key behave as if serialized while the disk is not on the critical path.
//  2. A single flusher commits the queue as ONE LevelDB batch with sync: true (group commit): while
//     a sync is in flight new writes collect in the queue and the next batch carries them all.
//     After the sync, listeners hear the events in revision order and the writers resolve.
// Reads (get, list, eventsSince) only ever see committed batches.
//
// Every batch also rewrites the revision counter and appends one history entry per write, so the
// counter survives restarts and a watch can replay events after a revision (see level-codec.ts).

import { mkdir } from 'node:fs/promises';
import { Level } from 'level';
import {
  StorageError,
  type HistoryStorage,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type StorageEvent,
  type TryUpdate,
} from './interface.js';
import {
  EVENT_LOG_END,
  FIRST_USER_KEY,
  INTERNAL_KEY_BYTE,
  META_COMPACTED_KEY,
  META_REVISION_KEY,
  decodeData,
  decodeEvent,
  decodeRevision,
  encodeData,
  encodeEvent,
  encodeRevision,
  eventKey,
  prefixUpperBound,
  revisionOfEventKey,
  userKeyBytes,
} from './level-codec.js';
import { WriteLock } from './write-lock.js';

type Db = Level<Buffer, Buffer>;
type BatchOp = { type: 'put'; key: Buffer; value: Buffer } | { type: 'del'; key: Buffer };

/** What a write section hands back: the lock is released before the commit is awaited. */
interface Ticket {
  readonly done: Promise<KeyValue>;
}

/** A write that holds a revision and waits for its batch. */
interface QueuedWrite {
  readonly revision: number;
  readonly type: StorageEvent['type'];
  readonly key: string;
  readonly ops: [BatchOp, BatchOp];
  readonly value: Uint8Array;
  readonly prevValue: Uint8Array | undefined;
  readonly result: KeyValue;
  resolve(kv: KeyValue): void;
  reject(err: Error): void;
}

/** The newest not-yet-committed state of a key (null: deleted). */
interface PendingState {
  readonly revision: number;
  readonly kv: KeyValue | null;
  readonly done: Promise<KeyValue>;
}

export class LevelStorage implements HistoryStorage {
  private committed: number;
  /** The last revision handed out; ahead of `committed` while writes are queued. */
  private assigned: number;
  private compacted: number;
  private readonly pending = new Map<string, PendingState>();
  private queue: QueuedWrite[] = [];
  private flushing = false;
  private flushRun: Promise<void> = Promise.resolve();
  private readonly writeLock = new WriteLock();
  private readonly compactLock = new WriteLock();
  private readonly listeners = new Set<(event: StorageEvent) => void>();
  /** Set when a batch failed to commit: later writes could not be ordered safely. */
  private failure: StorageError | null = null;
  private closed = false;
  /** Counts synced batches and the writes they carried (writes / batches = group commit factor). */
  readonly commitStats = { batches: 0, writes: 0 };

  private constructor(
    private readonly db: Db,
    revision: number,
    compacted: number,
  ) {
    this.committed = revision;
    this.assigned = revision;
    this.compacted = compacted;
  }

  /** Opens (creating if missing) the LevelDB database in `dir`. One process may hold it at a time. */
  static async open(dir: string): Promise<LevelStorage> {
    await mkdir(dir, { recursive: true });
    const db: Db = new Level<Buffer, Buffer>(dir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    try {
      await db.open();
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new StorageError('Unavailable', dir, `cannot open LevelDB at ${dir}${cause}`);
    }
    const revision = decodeRevision(await db.get(META_REVISION_KEY));
    const compacted = decodeRevision(await db.get(META_COMPACTED_KEY));
    return new LevelStorage(db, revision, compacted);
  }

  // ---- writes ----

  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    const keyBytes = this.writableKey(key);
    return this.serialized(() => {
      if (this.latest(key, keyBytes).kv !== null) throw new StorageError('KeyExists', key);
      return this.queuePut(key, keyBytes, value, null);
    });
  }

  /**
   * See Storage.guaranteedUpdate. tryUpdate runs under the write lock, so it must not call back
   * into this store's write methods (that would wait for itself). With expectedModRevision on a
   * missing key this throws KeyNotFound (the object is gone, not changed). As in kube-apiserver's
   * etcd store, a result byte-identical to the current value writes nothing.
   */
  async guaranteedUpdate(key: string, tryUpdate: TryUpdate, expectedModRevision?: number): Promise<KeyValue> {
    const keyBytes = this.writableKey(key);
    return this.serialized(async () => {
      const current = this.latest(key, keyBytes);
      if (expectedModRevision !== undefined) checkPrecondition(key, current.kv, expectedModRevision);
      const next = await tryUpdate(current.kv);
      if (next === undefined || (current.kv !== null && sameBytes(next, current.kv.value))) {
        if (current.kv === null) throw new StorageError('KeyNotFound', key);
        return { done: current.done ?? Promise.resolve(current.kv) };
      }
      return this.queuePut(key, keyBytes, next, current.kv);
    });
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    const keyBytes = this.writableKey(key);
    return this.serialized(() => {
      const current = this.latest(key, keyBytes).kv;
      if (current === null) throw new StorageError('KeyNotFound', key);
      if (expectedModRevision !== undefined) checkPrecondition(key, current, expectedModRevision);
      return this.queueDelete(key, keyBytes, current);
    });
  }

  // ---- reads (committed data only) ----

  async get(key: string): Promise<KeyValue | null> {
    const keyBytes = userKey(key);
    this.assertOpen(key);
    // A synchronous point read costs ~2us against ~50us for a thread-pool round trip; LevelDB
    // serves it from its memtable or block cache, so the event loop is not held in practice.
    const stored: Buffer | undefined = this.db.getSync(keyBytes);
    return stored === undefined ? null : decodeData(key, stored);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.assertOpen(prefix);
    if (prefix.charCodeAt(0) === INTERNAL_KEY_BYTE) return { items: [], revision: this.committed, more: false };
    const prefixBytes = userKeyBytes(prefix);
    const lower = prefix === '' ? FIRST_USER_KEY : prefixBytes;
    const range: { gt?: Buffer; gte?: Buffer; lt?: Buffer } = {};
    const after = opts.startAfter === undefined ? undefined : userKeyBytes(opts.startAfter);
    if (after !== undefined && Buffer.compare(after, lower) >= 0) range.gt = after;
    else range.gte = lower;
    if (prefix !== '') range.lt = prefixUpperBound(prefixBytes);
    const limit = opts.limit !== undefined && opts.limit > 0 ? Math.floor(opts.limit) : 0;

    // One snapshot for the items and the revision counter, so the revision is exactly the
    // one the items reflect (a batch may land between two separate reads).
    const snapshot = this.db.snapshot();
    try {
      const revision = decodeRevision(this.db.getSync(META_REVISION_KEY, { snapshot }));
      const entries = await this.db.iterator({ ...range, limit: limit > 0 ? limit + 1 : -1, snapshot }).all();
      const more = limit > 0 && entries.length > limit;
      if (more) entries.length = limit;
      const items = entries.map(([k, v]) => decodeData(k.toString('utf8'), v));
      return { items, revision, more };
    } finally {
      await snapshot.close();
    }
  }

  currentRevision(): number {
    return this.committed;
  }

  onEvent(listener: (event: StorageEvent) => void): () => void {
    // Wrap so the same function may subscribe twice and unsubscribe each independently.
    const entry = (event: StorageEvent): void => listener(event);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  // ---- history ----

  async eventsSince(revision: number): Promise<StorageEvent[]> {
    this.assertOpen('');
    if (revision < this.compacted) {
      throw new StorageError(
        'Compacted',
        '',
        `revision ${revision} is compacted: history starts after revision ${this.compacted}`,
      );
    }
    const upTo = this.committed;
    if (revision >= upTo) return [];
    const entries = await this.db
      .iterator({ gt: eventKey(Math.max(0, Math.floor(revision))), lt: eventKey(upTo + 1) })
      .all();
    return entries.map(([k, v]) => decodeEvent(revisionOfEventKey(k), v));
  }

  async compact(beforeRevision: number): Promise<void> {
    this.assertOpen('');
    return this.compactLock.run(async () => {
      const target = Math.min(Math.floor(beforeRevision) - 1, this.committed);
      if (target <= this.compacted) return;
      // Publish first: readers check `compacted` before taking their snapshot, and the marker
      // reaches disk before any entry is gone, so a crash mid-clear never exposes a gap.
      this.compacted = target;
      await this.db.put(META_COMPACTED_KEY, encodeRevision(target), { sync: true });
      await this.db.clear({ gte: eventKey(0), lt: eventKey(target + 1) });
    });
  }

  compactedRevision(): number {
    return this.compacted;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeLock.run(() => undefined); // every write already waiting has queued
    while (this.flushing) await this.flushRun;
    await this.compactLock.run(() => undefined);
    await this.db.close();
  }

  // ---- write pipeline ----

  private async serialized(section: () => Ticket | Promise<Ticket>): Promise<KeyValue> {
    const ticket = await this.writeLock.run(section);
    return ticket.done;
  }

  /** The newest state of key, pending writes included; `done` settles when a pending one commits. */
  private latest(key: string, keyBytes: Buffer): { kv: KeyValue | null; done?: Promise<KeyValue> } {
    const pending = this.pending.get(key);
    if (pending !== undefined) return pending;
    const stored: Buffer | undefined = this.db.getSync(keyBytes);
    return { kv: stored === undefined ? null : decodeData(key, stored) };
  }

  private queuePut(key: string, keyBytes: Buffer, value: Uint8Array, current: KeyValue | null): Ticket {
    const revision = this.nextRevision();
    const kv: KeyValue = {
      key,
      value,
      createRevision: current === null ? revision : current.createRevision,
      modRevision: revision,
    };
    const type = current === null ? 'ADDED' : 'MODIFIED';
    return this.enqueue(key, kv, {
      revision,
      type,
      key,
      value,
      prevValue: current?.value,
      result: kv,
      ops: [
        { type: 'put', key: keyBytes, value: encodeData(kv.createRevision, revision, value) },
        { type: 'put', key: eventKey(revision), value: encodeEvent(type, keyBytes, value, current?.value) },
      ],
    });
  }

  private queueDelete(key: string, keyBytes: Buffer, current: KeyValue): Ticket {
    const revision = this.nextRevision();
    return this.enqueue(key, null, {
      revision,
      type: 'DELETED',
      key,
      value: current.value,
      prevValue: current.value,
      result: { ...current, modRevision: revision },
      ops: [
        { type: 'del', key: keyBytes },
        { type: 'put', key: eventKey(revision), value: encodeEvent('DELETED', keyBytes, current.value) },
      ],
    });
  }

  private nextRevision(): number {
    if (this.failure !== null) throw this.failure;
    return ++this.assigned;
  }

  private enqueue(key: string, kv: KeyValue | null, write: Omit<QueuedWrite, 'resolve' | 'reject'>): Ticket {
    let resolve!: (kv: KeyValue) => void;
    let reject!: (err: Error) => void;
    const done = new Promise<KeyValue>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(noop); // a no-op update may share this promise; the owner awaits it too
    this.queue.push({ ...write, resolve, reject });
    this.pending.set(key, { revision: write.revision, kv, done });
    if (!this.flushing) {
      this.flushing = true;
      this.flushRun = this.flushLoop();
    }
    return { done };
  }

  private async flushLoop(): Promise<void> {
    // Let the writes arriving in this turn of the event loop join the first batch.
    await new Promise<void>((wake) => setImmediate(wake));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      await this.commit(batch);
    }
    this.flushing = false; // same synchronous step as the empty-queue check: no write is stranded
  }

  private async commit(batch: QueuedWrite[]): Promise<void> {
    const last = batch[batch.length - 1]!.revision;
    const ops: BatchOp[] = [];
    for (const write of batch) ops.push(write.ops[0], write.ops[1]);
    ops.push({ type: 'put', key: META_REVISION_KEY, value: encodeRevision(last) });
    try {
      await this.db.batch(ops, { sync: true });
    } catch (err) {
      this.failBatch(batch, err);
      return;
    }
    this.committed = last;
    this.commitStats.batches++;
    this.commitStats.writes += batch.length;
    for (const write of batch) {
      if (this.pending.get(write.key)?.revision === write.revision) this.pending.delete(write.key);
    }
    if (this.listeners.size > 0) {
      for (const write of batch) this.emit(write);
    }
    for (const write of batch) write.resolve(write.result);
  }

  private emit(write: QueuedWrite): void {
    const event: StorageEvent = { type: write.type, key: write.key, value: write.value, revision: write.revision };
    if (write.prevValue !== undefined) event.prevValue = write.prevValue;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        // A broken listener must not stop the others or the writers.
        process.emitWarning(`storage event listener threw: ${String(err)}`);
      }
    }
  }

  /**
   * A failed sync leaves the disk state unknown and later queued writes were checked against the
   * failed ones, so fail them all and refuse further writes until the store is reopened.
   */
  private failBatch(batch: QueuedWrite[], err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    this.failure = new StorageError('Unavailable', '', `storage write failed (${reason}); reopen the store`);
    const queued = this.queue;
    this.queue = [];
    this.pending.clear();
    for (const write of [...batch, ...queued]) {
      write.reject(new StorageError('Unavailable', write.key, this.failure.message));
    }
  }

  // ---- guards ----

  private writableKey(key: string): Buffer {
    const keyBytes = userKey(key);
    this.assertOpen(key);
    if (this.failure !== null) throw this.failure;
    return keyBytes;
  }

  private assertOpen(key: string): void {
    if (this.closed) throw new StorageError('Unavailable', key, 'storage is closed');
  }
}

/** Validates a user key: non-empty and not in the internal keyspace. */
function userKey(key: string): Buffer {
  if (typeof key !== 'string' || key === '' || key.charCodeAt(0) === INTERNAL_KEY_BYTE) {
    throw new TypeError(`invalid storage key ${JSON.stringify(key)}: must be non-empty and not start with \\x00`);
  }
  return userKeyBytes(key);
}

function checkPrecondition(key: string, current: KeyValue | null, expected: number): void {
  if (current === null) throw new StorageError('KeyNotFound', key);
  if (current.modRevision !== expected) {
    throw new StorageError(
      'Conflict',
      key,
      `Conflict: ${key}: expected modRevision ${expected}, current is ${current.modRevision}`,
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

function noop(): void {}
