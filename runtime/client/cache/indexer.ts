// The cache store: objects by key plus named secondary indices (client-go's thread-safe store
// and Indexer). An index maps each value an index function returns to the set of keys that
// produced it; a bucket whose last key leaves is removed, so indices never grow with churn.
import type { KubeObject } from '../types.js';
import { deletionHandlingKey, metaNamespaceKey, type DeletedFinalStateUnknown, type KeyFunc } from './keys.js';

export type IndexFunc<T extends KubeObject = KubeObject> = (obj: T) => string[];
export type Indexers<T extends KubeObject = KubeObject> = Record<string, IndexFunc<T>>;

export const NAMESPACE_INDEX = 'namespace';

export function metaNamespaceIndexFunc(obj: KubeObject): string[] {
  return [obj.metadata?.namespace ?? ''];
}

/** What DeltaFIFO needs from the cache to detect deletions on a relist and to resync. */
export interface KeyListerGetter<T extends KubeObject> {
  listKeys(): string[];
  getByKey(key: string): T | undefined;
}

export class Indexer<T extends KubeObject = KubeObject> implements KeyListerGetter<T> {
  private items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name -> indexed value -> keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();
  private readonly keyOf: (obj: T | DeletedFinalStateUnknown<T>) => string;

  constructor(
    readonly keyFunc: KeyFunc<T> = metaNamespaceKey,
    indexers: Indexers<T> = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc },
  ) {
    this.keyOf = deletionHandlingKey(keyFunc);
    this.addIndexers(indexers);
  }

  /** Adds index functions; existing objects are indexed at once. A name may be added only once. */
  addIndexers(indexers: Indexers<T>): void {
    for (const name of Object.keys(indexers)) {
      if (this.indexers.has(name)) throw new Error(`indexer conflict: ${name}`);
    }
    for (const [name, fn] of Object.entries(indexers)) {
      this.indexers.set(name, fn);
      const index = new Map<string, Set<string>>();
      this.indices.set(name, index);
      for (const [key, obj] of this.items) this.addToIndex(index, fn(obj), key);
    }
  }

  private addToIndex(index: Map<string, Set<string>>, values: string[], key: string): void {
    for (const v of values) {
      let bucket = index.get(v);
      if (!bucket) index.set(v, (bucket = new Set()));
      bucket.add(key);
    }
  }

  private removeFromIndex(index: Map<string, Set<string>>, values: string[], key: string): void {
    for (const v of values) {
      const bucket = index.get(v);
      if (!bucket) continue;
      bucket.delete(key);
      if (bucket.size === 0) index.delete(v);
    }
  }

  private updateIndices(oldObj: T | undefined, newObj: T | undefined, key: string): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!;
      const oldValues = oldObj ? fn(oldObj) : [];
      const newValues = newObj ? fn(newObj) : [];
      // Unchanged single values are the common case (a namespace never changes): skip the churn.
      if (oldValues.length === 1 && newValues.length === 1 && oldValues[0] === newValues[0]) continue;
      this.removeFromIndex(index, oldValues, key);
      this.addToIndex(index, newValues, key);
    }
  }

  add(obj: T): void {
    const key = this.keyOf(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    this.updateIndices(old, obj, key);
  }

  update(obj: T): void {
    this.add(obj);
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    const key = this.keyOf(obj);
    const old = this.items.get(key);
    if (old === undefined) return;
    this.updateIndices(old, undefined, key);
    this.items.delete(key);
  }

  /** Swaps the whole content (a relist): indices are rebuilt from scratch. */
  replace(list: T[]): void {
    this.items = new Map(list.map((o) => [this.keyOf(o), o]));
    for (const [name, fn] of this.indexers) {
      const index = new Map<string, Set<string>>();
      this.indices.set(name, index);
      for (const [key, obj] of this.items) this.addToIndex(index, fn(obj), key);
    }
  }

  get(obj: T): T | undefined {
    return this.items.get(this.keyOf(obj));
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  private indexNamed(name: string): { fn: IndexFunc<T>; index: Map<string, Set<string>> } {
    const fn = this.indexers.get(name);
    const index = this.indices.get(name);
    if (!fn || !index) throw new Error(`Index with name ${name} does not exist`);
    return { fn, index };
  }

  /** Objects sharing any indexed value with `obj` under the named index. */
  index(name: string, obj: T): T[] {
    const { fn, index } = this.indexNamed(name);
    const keys = new Set<string>();
    for (const v of fn(obj)) for (const k of index.get(v) ?? []) keys.add(k);
    return [...keys].map((k) => this.items.get(k)!);
  }

  indexKeys(name: string, value: string): string[] {
    return [...(this.indexNamed(name).index.get(value) ?? [])];
  }

  byIndex(name: string, value: string): T[] {
    return this.indexKeys(name, value).map((k) => this.items.get(k)!);
  }

  listIndexFuncValues(name: string): string[] {
    return [...this.indexNamed(name).index.keys()];
  }

  hasIndex(name: string): boolean {
    return this.indexers.has(name);
  }
}
