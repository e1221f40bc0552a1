// SharedIndexInformer: one reflector + DeltaFIFO + indexer per resource, shared by any number of
// event handlers. The cache is updated as deltas pop, before handlers are notified, and each
// handler consumes its own buffer (see processor.ts). Semantics follow client-go's informer:
// - an update whose resourceVersion did not change (a resync, an unchanged relist) goes only to
//   handlers whose resync is due;
// - a handler added after start first gets an add for every cached object;
// - a handler's hasSynced is true once it has processed the initial list;
// - an optional transform runs once per object as it enters the queue.
import type { KubeObject } from '../types.js';
import { Backoff, sleep } from './backoff.js';
import { DeltaFIFO, FIFOClosedError, type Deltas, type TransformFunc } from './delta-fifo.js';
import { Indexer, NAMESPACE_INDEX, metaNamespaceIndexFunc, type Indexers } from './indexer.js';
import { metaNamespaceKey, type KeyFunc } from './keys.js';
import {
  determineResyncPeriod,
  MINIMUM_RESYNC_PERIOD_MS,
  ProcessorListener,
  SharedProcessor,
  type ResourceEventHandler,
  type ResourceEventHandlerRegistration,
} from './processor.js';
import { defaultWatchErrorHandler, Reflector, type ListerWatcher, type ReflectorOptions, type WatchErrorHandler } from './reflector.js';

export interface SharedIndexInformerOptions<T extends KubeObject> {
  name?: string;
  /** Default resync period for handlers added without one (0 = no resync). */
  resyncPeriodMs?: number;
  indexers?: Indexers<T>;
  keyFunc?: KeyFunc<T>;
  transform?: TransformFunc<T>;
  watchErrorHandler?: WatchErrorHandler;
  /** Errors thrown by event handlers (default: printed to stderr). */
  handlerErrorHandler?: (err: unknown) => void;
  /** Reflector tuning (page size, watch timeout, backoff). */
  reflector?: Omit<ReflectorOptions, 'name' | 'resyncPeriodMs' | 'shouldResync' | 'watchErrorHandler'>;
}

export class SharedIndexInformer<T extends KubeObject = KubeObject> {
  readonly indexer: Indexer<T>;
  private readonly processor = new SharedProcessor<T>();
  private readonly registrations = new Map<ResourceEventHandlerRegistration, ProcessorListener<T>>();
  private resyncCheckPeriodMs: number;
  private readonly defaultResyncPeriodMs: number;
  private transform?: TransformFunc<T>;
  private watchErrorHandler: WatchErrorHandler;
  private readonly handlerErrorHandler: (err: unknown) => void;
  private fifo?: DeltaFIFO<T>;
  private reflector?: Reflector<T>;
  private started = false;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly opts: SharedIndexInformerOptions<T> = {},
  ) {
    this.indexer = new Indexer<T>(opts.keyFunc ?? metaNamespaceKey, opts.indexers ?? { [NAMESPACE_INDEX]: metaNamespaceIndexFunc });
    this.defaultResyncPeriodMs = opts.resyncPeriodMs ?? 0;
    this.resyncCheckPeriodMs = this.defaultResyncPeriodMs;
    if (opts.transform) this.transform = opts.transform;
    this.watchErrorHandler = opts.watchErrorHandler ?? defaultWatchErrorHandler;
    this.handlerErrorHandler =
      opts.handlerErrorHandler ?? ((err) => process.stderr.write(`kapi client: event handler failed: ${err instanceof Error ? err.stack : String(err)}\n`));
  }

  get name(): string {
    return this.opts.name ?? 'informer';
  }

  /** The informer's cache (read it through a Lister; never mutate what it returns). */
  getIndexer(): Indexer<T> {
    return this.indexer;
  }

  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  setTransform(transform: TransformFunc<T>): void {
    if (this.started) throw new Error('informer has already started');
    this.transform = transform;
  }

  setWatchErrorHandler(handler: WatchErrorHandler): void {
    if (this.started) throw new Error('informer has already started');
    this.watchErrorHandler = handler;
  }

  /** True once the first list has been fully delivered to the cache. */
  hasSynced(): boolean {
    return this.fifo?.hasSynced() ?? false;
  }

  lastSyncResourceVersion(): string {
    return this.reflector?.lastSyncResourceVersion ?? '';
  }

  isStopped(): boolean {
    return this.stopped;
  }

  /** Read-only counters of the reflector (lists, watches, errors). */
  get reflectorStats(): { lists: number; watches: number; errors: number } {
    return this.reflector?.stats ?? { lists: 0, watches: 0, errors: 0 };
  }

  addEventHandler(handler: ResourceEventHandler<T>, resyncPeriodMs: number = this.defaultResyncPeriodMs): ResourceEventHandlerRegistration {
    if (this.stopped) throw new Error(`handler was not added to ${this.name}: the informer has stopped`);
    let period = resyncPeriodMs;
    if (period > 0) {
      if (period < MINIMUM_RESYNC_PERIOD_MS) period = MINIMUM_RESYNC_PERIOD_MS;
      if (!this.started && (this.resyncCheckPeriodMs === 0 || period < this.resyncCheckPeriodMs)) {
        // Not running yet: check more often rather than resync this handler late.
        this.resyncCheckPeriodMs = period;
        this.processor.resyncCheckPeriodChanged(period);
      } else if (this.started && period < this.resyncCheckPeriodMs) {
        period = this.resyncCheckPeriodMs;
      }
    }
    // Once running without any resync check, a handler cannot resync (as in client-go).
    const listener = new ProcessorListener<T>(handler, period, determineResyncPeriod(period, this.resyncCheckPeriodMs), () => this.hasSynced(), this.handlerErrorHandler);
    listener.determineNextResync(Date.now());
    // Replay the cache first: the handler sees every object before any later change.
    if (this.started) for (const obj of this.indexer.list()) listener.add({ type: 'add', obj, isInInitialList: true });
    this.processor.addListener(listener);
    this.registrations.set(listener, listener);
    return listener;
  }

  removeEventHandler(reg: ResourceEventHandlerRegistration): void {
    const l = this.registrations.get(reg);
    if (!l) return;
    this.registrations.delete(reg);
    this.processor.removeListener(l);
  }

  private handleDeltas = (deltas: Deltas<T>, isInInitialList: boolean): void => {
    for (const d of deltas) {
      const obj = d.object;
      if (d.type === 'Deleted') {
        this.indexer.delete(obj);
        this.processor.distribute({ type: 'delete', obj }, false);
        continue;
      }
      const cur = obj as T;
      const old = this.indexer.get(cur);
      if (old !== undefined) {
        this.indexer.update(cur);
        // Same resourceVersion: nothing changed (resync or unchanged relist).
        const isSync = old.metadata?.resourceVersion === cur.metadata?.resourceVersion;
        this.processor.distribute({ type: 'update', oldObj: old, newObj: cur }, isSync);
      } else {
        this.indexer.add(cur);
        this.processor.distribute({ type: 'add', obj: cur, isInInitialList }, false);
      }
    }
  };

  /** Starts list/watch and delivery; resolves when stop() has been called and everything ended. */
  run(): Promise<void> {
    if (this.loop) return this.loop;
    if (this.stopped) return Promise.resolve();
    this.fifo = new DeltaFIFO<T>({
      keyFunc: this.opts.keyFunc ?? metaNamespaceKey,
      knownObjects: this.indexer,
      emitDeltaTypeReplaced: true,
      ...(this.transform ? { transform: this.transform } : {}),
    });
    this.reflector = new Reflector<T>(this.lw, this.fifo, {
      ...(this.opts.reflector ?? {}),
      name: this.name,
      resyncPeriodMs: this.resyncCheckPeriodMs,
      shouldResync: () => this.processor.shouldResync(),
      watchErrorHandler: this.watchErrorHandler,
    });
    this.started = true;
    this.processor.run();
    const fifo = this.fifo;
    // A failing pop requeues its deltas; pausing before the next pop keeps a key that always fails
    // (a throwing index function, say) from spinning the event loop.
    const popBackoff = new Backoff({ initialMs: 10, maxMs: 1000, resetAfterMs: 5000 });
    const processLoop = async (): Promise<void> => {
      for (;;) {
        try {
          await fifo.pop(this.handleDeltas);
        } catch (err) {
          if (err instanceof FIFOClosedError) return;
          this.handlerErrorHandler(err);
          await sleep(popBackoff.next());
        }
      }
    };
    this.loop = Promise.all([this.reflector.run(), processLoop()]).then(() => undefined);
    return this.loop;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reflector?.stop();
    this.fifo?.close();
    this.processor.stop();
  }
}

/** Waits until every given hasSynced is true (polling like client-go); false on timeout/abort. */
export async function waitForCacheSync(checks: (() => boolean)[], opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
  const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : Infinity;
  for (;;) {
    if (checks.every((c) => c())) return true;
    if (opts.signal?.aborted || Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}
