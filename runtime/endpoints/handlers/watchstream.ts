// One watch's HTTP stream: newline-delimited JSON events, one chunk per event, written as fast as
// the client reads. The cache hands events over synchronously from the storage commit, so
// onEvent only queues a reference; encoding and writing happen on a later turn. Encodings are
// memoised on the shared event (once per version and type, not once per watcher).
//
// A watcher that cannot keep up (its queue passes a count or byte bound because the socket does
// not drain) is cut off: the connection is reset, its memory released, and the client re-watches
// from the last resourceVersion it saw. Nobody else waits for it.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { GroupVersionKind } from '../../machinery/gvk.js';
import { formatApiVersion } from '../../machinery/gvk.js';
import type { Status } from '../../machinery/errors.js';
import type { JSONObject } from '../../machinery/registration.js';
import type { CachedObject } from '../../registry/cachedobject.js';
import type { SelectionPredicate } from '../../registry/predicate.js';
import type { CacheEvent, CacheSubscriber, WatchEventType, WatchSettings } from '../../registry/watchcache.js';

export type WatchLimits = Pick<WatchSettings, 'maxQueuedEvents' | 'maxQueuedBytes'>;

type Item =
  | { kind: 'event'; event: CacheEvent; counted: boolean }
  | { kind: 'initial'; obj: CachedObject }
  | { kind: 'bookmark'; revision: number; initialEventsEnd: boolean }
  | { kind: 'error'; status: Status };

export interface WatchStreamOptions {
  res: ServerResponse;
  gvk: GroupVersionKind;
  predicate: SelectionPredicate;
  /** Events at or below this revision are already covered (snapshot or resume point). */
  after: number;
  limits: WatchLimits;
  /** Called once when the stream is over, whatever ended it. */
  onDone(reason: 'timeout' | 'closed' | 'cutoff' | 'error' | 'shutdown'): void;
}

const utf8 = new TextEncoder();

export class WatchStream implements CacheSubscriber {
  private readonly res: ServerResponse;
  private readonly gvk: GroupVersionKind;
  private readonly versionKey: string;
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

  constructor(opts: WatchStreamOptions) {
    this.res = opts.res;
    this.gvk = opts.gvk;
    this.versionKey = `${formatApiVersion(opts.gvk)}|${opts.gvk.kind}`;
    this.predicate = opts.predicate;
    this.limits = opts.limits;
    this.after = opts.after;
    this.onDone = opts.onDone;
    this.res.on('close', () => this.finish('closed'));
  }

  get done(): boolean {
    return this.finished;
  }

  // ---- feeding (synchronous, cheap) ----

  onEvent(event: CacheEvent): void {
    if (this.finished || event.revision <= this.after) return;
    this.queue.push({ kind: 'event', event, counted: true });
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
    for (const event of events) this.queue.push({ kind: 'event', event, counted: false });
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
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.finished && this.head < this.queue.length) {
      const item = this.queue[this.head];
      this.queue[this.head] = undefined as unknown as Item;
      this.head++;
      if (item.kind === 'event' && item.counted) {
        this.queuedEvents--;
        this.queuedBytes -= item.event.object.value.byteLength;
      }
      let bytes: Uint8Array | undefined;
      try {
        bytes = this.encode(item);
      } catch (err) {
        this.res.write(this.line('ERROR', JSON.stringify(errorStatus(err))));
        this.finish('error');
        this.res.end();
        return;
      }
      if (bytes === undefined) continue;
      const ok = this.res.write(bytes);
      if (item.kind === 'error') {
        this.finish('error');
        this.res.end();
        return;
      }
      if (!ok) {
        this.waitingForDrain = true;
        this.res.once('drain', () => {
          this.waitingForDrain = false;
          this.pump();
        });
        break;
      }
    }
    // Reclaim the consumed prefix now and then, so a long-lived queue does not keep growing.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    } else if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
  }

  private line(type: string, objectJSON: string): Uint8Array {
    return utf8.encode(`{"type":"${type}","object":${objectJSON}}\n`);
  }

  private objectLine(type: WatchEventType, obj: CachedObject): Uint8Array {
    return this.line(type, obj.json(this.gvk));
  }

  private matches(obj: CachedObject): boolean {
    return this.predicate.metadataOnly ? this.predicate.matches(obj.internal()) : this.predicate.matches(obj.versioned(this.gvk));
  }

  /** The bytes to send for an item, or undefined when this watcher's selector skips it. */
  private encode(item: Item): Uint8Array | undefined {
    switch (item.kind) {
      case 'initial':
        if (!this.predicate.empty && !this.matches(item.obj)) return undefined;
        return this.objectLine('ADDED', item.obj);
      case 'bookmark':
        return this.line('BOOKMARK', JSON.stringify(this.bookmarkObject(item.revision, item.initialEventsEnd)));
      case 'error':
        return this.line('ERROR', JSON.stringify(item.status));
      case 'event':
        return this.encodeEvent(item.event);
    }
  }

  private encodeEvent(event: CacheEvent): Uint8Array | undefined {
    const memo = (type: WatchEventType, which: 'object' | 'prev', obj: CachedObject) =>
      event.encoded(`${type}|${which}|${this.versionKey}`, () => this.objectLine(type, obj));
    if (this.predicate.empty) return memo(event.type, 'object', event.object);
    // Selector transitions, as kube-apiserver's cache watcher reports them: entering the
    // selection is ADDED, leaving it is DELETED (the previous content at the new revision).
    if (event.type === 'DELETED') return this.matches(event.object) ? memo('DELETED', 'object', event.object) : undefined;
    const now = this.matches(event.object);
    const before = event.prev !== undefined && this.matches(event.prev);
    if (now) return memo(before ? 'MODIFIED' : 'ADDED', 'object', event.object);
    if (before) return memo('DELETED', 'prev', event.prevAtRevision()!);
    return undefined;
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
