// One watch's HTTP stream: newline-delimited JSON events, written as fast as the client reads. The
// cache hands events over synchronously from the storage commit, so onEvent only queues a
// reference; encoding and writing happen on a later turn. Encodings are memoised on the shared
// event (once per version, type and output form, not once per watcher).
//
// Writing is paced for fan-out (see WatchFlusher): all streams with pending events are flushed in
// one pass, each with ONE socket write carrying every event it has pending, and a pass that took
// T ms is followed by at least T ms for everything else (requests, commits). With a few watchers
// a pass takes microseconds and every event goes out on the next turn; with thousands of watchers
// the passes batch several events per write instead of letting per-write costs swamp the server.
//
// A watcher that cannot keep up (its queue passes a count or byte bound because the socket does
// not drain) is cut off: the connection is reset, its memory released, and the client re-watches
// from the last resourceVersion it saw. Nobody else waits for it.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { GroupVersionKind } from '../../machinery/gvk.js';
import { formatApiVersion } from '../../machinery/gvk.js';
import type { Status } from '../../machinery/errors.js';
import type { JSONObject } from '../../machinery/registration.js';
import type { CachedObject } from '../../registry/cachedobject.js';
import type { SelectionPredicate } from '../../registry/predicate.js';
import { CacheEvent, type CacheSubscriber, type WatchEventType, type WatchSettings } from '../../registry/watchcache.js';

export type WatchLimits = Pick<WatchSettings, 'maxQueuedEvents' | 'maxQueuedBytes'>;

/** What a stream has queued. Live events are queued as the shared CacheEvent itself (no wrapper
 * per watcher per event): they are the only items counted against the bounds. */
type Item =
  | CacheEvent
  | { kind: 'replay'; event: CacheEvent }
  | { kind: 'initial'; obj: CachedObject }
  | { kind: 'bookmark'; revision: number; initialEventsEnd: boolean }
  | { kind: 'error'; status: Status };

/** Encodes each object a watch sends in another form than the plain versioned JSON (Table
 * output). Implemented in ../table/table.ts. */
export interface WatchObjectEncoder {
  /** Names the current encoding in the per-event memo (it may change between events). */
  key(): string;
  /** The JSON text sent for a cached object, or for a bookmark object. */
  encode(obj: CachedObject | JSONObject): string;
  /** Called after every object line (not errors) this stream produces. */
  afterObject(): void;
}

export interface WatchStreamOptions {
  res: ServerResponse;
  gvk: GroupVersionKind;
  predicate: SelectionPredicate;
  /** Events at or below this revision are already covered (snapshot or resume point). */
  after: number;
  limits: WatchLimits;
  /** Table output: how each object is encoded (absent: the object's JSON). */
  objectEncoder?: WatchObjectEncoder;
  /** Called once when the stream is over, whatever ended it. */
  onDone(reason: 'timeout' | 'closed' | 'cutoff' | 'error' | 'shutdown'): void;
}

const utf8 = new TextEncoder();

/** One socket write carries at most about this much, so a big initial list still honours
 * backpressure (the next part waits for 'drain'). */
const MAX_WRITE_BYTES = 64 * 1024;
/** Upper bound of the pause after a flush pass (see WatchFlusher). */
const MAX_FLUSH_PAUSE_MS = 20;
/** A pass yields to I/O (incoming requests, storage commits) after this long, then goes on. */
const FLUSH_SLICE_MS = 4;

/**
 * Flushes every watch stream that has pending events, in passes. A pass runs in slices of at most
 * FLUSH_SLICE_MS, yielding to I/O between them so writes keep being accepted and committed while
 * thousands of watchers are served. After a pass whose slices took T ms in all, the next pass
 * starts no sooner than T ms later (at most MAX_FLUSH_PAUSE_MS): under heavy fan-out the event
 * loop keeps at least half its time for everything else, and each stream gets several events per
 * socket write. Idle or light load: the next pass is the next turn.
 */
class WatchFlusher {
  private pending: WatchStream[] = [];
  /** The pass in progress: its streams and how far it got. */
  private pass: WatchStream[] = [];
  private next = 0;
  private busyMs = 0;
  private armed = false;
  private notBefore = 0;

  add(stream: WatchStream): void {
    this.pending.push(stream);
    this.arm();
  }

  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    const wait = this.next < this.pass.length ? 0 : this.notBefore - performance.now();
    if (wait >= 1) setTimeout(this.run, wait);
    else setImmediate(this.run);
  }

  private readonly run = (): void => {
    this.armed = false;
    if (this.next >= this.pass.length) {
      // A new pass over everything pending now.
      this.pass = this.pending;
      this.pending = [];
      this.next = 0;
      this.busyMs = 0;
    }
    const started = performance.now();
    const deadline = started + FLUSH_SLICE_MS;
    const pass = this.pass;
    let i = this.next;
    while (i < pass.length) {
      pass[i++].flush();
      if ((i & 15) === 0 && performance.now() >= deadline) break;
    }
    this.next = i;
    const ended = performance.now();
    this.busyMs += ended - started;
    if (i < pass.length) {
      this.arm(); // the rest of this pass, after pending I/O
      return;
    }
    this.pass = [];
    this.next = 0;
    lastJoin = undefined;
    this.notBefore = ended + Math.min(this.busyMs, MAX_FLUSH_PAUSE_MS);
    if (this.pending.length > 0) this.arm();
  };
}

const flusher = new WatchFlusher();

/** The last multi-event write of a pass: watchers without selectors that were equally behind
 * send the very same lines, so the bytes are joined once per pass, not once per watcher. */
let lastJoin: { parts: Uint8Array[]; joined: Buffer } | undefined;

function joinParts(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const last = lastJoin;
  if (last !== undefined && last.parts.length === parts.length && last.joined.byteLength === size) {
    let same = true;
    for (let i = 0; i < parts.length && same; i++) same = last.parts[i] === parts[i];
    if (same) return last.joined;
  }
  const joined = Buffer.concat(parts, size);
  lastJoin = { parts: parts.slice(), joined };
  return joined;
}

export class WatchStream implements CacheSubscriber {
  private readonly res: ServerResponse;
  private readonly gvk: GroupVersionKind;
  private readonly versionKey: string;
  /** Memo keys of the plain JSON encoding, per event type and side (computed once per stream). */
  private readonly plainKeys: Record<WatchEventType, { object: string; prev: string }>;
  private readonly predicate: SelectionPredicate;
  private readonly limits: WatchLimits;
  private readonly after: number;
  private queue: Item[] = [];
  private head = 0;
  private queuedEvents = 0;
  private queuedBytes = 0;
  private scheduled = false;
  private waitingForDrain = false;
  private finished = false;
  private readonly onDone: WatchStreamOptions['onDone'];
  private readonly objectEncoder?: WatchObjectEncoder;

  constructor(opts: WatchStreamOptions) {
    this.res = opts.res;
    this.gvk = opts.gvk;
    this.versionKey = `${formatApiVersion(opts.gvk)}|${opts.gvk.kind}`;
    const keys = (type: WatchEventType) => ({ object: `${type}|object|${this.versionKey}`, prev: `${type}|prev|${this.versionKey}` });
    this.plainKeys = { ADDED: keys('ADDED'), MODIFIED: keys('MODIFIED'), DELETED: keys('DELETED') };
    this.predicate = opts.predicate;
    this.limits = opts.limits;
    this.after = opts.after;
    this.onDone = opts.onDone;
    this.objectEncoder = opts.objectEncoder;
    this.res.on('close', () => this.finish('closed'));
  }

  get done(): boolean {
    return this.finished;
  }

  // ---- feeding (synchronous, cheap) ----

  onEvent(event: CacheEvent): void {
    if (this.finished || event.revision <= this.after) return;
    this.queue.push(event);
    this.queuedEvents++;
    this.queuedBytes += event.object.value.byteLength;
    if (this.queuedEvents > this.limits.maxQueuedEvents || this.queuedBytes > this.limits.maxQueuedBytes) {
      this.cutOff();
      return;
    }
    this.schedule();
  }

  onClose(): void {
    this.end('shutdown');
  }

  /** Past events a resumed watch starts with (not counted against the bounds: finite, and
   * counting them would cut off a client that can only resume this way, again and again). */
  sendReplay(events: readonly CacheEvent[]): void {
    for (const event of events) this.queue.push({ kind: 'replay', event });
    this.schedule();
  }

  /** Synthetic ADDED events for a snapshot (not counted against the bounds: it is finite). */
  sendInitial(objects: readonly CachedObject[]): void {
    for (const obj of objects) this.queue.push({ kind: 'initial', obj });
    this.schedule();
  }

  sendBookmark(revision: number, initialEventsEnd = false): void {
    if (this.finished) return;
    this.queue.push({ kind: 'bookmark', revision, initialEventsEnd });
    this.schedule();
  }

  /** Sends one ERROR event and ends the stream. */
  sendError(status: Status): void {
    if (this.finished) return;
    this.queue.push({ kind: 'error', status });
    this.schedule();
  }

  /** Ends the stream cleanly once the bytes already written are out (timeout, shutdown). */
  end(reason: 'timeout' | 'shutdown' = 'timeout'): void {
    if (this.finished) return;
    this.finish(reason);
    this.res.end();
  }

  // ---- writing ----

  private schedule(): void {
    if (this.scheduled || this.waitingForDrain || this.finished) return;
    this.scheduled = true;
    flusher.add(this);
  }

  /** Writes what is queued (called by the flusher): one socket write per MAX_WRITE_BYTES. */
  flush(): void {
    this.scheduled = false;
    if (this.waitingForDrain) return;
    const parts: Uint8Array[] = [];
    let size = 0;
    let last = false; // an ERROR line was queued: the stream ends after it
    while (!this.finished && this.head < this.queue.length) {
      const item = this.queue[this.head];
      this.queue[this.head] = undefined as unknown as Item;
      this.head++;
      if (item instanceof CacheEvent) {
        this.queuedEvents--;
        this.queuedBytes -= item.object.value.byteLength;
      }
      let bytes: Uint8Array | undefined;
      try {
        bytes = this.encode(item);
      } catch (err) {
        bytes = this.line('ERROR', JSON.stringify(errorStatus(err)));
        last = true;
      }
      if (bytes === undefined) continue;
      parts.push(bytes);
      size += bytes.byteLength;
      if (last || (!(item instanceof CacheEvent) && item.kind === 'error')) {
        last = true;
        break;
      }
      if (size >= MAX_WRITE_BYTES) {
        if (!this.write(parts, size)) return this.compact();
        parts.length = 0;
        size = 0;
      }
    }
    if (parts.length > 0 && !this.finished) this.write(parts, size);
    if (last && !this.finished) {
      this.finish('error');
      this.res.end();
    }
    this.compact();
  }

  /** One write of `parts`; false when the socket is full (the rest waits for 'drain'). */
  private write(parts: Uint8Array[], size: number): boolean {
    const ok = this.res.write(joinParts(parts, size));
    if (!ok && !this.finished) {
      this.waitingForDrain = true;
      this.res.once('drain', () => {
        this.waitingForDrain = false;
        if (this.head < this.queue.length) this.schedule();
      });
    }
    return ok;
  }

  /** Reclaims the consumed prefix now and then, so a long-lived queue does not keep growing. */
  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private line(type: string, objectJSON: string): Uint8Array {
    return utf8.encode(`{"type":"${type}","object":${objectJSON}}\n`);
  }

  /** The per-event encoding hook: the JSON text of one object a watch event carries. Plain JSON
   * in the URL's version, or what the stream's objectEncoder makes of it (a one-row Table). */
  private encodeObject(obj: CachedObject): string {
    return this.objectEncoder ? this.objectEncoder.encode(obj) : obj.json(this.gvk);
  }

  private objectLine(type: WatchEventType, obj: CachedObject): Uint8Array {
    return this.line(type, this.encodeObject(obj));
  }

  private matches(obj: CachedObject): boolean {
    return this.predicate.metadataOnly ? this.predicate.matches(obj.internal()) : this.predicate.matches(obj.versioned(this.gvk));
  }

  /** The bytes to send for an item, or undefined when this watcher's selector skips it. */
  private encode(item: Item): Uint8Array | undefined {
    const bytes = this.encodeItem(item);
    if (bytes !== undefined && (item instanceof CacheEvent || item.kind !== 'error')) this.objectEncoder?.afterObject();
    return bytes;
  }

  private encodeItem(item: Item): Uint8Array | undefined {
    if (item instanceof CacheEvent) return this.encodeEvent(item);
    switch (item.kind) {
      case 'replay':
        return this.encodeEvent(item.event);
      case 'initial':
        if (!this.predicate.empty && !this.matches(item.obj)) return undefined;
        return this.objectLine('ADDED', item.obj);
      case 'bookmark':
        return this.line('BOOKMARK', this.bookmarkJSON(item.revision, item.initialEventsEnd));
      case 'error':
        return this.line('ERROR', JSON.stringify(item.status));
    }
  }

  /** An event's line, encoded once per (type, side, version, output form) across all watchers. */
  private memoLine(event: CacheEvent, type: WatchEventType, which: 'object' | 'prev', obj: CachedObject): Uint8Array {
    const key = this.objectEncoder
      ? `${type}|${which}|${this.versionKey}|${this.objectEncoder.key()}`
      : this.plainKeys[type][which];
    return event.encoded(key, this, type, obj);
  }

  /** Called by CacheEvent.encoded on a memo miss. */
  encodeLine(type: WatchEventType, obj: CachedObject): Uint8Array {
    return this.objectLine(type, obj);
  }

  private encodeEvent(event: CacheEvent): Uint8Array | undefined {
    if (this.predicate.empty) return this.memoLine(event, event.type, 'object', event.object);
    // Selector transitions, as kube-apiserver's cache watcher reports them: entering the
    // selection is ADDED, leaving it is DELETED (the previous content at the new revision).
    if (event.type === 'DELETED') return this.matches(event.object) ? this.memoLine(event, 'DELETED', 'object', event.object) : undefined;
    const now = this.matches(event.object);
    const before = event.prev !== undefined && this.matches(event.prev);
    if (now) return this.memoLine(event, before ? 'MODIFIED' : 'ADDED', 'object', event.object);
    if (before) return this.memoLine(event, 'DELETED', 'prev', event.prevAtRevision()!);
    return undefined;
  }

  private bookmarkJSON(revision: number, initialEventsEnd: boolean): string {
    const obj = this.bookmarkObject(revision, initialEventsEnd);
    return this.objectEncoder ? this.objectEncoder.encode(obj) : JSON.stringify(obj);
  }

  private bookmarkObject(revision: number, initialEventsEnd: boolean): JSONObject {
    const metadata: JSONObject = { resourceVersion: String(revision) };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    return { kind: this.gvk.kind, apiVersion: formatApiVersion(this.gvk), metadata };
  }

  // ---- ending ----

  /** Drops the connection at once (RST): the client re-watches, the buffers are freed. */
  private cutOff(): void {
    if (this.finished) return;
    this.finish('cutoff');
    const socket = this.res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
    if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else this.res.destroy();
  }

  private finish(reason: Parameters<WatchStreamOptions['onDone']>[0]): void {
    if (this.finished) return;
    this.finished = true;
    this.queue = [];
    this.head = 0;
    this.queuedEvents = 0;
    this.queuedBytes = 0;
    this.onDone(reason);
  }
}

function errorStatus(err: unknown): Status {
  const message = err instanceof Error ? err.message : String(err);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    code: 500,
  } as Status;
}
