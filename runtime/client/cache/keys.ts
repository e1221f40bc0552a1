// Object keys (`namespace/name`, or `name` for cluster-scoped objects) and the tombstone a
// deletion carries when the last state of the object is not known for sure.
import type { KubeObject } from '../types.js';

/** A deletion detected by a relist rather than seen on the watch: `obj` is the last state the
 * cache knew, which may be stale (client-go's DeletedFinalStateUnknown). */
export class DeletedFinalStateUnknown<T extends KubeObject = KubeObject> {
  constructor(
    readonly key: string,
    readonly obj: T | undefined,
  ) {}
}

export type KeyFunc<T extends KubeObject = KubeObject> = (obj: T) => string;

export function metaNamespaceKey(obj: KubeObject): string {
  const name = obj.metadata?.name;
  if (!name) throw new Error('object has no metadata.name: cannot compute its key');
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${name}` : name;
}

/** A key function that also accepts tombstones (their recorded key). */
export function deletionHandlingKey<T extends KubeObject>(keyFunc: KeyFunc<T>): (obj: T | DeletedFinalStateUnknown<T>) => string {
  return (obj) => (obj instanceof DeletedFinalStateUnknown ? obj.key : keyFunc(obj));
}

export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
