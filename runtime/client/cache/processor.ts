// Delivery of notifications to event handlers. Each handler has its own unbounded buffer and its
// own delivery loop, so a slow handler only delays itself: never other handlers, never the cache.
// A handler may be async; its next notification waits until the previous one has settled, so a
// handler always sees its notifications one at a time and in order.
import type { KubeObject } from '../types.js';
import type { DeletedFinalStateUnknown } from './keys.js';

export interface ResourceEventHandler<T extends KubeObject> {
  /** `isInInitialList`: the object came from the initial list (or the replay for a late handler). */
  onAdd?(obj: T, isInInitialList: boolean): void | Promise<void>;
  onUpdate?(oldObj: T, newObj: T): void | Promise<void>;
  /** A tombstone (DeletedFinalStateUnknown) when the deletion was found by a relist. */
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void | Promise<void>;
}

export type Notification<T extends KubeObject> =
  | { type: 'add'; obj: T; isInInitialList: boolean }
  | { type: 'update'; oldObj: T; newObj: T }
  | { type: 'delete'; obj: T | DeletedFinalStateUnknown<T> };

/** Handle of one added handler. */
export interface ResourceEventHandlerRegistration {
  /** True once the informer has synced and this handler has processed every object of the
   * initial list (or of the replay it got when added late). */
  hasSynced(): boolean;
}

export type HandlerErrorReporter = (err: unknown) => void;

export class ProcessorListener<T extends KubeObject> implements ResourceEventHandlerRegistration {
  private buffer: Notification<T>[] = [];
  private head = 0;
  private wakeUp?: () => void;
  private stopped = false;
  private running = false;
  /** Initial-list adds queued but not yet handled. */
  private pendingInitial = 0;
  nextResyncAt = 0;
  resyncPeriodMs: number;

  constructor(
    readonly handler: ResourceEventHandler<T>,
    readonly requestedResyncPeriodMs: number,
    resyncPeriodMs: number,
    private readonly upstreamHasSynced: () => boolean,
    private readonly reportError: HandlerErrorReporter,
  ) {
    this.resyncPeriodMs = resyncPeriodMs;
  }

  hasSynced(): boolean {
    return this.upstreamHasSynced() && this.pendingInitial === 0;
  }

  /** Buffered, not yet delivered notifications. */
  get pending(): number {
    return this.buffer.length - this.head;
  }

  add(n: Notification<T>): void {
    if (this.stopped) return;
    if (n.type === 'add' && n.isInInitialList) this.pendingInitial++;
    this.buffer.push(n);
    this.wakeUp?.();
  }

  shouldResync(now: number): boolean {
    return this.resyncPeriodMs > 0 && now >= this.nextResyncAt;
  }

  determineNextResync(now: number): void {
    this.nextResyncAt = now + this.resyncPeriodMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp?.();
  }

  private take(): Notification<T> | undefined {
    if (this.head >= this.buffer.length) return undefined;
    const n = this.buffer[this.head]!;
    this.buffer[this.head++] = undefined as unknown as Notification<T>;
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return n;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const n = this.take();
      if (!n) {
        await new Promise<void>((r) => (this.wakeUp = r));
        this.wakeUp = undefined;
        continue;
      }
      try {
        switch (n.type) {
          case 'add':
            await this.handler.onAdd?.(n.obj, n.isInInitialList);
            break;
          case 'update':
            await this.handler.onUpdate?.(n.oldObj, n.newObj);
            break;
          case 'delete':
            await this.handler.onDelete?.(n.obj);
            break;
        }
      } catch (err) {
        // A failing handler must not stop delivery to itself or anyone else.
        this.reportError(err);
      } finally {
        if (n.type === 'add' && n.isInInitialList) this.pendingInitial--;
      }
    }
  }
}

/** Minimum per-handler resync period: anything shorter would keep the cache busy. */
export const MINIMUM_RESYNC_PERIOD_MS = 1000;

/** A handler's effective period: 0 stays 0 (no resync); never faster than the informer checks. */
export function determineResyncPeriod(desiredMs: number, checkMs: number): number {
  if (desiredMs === 0 || checkMs === 0) return 0;
  return Math.max(desiredMs, checkMs);
}

export class SharedProcessor<T extends KubeObject> {
  readonly listeners: ProcessorListener<T>[] = [];
  private syncing: ProcessorListener<T>[] = [];
  private started = false;

  addListener(l: ProcessorListener<T>): void {
    this.listeners.push(l);
    if (this.started) l.start();
  }

  removeListener(l: ProcessorListener<T>): void {
    const i = this.listeners.indexOf(l);
    if (i >= 0) this.listeners.splice(i, 1);
    const j = this.syncing.indexOf(l);
    if (j >= 0) this.syncing.splice(j, 1);
    l.stop();
  }

  /** Resync-only notifications go to the handlers whose resync is due; the rest go to all. */
  distribute(n: Notification<T>, isSync: boolean): void {
    for (const l of isSync ? this.syncing : this.listeners) l.add(n);
  }

  /** Picks the handlers due for a resync now; true if any is. */
  shouldResync(now = Date.now()): boolean {
    this.syncing = [];
    for (const l of this.listeners) {
      if (l.shouldResync(now)) {
        this.syncing.push(l);
        l.determineNextResync(now);
      }
    }
    return this.syncing.length > 0;
  }

  resyncCheckPeriodChanged(checkMs: number): void {
    for (const l of this.listeners) l.resyncPeriodMs = determineResyncPeriod(l.requestedResyncPeriodMs, checkMs);
  }

  run(): void {
    this.started = true;
    for (const l of this.listeners) l.start();
  }

  stop(): void {
    for (const l of this.listeners) l.stop();
  }
}
