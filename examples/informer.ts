// Example: keep a local cache of ConfigMaps with a shared informer, react to changes, and read
// the cache through a lister.
//
//   npx tsx --conditions=source examples/informer.ts ./data/kubeconfig [namespace] [--seconds N]
//
// (`--conditions=source` lets tsx import kapi/client from its TypeScript sources; after
// `npm run build` a plain `node` program importing kapi/client uses dist/ instead.)
import { Clientset, DeletedFinalStateUnknown, SharedInformerFactory } from 'kapi/client';

const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args.splice(secondsAt, 2)[1]) : 0;
const [kubeconfig = process.env.KUBECONFIG ?? './data/kubeconfig', namespace = 'default'] = args;

const cs = Clientset.fromKubeconfig(kubeconfig); // or Clientset.fromURL('http://127.0.0.1:8080')
const factory = new SharedInformerFactory(cs, { resyncPeriodMs: 0 });
const configMaps = factory.core().v1().configMaps();

const reg = configMaps.informer().addEventHandler({
  onAdd(cm, isInInitialList) {
    console.log(`added   ${cm.metadata?.namespace}/${cm.metadata?.name}${isInInitialList ? ' (initial list)' : ''}`);
  },
  onUpdate(oldCm, newCm) {
    console.log(`updated ${newCm.metadata?.namespace}/${newCm.metadata?.name} rv ${oldCm.metadata?.resourceVersion} -> ${newCm.metadata?.resourceVersion}`);
  },
  onDelete(cm) {
    // A tombstone when the deletion was found by a relist: the last state we knew may be stale.
    const obj = cm instanceof DeletedFinalStateUnknown ? cm.obj : cm;
    console.log(`deleted ${obj?.metadata?.namespace}/${obj?.metadata?.name}${cm instanceof DeletedFinalStateUnknown ? ' (tombstone)' : ''}`);
  },
});

factory.start();
await factory.waitForCacheSync();
console.log(`cache synced; this handler synced: ${reg.hasSynced()}`);

// Typed client calls go to the server; listers read the local cache only.
await cs
  .coreV1()
  .configMaps(namespace)
  .create({ metadata: { name: `example-${process.pid}`, labels: { app: 'web' } }, data: { greeting: 'hello' } });
await new Promise((r) => setTimeout(r, 500)); // let the watch bring it into the cache

const cms = configMaps.lister().configMaps(namespace).list('app=web');
console.log(`configmaps with app=web in ${namespace}: ${cms.map((c) => c.metadata?.name).join(', ')}`);

await cs.coreV1().configMaps(namespace).delete(`example-${process.pid}`);

const stop = async (): Promise<void> => {
  await factory.shutdown();
  cs.close();
};
if (seconds > 0) setTimeout(() => void stop(), seconds * 1000);
else process.once('SIGINT', () => void stop());
