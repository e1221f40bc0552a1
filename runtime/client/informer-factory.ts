// SharedInformerFactory: one informer per resource per factory, however many parts of a program
// ask for it, all started and stopped together. The generated factory adds typed accessors
// (`factory.core().v1().configMaps()`); forResource() serves any kind through the RESTMapper.
import type { GroupVersionResource } from '../machinery/gvk.js';
import type { TransformFunc } from './cache/delta-fifo.js';
import type { Indexer } from './cache/indexer.js';
import { Lister, type ListerResource } from './cache/lister.js';
import type { ReflectorOptions, WatchErrorHandler } from './cache/reflector.js';
import { SharedIndexInformer, waitForCacheSync } from './cache/shared-informer.js';
import type { ClientsetBase } from './clientset-base.js';
import { listWatchFromClient, type TweakListOptions } from './listwatch.js';
import type { KubeObject, ResourceSpec } from './types.js';

export interface SharedInformerFactoryOptions {
  /** Default resync period of every informer's handlers (0 = no resync). */
  resyncPeriodMs?: number;
  /** Per resource (`configmaps`, `ingresses.networking.k8s.io`) resync periods. */
  customResyncMs?: Record<string, number>;
  /** Watch only this namespace ('' or unset: all namespaces). */
  namespace?: string;
  tweakListOptions?: TweakListOptions;
  /** Applied once to every object entering any informer's cache. */
  transform?: TransformFunc<KubeObject>;
  watchErrorHandler?: WatchErrorHandler;
  reflector?: Omit<ReflectorOptions, 'name' | 'resyncPeriodMs' | 'shouldResync' | 'watchErrorHandler'>;
}

function resourceKey(spec: { group: string; version: string; resource: string }): string {
  return spec.group === '' ? `${spec.version}/${spec.resource}` : `${spec.group}/${spec.version}/${spec.resource}`;
}

function qualified(spec: ResourceSpec): string {
  return spec.group === '' ? spec.resource : `${spec.resource}.${spec.group}`;
}

/** An informer and a lister over its cache, for one resource. */
export class ResourceInformer<T extends KubeObject, L extends Lister<T> = Lister<T>> {
  constructor(
    private readonly factory: SharedInformerFactoryBase,
    readonly spec: ResourceSpec,
    private readonly newLister: (indexer: Indexer<T>, resource: ListerResource) => L,
  ) {}

  informer(): SharedIndexInformer<T> {
    return this.factory.informerFor<T>(this.spec);
  }

  lister(): L {
    return this.newLister(this.informer().getIndexer(), { group: this.spec.group, resource: this.spec.resource });
  }
}

export class SharedInformerFactoryBase<C extends ClientsetBase = ClientsetBase> {
  private readonly informers = new Map<string, SharedIndexInformer<KubeObject>>();
  private readonly runs = new Map<string, Promise<void>>();
  private shuttingDown = false;

  constructor(
    readonly client: C,
    readonly options: SharedInformerFactoryOptions = {},
  ) {}

  /** The shared informer of a resource, created on first request. */
  informerFor<T extends KubeObject>(spec: ResourceSpec): SharedIndexInformer<T> {
    const key = resourceKey(spec);
    let inf = this.informers.get(key) as SharedIndexInformer<T> | undefined;
    if (!inf) {
      const o = this.options;
      const resync = o.customResyncMs?.[qualified(spec)] ?? o.resyncPeriodMs ?? 0;
      const client = this.client.resource<T>(spec, spec.namespaced ? o.namespace || undefined : undefined);
      inf = new SharedIndexInformer<T>(listWatchFromClient(client, o.tweakListOptions), {
        name: key,
        resyncPeriodMs: resync,
        ...(o.transform ? { transform: o.transform as unknown as TransformFunc<T> } : {}),
        ...(o.watchErrorHandler ? { watchErrorHandler: o.watchErrorHandler } : {}),
        ...(o.reflector ? { reflector: o.reflector } : {}),
      });
      this.informers.set(key, inf as unknown as SharedIndexInformer<KubeObject>);
    }
    return inf;
  }

  /** Any served resource by group/version/resource (resolved through the RESTMapper). */
  forResource<T extends KubeObject = KubeObject>(gvr: GroupVersionResource): ResourceInformer<T> {
    const spec = this.client.dynamic().specFor(gvr);
    return new ResourceInformer<T>(this, spec, (indexer, res) => new Lister<T>(indexer, res));
  }

  /** Starts every informer requested so far that is not running yet (call again after adding more). */
  start(): void {
    if (this.shuttingDown) return;
    for (const [key, inf] of this.informers) {
      if (!this.runs.has(key)) this.runs.set(key, inf.run());
    }
  }

  /** Waits for every started informer's first list; per resource, whether it synced. */
  async waitForCacheSync(opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Record<string, boolean>> {
    const started = [...this.informers].filter(([key]) => this.runs.has(key));
    await waitForCacheSync(
      started.map(([, inf]) => () => inf.hasSynced()),
      opts,
    );
    return Object.fromEntries(started.map(([key, inf]) => [key, inf.hasSynced()]));
  }

  /** Stops every informer; resolves when their loops have ended. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const inf of this.informers.values()) inf.stop();
    await Promise.all(this.runs.values());
  }
}
