// The informers under comparison, behind one small interface so the same scenario can be played
// against each: kapi's SharedIndexInformer (through the typed factory) and @kubernetes/client-node's
// makeInformer. Both watch ConfigMaps in one namespace through the given URL.
import * as k8s from '@kubernetes/client-node';
import { Clientset, SharedInformerFactory } from '../../runtime/client/index.js';
import { DeletedFinalStateUnknown } from '../../runtime/client/cache/keys.js';
import type { SharedIndexInformer } from '../../runtime/client/cache/shared-informer.js';
import type { KubeObject } from '../../runtime/client/types.js';

export interface Handler {
  onAdd?(obj: KubeObject): void | Promise<void>;
  /** `oldObj` is undefined when the informer does not provide it. */
  onUpdate?(oldObj: KubeObject | undefined, newObj: KubeObject): void | Promise<void>;
  /** `tombstone`: the informer marked the deletion as found by a relist (final state unknown). */
  onDelete?(obj: KubeObject | undefined, tombstone: boolean): void | Promise<void>;
}

export interface Subject {
  readonly name: string;
  addHandler(h: Handler): void;
  /** Starts and resolves once the initial list is in the cache. */
  start(): Promise<void>;
  /** From the cache: an object by name, and every cached name. */
  get(name: string): KubeObject | undefined;
  names(): string[];
  /** List requests made so far (the initial one included). */
  lists(): number;
  /** Errors the informer's watch error handler got so far, oldest first (each one is followed by
   * a relist); undefined when the informer does not expose them. */
  watchErrors?(): unknown[];
  stop(): Promise<void>;
  /** The kapi informer itself (indexer checks); undefined for others. */
  readonly kapi?: SharedIndexInformer<KubeObject>;
}

export interface SubjectEnv {
  /** Where the informer connects (the proxy in front of the server). */
  url: string;
  namespace: string;
}

export type SubjectFactory = (env: SubjectEnv) => Subject;

export const kapiSubject: SubjectFactory = ({ url, namespace }) => {
  const cs = Clientset.fromURL(url);
  const watchErrors: unknown[] = [];
  const factory = new SharedInformerFactory(cs, {
    namespace,
    resyncPeriodMs: 0,
    // Tests cut the network: retry within a second rather than the default 30 s cap.
    reflector: { backoff: { initialMs: 100, maxMs: 1000 } },
    watchErrorHandler: (err) => void watchErrors.push(err),
  });
  const informer = factory.core().v1().configMaps().informer() as unknown as SharedIndexInformer<KubeObject>;
  return {
    name: 'kapi SharedIndexInformer',
    kapi: informer,
    addHandler(h) {
      informer.addEventHandler({
        onAdd: (o) => h.onAdd?.(o),
        onUpdate: (o, n) => h.onUpdate?.(o, n),
        onDelete: (o) => (o instanceof DeletedFinalStateUnknown ? h.onDelete?.(o.obj, true) : h.onDelete?.(o, false)),
      });
    },
    async start() {
      factory.start();
      const synced = await factory.waitForCacheSync({ timeoutMs: 30_000 });
      if (!Object.values(synced).every(Boolean)) throw new Error('kapi informer did not sync');
    },
    get: (name) => informer.getIndexer().getByKey(`${namespace}/${name}`),
    names: () => informer.getIndexer().byIndex('namespace', namespace).map((o) => o.metadata!.name!),
    lists: () => informer.reflectorStats.lists,
    watchErrors: () => [...watchErrors],
    async stop() {
      await factory.shutdown();
      cs.close();
    },
  };
};

/** client-node's informer; `restartOnError` adds the restart handler its documentation recommends. */
export function clientNodeSubjectWith(restartOnError: boolean): SubjectFactory {
  return (env) => clientNodeInformer(env, restartOnError);
}

export const clientNodeSubject: SubjectFactory = clientNodeSubjectWith(true);

function clientNodeInformer({ url, namespace }: SubjectEnv, restartOnError: boolean): Subject {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kapi', server: url, skipTLSVerify: true }],
    users: [{ name: 'anonymous' }],
    contexts: [{ name: 'kapi', cluster: 'kapi', user: 'anonymous', namespace }],
    currentContext: 'kapi',
  });
  const api = kc.makeApiClient(k8s.CoreV1Api);
  let listCalls = 0;
  let stopped = false;
  const informer = k8s.makeInformer<k8s.V1ConfigMap>(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => {
    listCalls++;
    return api.listNamespacedConfigMap({ namespace });
  });
  // client-node stops on any error but 410; its documentation has the program restart it from an
  // error handler (after 5 s there; 200 ms here to keep scenarios short). One restart at a time:
  // start() aborts the live request, whose abort is reported as one more error.
  let restartPending = false;
  informer.on('error', () => {
    if (!restartOnError || stopped || restartPending) return;
    restartPending = true;
    setTimeout(() => {
      restartPending = false;
      if (!stopped) void informer.start().catch(() => undefined);
    }, 200);
  });
  return {
    name: `@kubernetes/client-node makeInformer${restartOnError ? ' (restarted on error)' : ''}`,
    addHandler(h) {
      informer.on('add', (o) => void h.onAdd?.(o as KubeObject));
      informer.on('update', (o) => void h.onUpdate?.(undefined, o as KubeObject));
      informer.on('delete', (o) => void h.onDelete?.(o as KubeObject, false));
    },
    async start() {
      await informer.start();
    },
    get: (name) => informer.get(name, namespace) as KubeObject | undefined,
    names: () => informer.list(namespace).map((o) => o.metadata!.name!),
    lists: () => listCalls,
    async stop() {
      stopped = true;
      await informer.stop();
    },
  };
}
