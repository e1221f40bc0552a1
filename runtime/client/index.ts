// kapi/client: typed clients, the dynamic client and client-go style informers for a kapi server.
//
//   import { Clientset, SharedInformerFactory } from 'kapi/client';
//   const cs = Clientset.fromKubeconfig(path);
//   const factory = new SharedInformerFactory(cs, { resyncPeriodMs: 0 });
export * from '../../generated/clientset.js';
export { ClientsetBase } from './clientset-base.js';
export { DynamicClient } from './dynamic.js';
export { RESTClient, type RequestSpec } from './rest.js';
export { loadKubeconfig, restConfigFromURL, type RESTConfig } from './kubeconfig.js';
export { ResourceClient, collectionPath, type ObjectInput } from './resource.js';
export { Watch, WatchStreamError } from './watch.js';
export {
  StatusError,
  isConflict,
  isConnectionRefused,
  isNotFound,
  isResourceExpired,
  isTooLargeResourceVersion,
  isTooManyRequests,
} from './errors.js';
export type * from './types.js';
export { listWatchFromClient, type TweakListOptions } from './listwatch.js';
export { ResourceInformer, SharedInformerFactoryBase, type SharedInformerFactoryOptions } from './informer-factory.js';
export { Backoff, type BackoffOptions } from './cache/backoff.js';
export { DeltaFIFO, FIFOClosedError, type Delta, type Deltas, type DeltaType, type TransformFunc } from './cache/delta-fifo.js';
export { Indexer, NAMESPACE_INDEX, metaNamespaceIndexFunc, type IndexFunc, type Indexers } from './cache/indexer.js';
export { DeletedFinalStateUnknown, metaNamespaceKey, splitMetaNamespaceKey, type KeyFunc } from './cache/keys.js';
export { LabelSelector, parseLabelSelector, selectorFromObject } from './cache/labels.js';
export { Lister, NamespacedLister } from './cache/lister.js';
export type { ResourceEventHandler, ResourceEventHandlerRegistration } from './cache/processor.js';
export { Reflector, type ListerWatcher, type ReflectorOptions, type WatchErrorHandler } from './cache/reflector.js';
export { SharedIndexInformer, waitForCacheSync, type SharedIndexInformerOptions } from './cache/shared-informer.js';
