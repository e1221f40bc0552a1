// A ListerWatcher over a ResourceClient: what a reflector needs, with the informer's selectors
// applied to both calls. List items are stamped with apiVersion/kind (servers may omit them in
// lists), so cached objects look the same whether they came from a list or a watch.
import { formatApiVersion } from '../machinery/gvk.js';
import type { ListerWatcher } from './cache/reflector.js';
import type { ResourceClient } from './resource.js';
import type { KubeList, KubeObject, ListOptions } from './types.js';

export type TweakListOptions = (opts: ListOptions) => void;

export function listWatchFromClient<T extends KubeObject>(client: ResourceClient<T>, tweak?: TweakListOptions): ListerWatcher<T> {
  const apiVersion = formatApiVersion(client.spec);
  const kind = client.spec.kind;
  const withTweaks = (opts: ListOptions): ListOptions => {
    const o = { ...opts };
    tweak?.(o);
    return o;
  };
  return {
    async list(opts, signal) {
      const list: KubeList<T> = await client.list(withTweaks(opts), signal);
      for (const item of (list.items ?? []) as KubeObject[]) {
        item.apiVersion ??= apiVersion;
        item.kind ??= kind;
      }
      return list;
    },
    watch(opts, signal) {
      return client.watch(withTweaks(opts), signal);
    },
  };
}
