// DeltaFIFO rules (client-go semantics), without a server.
import { expect } from 'chai';
import { DeltaFIFO, type Deltas } from '../../runtime/client/cache/delta-fifo.js';
import { Indexer } from '../../runtime/client/cache/indexer.js';
import { DeletedFinalStateUnknown } from '../../runtime/client/cache/keys.js';
import type { KubeObject } from '../../runtime/client/types.js';

function obj(name: string, rv = '1', ns = 'default', extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, resourceVersion: rv, ...extra } };
}

async function popAll(fifo: DeltaFIFO): Promise<{ key: string; deltas: Deltas<KubeObject>; initial: boolean }[]> {
  const out: { key: string; deltas: Deltas<KubeObject>; initial: boolean }[] = [];
  while (fifo.length > 0) {
    await fifo.pop((deltas, initial) => {
      out.push({ key: fifo.keyOf(deltas), deltas, initial });
    });
  }
  return out;
}

const types = (d: Deltas<KubeObject>): string[] => d.map((x) => x.type);

describe('client DeltaFIFO', () => {
  it('keeps every delta of a key, in order, and pops keys in first-queued order', async () => {
    const f = new DeltaFIFO();
    f.add(obj('a'));
    f.add(obj('b'));
    f.update(obj('a', '2'));
    const popped = await popAll(f);
    expect(popped.map((p) => p.key)).to.deep.equal(['default/a', 'default/b']);
    expect(types(popped[0]!.deltas)).to.deep.equal(['Added', 'Updated']);
  });

  it('collapses only two consecutive Deleted deltas, keeping the one that is not a tombstone', async () => {
    const known = new Indexer();
    known.add(obj('a'));
    const f = new DeltaFIFO({ knownObjects: known });
    f.delete(obj('a', '5'));
    f.delete(new DeletedFinalStateUnknown('default/a', obj('a', '1')));
    let [p] = await popAll(f);
    expect(types(p!.deltas)).to.deep.equal(['Deleted']);
    expect(p!.deltas[0]!.object).to.not.be.instanceOf(DeletedFinalStateUnknown);
    expect((p!.deltas[0]!.object as KubeObject).metadata!.resourceVersion).to.equal('5');

    // Deleted, Added, Deleted: not consecutive, nothing collapses
    f.delete(obj('a', '6'));
    f.add(obj('a', '7'));
    f.delete(obj('a', '8'));
    [p] = await popAll(f);
    expect(types(p!.deltas)).to.deep.equal(['Deleted', 'Added', 'Deleted']);
  });

  it('ignores a delete of a key neither the cache nor the queue knows', () => {
    const f = new DeltaFIFO({ knownObjects: new Indexer() });
    f.delete(obj('ghost'));
    expect(f.length).to.equal(0);
  });

  it('replace queues Replaced and tombstones (last known object) for keys known to the cache or only in the queue', async () => {
    const known = new Indexer();
    known.add(obj('cached-gone', '3'));
    known.add(obj('kept', '4'));
    const f = new DeltaFIFO({ knownObjects: known });
    f.add(obj('queued-gone', '10')); // queued, never reached the cache
    f.replace([obj('kept', '4'), obj('new', '11')], '12');
    const popped = await popAll(f);
    const byKey = new Map(popped.map((p) => [p.key, p.deltas]));
    expect(types(byKey.get('default/kept')!)).to.deep.equal(['Replaced']);
    expect(types(byKey.get('default/new')!)).to.deep.equal(['Replaced']);
    const cachedGone = byKey.get('default/cached-gone')!;
    expect(types(cachedGone)).to.deep.equal(['Deleted']);
    const t1 = cachedGone[0]!.object as DeletedFinalStateUnknown;
    expect(t1).to.be.instanceOf(DeletedFinalStateUnknown);
    expect(t1.key).to.equal('default/cached-gone');
    expect(t1.obj!.metadata!.resourceVersion).to.equal('3');
    const queuedGone = byKey.get('default/queued-gone')!;
    expect(types(queuedGone)).to.deep.equal(['Added', 'Deleted']);
    const t2 = queuedGone[1]!.object as DeletedFinalStateUnknown;
    expect(t2).to.be.instanceOf(DeletedFinalStateUnknown);
    expect(t2.obj!.metadata!.resourceVersion).to.equal('10');
  });

  it('a key in both the cache and the queue gets exactly one tombstone', async () => {
    const known = new Indexer();
    known.add(obj('x', '1'));
    const f = new DeltaFIFO({ knownObjects: known });
    f.update(obj('x', '2'));
    f.replace([], '5');
    const [p] = await popAll(f);
    expect(types(p!.deltas)).to.deep.equal(['Updated', 'Deleted']);
    expect((p!.deltas[1]!.object as DeletedFinalStateUnknown).obj!.metadata!.resourceVersion).to.equal('2');
  });

  it('resync queues Sync only for keys without queued deltas', async () => {
    const known = new Indexer();
    known.add(obj('a'));
    known.add(obj('b'));
    const f = new DeltaFIFO({ knownObjects: known });
    f.update(obj('a', '2'));
    f.resync();
    const popped = await popAll(f);
    const byKey = new Map(popped.map((p) => [p.key, types(p.deltas)]));
    expect(byKey.get('default/a')).to.deep.equal(['Updated']);
    expect(byKey.get('default/b')).to.deep.equal(['Sync']);
  });

  it('pop hands every delta of a key to process and requeues them when process fails', async () => {
    const f = new DeltaFIFO();
    f.add(obj('a'));
    f.update(obj('a', '2'));
    let err: unknown;
    await f.pop(() => {
      throw new Error('boom');
    }).catch((e) => (err = e));
    expect((err as Error).message).to.equal('boom');
    expect(f.length).to.equal(1);
    const [p] = await popAll(f);
    expect(types(p!.deltas)).to.deep.equal(['Added', 'Updated']);
  });

  it('a failed pop does not requeue over newer deltas of the same key', async () => {
    const f = new DeltaFIFO();
    f.add(obj('a'));
    await f
      .pop(() => {
        f.update(obj('a', '2')); // arrives while processing
        throw new Error('boom');
      })
      .catch(() => undefined);
    const [p] = await popAll(f);
    expect(types(p!.deltas)).to.deep.equal(['Updated']);
  });

  it('hasSynced once the first replace is fully popped, and marks those pops as the initial list', async () => {
    const f = new DeltaFIFO({ knownObjects: new Indexer() });
    expect(f.hasSynced()).to.equal(false);
    f.replace([obj('a'), obj('b')], '3');
    expect(f.hasSynced()).to.equal(false);
    f.add(obj('c'));
    const popped = await popAll(f);
    expect(popped.map((p) => p.initial)).to.deep.equal([true, true, false]);
    expect(f.hasSynced()).to.equal(true);
  });

  it('an empty first list is synced at once', () => {
    const f = new DeltaFIFO({ knownObjects: new Indexer() });
    f.replace([], '1');
    expect(f.hasSynced()).to.equal(true);
  });

  it('transform runs once per object entering the queue, not on tombstones or resync copies', async () => {
    const known = new Indexer();
    let calls = 0;
    const f = new DeltaFIFO({
      knownObjects: known,
      transform: (o) => {
        calls++;
        return { ...o, metadata: { ...o.metadata, annotations: { t: 'yes' } } };
      },
    });
    f.add(obj('a'));
    const [p] = await popAll(f);
    const a = p!.deltas[0]!.object as KubeObject;
    expect(a.metadata!.annotations).to.deep.equal({ t: 'yes' });
    known.add(a);
    f.resync();
    f.replace([], '2');
    await popAll(f);
    expect(calls).to.equal(1);
  });

  it('pop waits for an item and rejects once closed', async () => {
    const f = new DeltaFIFO();
    const p = f.pop(() => undefined);
    setTimeout(() => f.add(obj('late')), 10);
    const deltas = await p;
    expect(types(deltas)).to.deep.equal(['Added']);
    const waiting = f.pop(() => undefined);
    f.close();
    let err: unknown;
    await waiting.catch((e) => (err = e));
    expect((err as Error).name).to.equal('FIFOClosedError');
  });
});
