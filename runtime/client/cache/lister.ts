// Listers read only the informer's cache, never the server: list with a label selector (across
// namespaces or in one, through the namespace index), get by name. Objects returned are the
// cached ones: treat them as read-only.
import { notFound } from '../../machinery/errors.js';
import type { KubeObject } from '../types.js';
import { NAMESPACE_INDEX, type Indexer } from './indexer.js';
import { toLabelSelector, type LabelSelector, type LabelSelectorObject } from './labels.js';

export type SelectorInput = string | LabelSelector | LabelSelectorObject;

/** Names the resource in NotFound errors (`configmaps "x" not found`). */
export interface ListerResource {
  group: string;
  resource: string;
}

function listAll<T extends KubeObject>(objs: Iterable<T>, selector: SelectorInput | undefined): T[] {
  const sel = toLabelSelector(selector);
  const out: T[] = [];
  for (const o of objs) if (sel.empty || sel.matches(o.metadata?.labels)) out.push(o);
  return out;
}

export class NamespacedLister<T extends KubeObject = KubeObject> {
  constructor(
    private readonly indexer: Indexer<T>,
    private readonly resource: ListerResource,
    readonly namespace: string,
  ) {}

  list(selector?: SelectorInput): T[] {
    if (this.indexer.hasIndex(NAMESPACE_INDEX)) return listAll(this.indexer.byIndex(NAMESPACE_INDEX, this.namespace), selector);
    return listAll(
      this.indexer.list().filter((o) => (o.metadata?.namespace ?? '') === this.namespace),
      selector,
    );
  }

  /** Throws a NotFound StatusError when the cache has no such object. */
  get(name: string): T {
    const obj = this.indexer.getByKey(`${this.namespace}/${name}`);
    if (obj === undefined) throw notFound(this.resource.group, this.resource.resource, name);
    return obj;
  }
}

export class Lister<T extends KubeObject = KubeObject> {
  constructor(
    readonly indexer: Indexer<T>,
    readonly resource: ListerResource,
  ) {}

  /** Every cached object (all namespaces) matching the selector. */
  list(selector?: SelectorInput): T[] {
    return listAll(this.indexer.list(), selector);
  }

  namespace(namespace: string): NamespacedLister<T> {
    return new NamespacedLister<T>(this.indexer, this.resource, namespace);
  }

  /** By name, for cluster-scoped kinds (namespaced kinds: namespace(ns).get(name)). */
  get(name: string): T {
    const obj = this.indexer.getByKey(name);
    if (obj === undefined) throw notFound(this.resource.group, this.resource.resource, name);
    return obj;
  }
}
