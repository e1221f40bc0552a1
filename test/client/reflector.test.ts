// Reflector and SharedIndexInformer rules against a scripted ListerWatcher (no server): which
// resourceVersion each list/watch asks for, fallbacks, paging, resume-vs-relist, handler delivery.
import { expect } from 'chai';
import { Backoff } from '../../runtime/client/cache/backoff.js';
import { DeletedFinalStateUnknown } from '../../runtime/client/cache/keys.js';
import { SharedIndexInformer } from '../../runtime/client/cache/shared-informer.js';
import type { KubeObject } from '../../runtime/client/types.js';
import { WatchStreamError } from '../../runtime/client/watch.js';
import { cm, ScriptedLW, sleep, status, until } from './scripted.js';

const fast = { reflector: { backoff: { initialMs: 5, maxMs: 20 }, minWatchTimeoutSeconds: 60 } };

function informer(lw: ScriptedLW, errors: unknown[] = []): SharedIndexInformer<KubeObject> {
  return new SharedIndexInformer<KubeObject>(lw, { ...fast, watchErrorHandler: (e) => errors.push(e) });
}

describe('client Backoff', () => {
  it('grows exponentially with jitter up to the cap and resets after a quiet period', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 400, jitter: 1, random: () => 0.5, resetAfterMs: 1000 });
    expect([b.next(0), b.next(1), b.next(2), b.next(3)]).to.deep.equal([150, 300, 600, 600]);
    expect(b.next(5000)).to.equal(150);
  });
});

describe('client Reflector rules', () => {
  let inf: SharedIndexInformer<KubeObject> | undefined;
  afterEach(() => inf?.stop());

  it('lists at "0" first, then watches from the list revision with bookmarks and a bounded jittered timeout', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '7' }, items: [cm('a', '5')] });
    inf = informer(lw);
    inf.start();
    const w = await lw.watchNo(1);
    expect(lw.lists[0]).to.deep.include({ resourceVersion: '0' });
    expect(w.opts.resourceVersion).to.equal('7');
    expect(w.opts.allowWatchBookmarks).to.equal(true);
    expect(w.opts.timeoutSeconds).to.be.within(60, 120);
  });

  it('resumes a dropped or ended watch from the last revision (bookmarks count) without relisting', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '7' }, items: [] });
    inf = informer(lw);
    inf.start();
    const w1 = await lw.watchNo(1);
    w1.push({ type: 'ADDED', object: cm('a', '8') });
    w1.push({ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: '12' } } });
    // A ListerWatcher may surface the socket error as is (the REST watch wraps it, see below).
    w1.fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    const w2 = await lw.watchNo(2);
    expect(w2.opts.resourceVersion).to.equal('12');
    w2.push({ type: 'MODIFIED', object: cm('a', '13') });
    w2.fail(new WatchStreamError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    const w3 = await lw.watchNo(3);
    expect(w3.opts.resourceVersion).to.equal('13');
    await sleep(1100); // a watch that lived over a second may end without events
    w3.end();
    const w4 = await lw.watchNo(4);
    expect(w4.opts.resourceVersion).to.equal('13');
    expect(lw.lists.length).to.equal(1);
  });

  it('a watch stream failing with something other than a dropped connection leads to a relist', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '7' }, items: [] });
    const errors: unknown[] = [];
    inf = informer(lw, errors);
    inf.start();
    const w1 = await lw.watchNo(1);
    w1.push({ type: 'ADDED', object: cm('a', '8') });
    w1.fail(new SyntaxError('Unexpected token < in JSON'));
    await lw.watchNo(2);
    expect(lw.lists.map((l) => l.resourceVersion)).to.deep.equal(['0', '8']);
    expect(errors.length).to.equal(1);
  });

  it('an ERROR 410 event leads to one relist from the last revision, then a watch from the new list', async () => {
    const lw = new ScriptedLW();
    let rv = 7;
    lw.listFn = () => ({ metadata: { resourceVersion: String(rv) }, items: [] });
    const errors: unknown[] = [];
    inf = informer(lw, errors);
    inf.start();
    const w1 = await lw.watchNo(1);
    w1.push({ type: 'ADDED', object: cm('a', '9') });
    rv = 20;
    w1.push({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 9 (15)').status });
    const w2 = await lw.watchNo(2);
    expect(lw.lists.map((l) => l.resourceVersion)).to.deep.equal(['0', '9']);
    expect(w2.opts.resourceVersion).to.equal('20');
    await sleep(50);
    expect(lw.lists.length).to.equal(2);
    expect(errors.length).to.equal(1);
  });

  it('falls back to a consistent list ("") when the relist revision is expired or too large', async () => {
    for (const err of [status(410, 'Expired', 'The resourceVersion for the provided list is too old.'), status(504, 'Timeout', 'Too large resource version: 50, current: 20')]) {
      const lw = new ScriptedLW();
      lw.listFn = (o) => {
        if (o.resourceVersion === '9') throw err;
        return { metadata: { resourceVersion: '30' }, items: [] };
      };
      inf = informer(lw);
      inf.start();
      const w1 = await lw.watchNo(1);
      w1.push({ type: 'ADDED', object: cm('a', '9') });
      w1.push({ type: 'ERROR', object: status(410, 'Expired', 'too old').status });
      const w2 = await lw.watchNo(2);
      expect(lw.lists.map((l) => l.resourceVersion)).to.deep.equal(['0', '9', '']);
      expect(w2.opts.resourceVersion).to.equal('30');
      inf.stop();
    }
  });

  it('pages lists with limit/continue and falls back to a full list when the token expires', async () => {
    const lw = new ScriptedLW();
    const all = Array.from({ length: 1200 }, (_, i) => cm(`o${String(i).padStart(4, '0')}`, '3'));
    let expireOnce = true;
    lw.listFn = (o) => {
      if (!o.limit) return { metadata: { resourceVersion: '5' }, items: all };
      const start = o.continue ? Number(o.continue) : 0;
      if (o.continue && start >= 1000 && expireOnce) {
        expireOnce = false;
        throw status(410, 'Expired', 'The provided continue parameter is too old');
      }
      const end = Math.min(start + o.limit, all.length);
      return { metadata: { resourceVersion: '5', ...(end < all.length ? { continue: String(end) } : {}) }, items: all.slice(start, end) };
    };
    inf = informer(lw);
    inf.start();
    await lw.watchNo(1);
    expect(lw.lists.map((l) => [l.resourceVersion, l.limit, l.continue])).to.deep.equal([
      ['0', 500, undefined],
      [undefined, 500, '500'],
      [undefined, 500, '1000'],
      ['0', undefined, undefined],
    ]);
    await until(() => inf!.hasSynced(), 'sync');
    expect(inf.getIndexer().size).to.equal(1200);
  });

  it('a watch that fails to start with a connection error is retried with backoff, keeping the revision', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '7' }, items: [] });
    let refusals = 3;
    lw.watchFn = () => {
      if (refusals-- > 0) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    inf = informer(lw);
    inf.start();
    const w = await lw.watchNo(1);
    expect(w.opts.resourceVersion).to.equal('7');
    expect(lw.lists.length).to.equal(1);
  });

  it('a list that keeps failing is retried with growing delays, not in a tight loop', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => {
      throw status(500, 'InternalError', 'storage down');
    };
    inf = new SharedIndexInformer<KubeObject>(lw, { reflector: { backoff: { initialMs: 20, maxMs: 1000 } }, watchErrorHandler: () => undefined });
    inf.start();
    await sleep(400);
    // 20..40, 40..80, 80..160, 160..320 ms -> at most ~5 attempts in 400 ms
    expect(lw.lists.length).to.be.within(2, 6);
  });

  it('a very short empty watch counts as an error (relist after backoff), not a hot re-watch loop', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '7' }, items: [] });
    inf = informer(lw);
    inf.start();
    for (let i = 1; i <= 3; i++) (await lw.watchNo(i)).end();
    expect(lw.lists.length).to.be.greaterThanOrEqual(3);
  });
});

describe('client SharedIndexInformer rules', () => {
  let inf: SharedIndexInformer<KubeObject> | undefined;
  afterEach(() => inf?.stop());

  it('relist: Replaced with an unchanged revision reaches only handlers with a due resync; vanished keys become tombstones', async () => {
    const lw = new ScriptedLW();
    let items = [cm('a', '5'), cm('b', '6')];
    lw.listFn = () => ({ metadata: { resourceVersion: '9' }, items });
    inf = informer(lw);
    const seen: string[] = [];
    inf.addEventHandler({
      onAdd: (o) => void seen.push(`add ${o.metadata!.name}`),
      onUpdate: (o, n) => void seen.push(`update ${o.metadata!.name}`),
      onDelete: (o) => void seen.push(`delete ${o instanceof DeletedFinalStateUnknown ? `tombstone ${o.key} ${o.obj?.metadata?.resourceVersion}` : o.metadata!.name}`),
    });
    inf.start();
    const w1 = await lw.watchNo(1);
    items = [cm('a', '5'), cm('c', '10')];
    w1.push({ type: 'ERROR', object: status(410, 'Expired', 'too old').status });
    await lw.watchNo(2);
    await until(() => seen.length >= 4, 'events');
    expect(seen).to.deep.equal(['add a', 'add b', 'add c', 'delete tombstone default/b 6']);
  });

  it('a handler added after start first gets adds for the cached objects; hasSynced per handler', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '9' }, items: [cm('a', '5'), cm('b', '6')] });
    inf = informer(lw);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowSeen: string[] = [];
    const slow = inf.addEventHandler({
      async onAdd(o, initial) {
        await gate;
        slowSeen.push(`${o.metadata!.name}:${initial}`);
      },
    });
    inf.start();
    await until(() => inf!.hasSynced(), 'informer sync');
    expect(slow.hasSynced()).to.equal(false);
    const lateSeen: string[] = [];
    const late = inf.addEventHandler({ onAdd: (o, initial) => void lateSeen.push(`${o.metadata!.name}:${initial}`) });
    await until(() => late.hasSynced(), 'late handler sync');
    expect(lateSeen).to.deep.equal(['a:true', 'b:true']);
    expect(slow.hasSynced()).to.equal(false);
    release();
    await until(() => slow.hasSynced(), 'slow handler sync');
    expect(slowSeen).to.deep.equal(['a:true', 'b:true']);
  });

  it('a slow handler delays neither another handler nor the cache, and sees its events in order one at a time', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '1' }, items: [] });
    inf = informer(lw);
    let active = 0;
    let maxActive = 0;
    const slowSeen: string[] = [];
    inf.addEventHandler({
      async onAdd(o) {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(30);
        slowSeen.push(o.metadata!.name!);
        active--;
      },
    });
    const fastSeen: string[] = [];
    inf.addEventHandler({ onAdd: (o) => void fastSeen.push(o.metadata!.name!) });
    inf.start();
    const w = await lw.watchNo(1);
    for (let i = 0; i < 10; i++) w.push({ type: 'ADDED', object: cm(`o${i}`, String(10 + i)) });
    await until(() => fastSeen.length === 10, 'fast handler');
    expect(inf.getIndexer().size).to.equal(10);
    expect(slowSeen.length).to.be.lessThan(3);
    await until(() => slowSeen.length === 10, 'slow handler', 3000);
    expect(slowSeen).to.deep.equal(fastSeen);
    expect(maxActive).to.equal(1);
  });

  it('per-handler resync: only the handler that asked gets Sync updates', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '1' }, items: [cm('a', '1')] });
    inf = informer(lw);
    let resyncing = 0;
    let quiet = 0;
    inf.addEventHandler({ onUpdate: () => void resyncing++ }, 1000);
    inf.addEventHandler({ onUpdate: () => void quiet++ }, 0);
    inf.start();
    await until(() => resyncing >= 2, 'two resyncs', 4000);
    expect(quiet).to.equal(0);
  });

  it('a key whose processing keeps failing is retried with a pause, not in a hot loop, and does not block other keys', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '1' }, items: [cm('bad', '1'), cm('good', '1')] });
    let failures = 0;
    inf = new SharedIndexInformer<KubeObject>(lw, {
      ...fast,
      indexers: {
        byName: (o) => {
          if (o.metadata?.name === 'bad') throw new Error('index function failed');
          return [o.metadata!.name!];
        },
      },
      handlerErrorHandler: () => void failures++,
    });
    const added: string[] = [];
    inf.addEventHandler({ onAdd: (o) => void added.push(o.metadata!.name!) });
    inf.start();
    await until(() => added.includes('good'), 'the good key');
    await sleep(300);
    // 10, 20, 40, 80, 160 ms pauses: a handful of retries, not thousands.
    expect(failures).to.be.within(1, 10);
  });

  it('transform runs once per object as it enters the cache', async () => {
    const lw = new ScriptedLW();
    lw.listFn = () => ({ metadata: { resourceVersion: '1' }, items: [cm('a', '1', { managedFields: [{ big: true }] })] });
    let calls = 0;
    inf = new SharedIndexInformer<KubeObject>(lw, {
      ...fast,
      transform: (o) => {
        calls++;
        const { managedFields: _drop, ...meta } = o.metadata as Record<string, unknown>;
        return { ...o, metadata: meta };
      },
    });
    const got: KubeObject[] = [];
    inf.addEventHandler({ onAdd: (o) => void got.push(o) });
    inf.start();
    await until(() => got.length === 1, 'add');
    expect(got[0]!.metadata).to.not.have.property('managedFields');
    expect(inf.getIndexer().list()[0]!.metadata).to.not.have.property('managedFields');
    expect(calls).to.equal(1);
  });
});
