// Informer scenarios played against the real server (issue 5, item 6), written once and run
// against any Subject (kapi's informer, client-node's). Each returns verdict rows instead of
// asserting, so the comparison can print a table; kapi's own tests assert every row is ok.
//
// Missed events are produced for real: the informer talks to the server through a TCP relay that
// the scenario cuts; changes are made directly on the server meanwhile, more of them than the
// server's watch cache keeps (--watch-cache-size), so the resumed watch gets a 410 ERROR in its
// 200 stream and the informer has to relist.
import { rm } from 'node:fs/promises';
import { CONFIGMAPS, configMap, namespace as namespaceObj, startTestServer, type TestServer } from '../server/testserver.js';
import { TcpProxy } from './proxy.js';
import type { Handler, Subject, SubjectFactory } from './subjects.js';
import type { KubeObject } from '../../runtime/client/types.js';
import { StatusError } from '../../runtime/client/errors.js';
import { sleep } from './scripted.js';

/** Events the server's watch cache keeps per resource: every cut below makes more than this. */
export const WATCH_CACHE_SIZE = 50;
const CHURN = 40; // create+delete pairs: 80 events
const CONVERGE_MS = 30_000;

export interface Verdict {
  scenario: string;
  ok: boolean;
  detail: string;
}

export interface Rec {
  type: 'add' | 'update' | 'delete';
  name: string;
  uid: string | undefined;
  rv: string | undefined;
  tombstone: boolean;
}

/** A handler that logs what it sees and keeps its own view (name -> uid) of the objects. */
export class Recorder {
  readonly log: Rec[] = [];
  readonly view = new Map<string, string>();
  active = 0;
  maxActive = 0;

  constructor(private readonly gate?: Promise<void>) {}

  private record(r: Rec): void {
    this.log.push(r);
    if (r.type === 'delete') this.view.delete(r.name);
    else if (r.uid !== undefined) this.view.set(r.name, r.uid);
  }

  private deliver(r: Rec): void | Promise<void> {
    if (!this.gate) return this.record(r);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return this.gate.then(async () => {
      await sleep(5); // a slow handler: gives overlapping deliveries a chance to show
      this.record(r);
      this.active--;
    });
  }

  handler(): Handler {
    const rec = (type: Rec['type'], o: KubeObject | undefined, tombstone = false): Rec => ({
      type,
      name: o?.metadata?.name ?? '?',
      uid: o?.metadata?.uid,
      rv: o?.metadata?.resourceVersion,
      tombstone,
    });
    return {
      onAdd: (o) => this.deliver(rec('add', o)),
      onUpdate: (_old, n) => this.deliver(rec('update', n)),
      onDelete: (o, tombstone) => this.deliver(rec('delete', o, tombstone)),
    };
  }

  of(name: string): Rec[] {
    return this.log.filter((r) => r.name === name);
  }
}

/** The server, the relay in front of it and a fresh namespace for one scenario. */
export class World {
  private constructor(
    public server: TestServer,
    readonly proxy: TcpProxy,
    readonly namespace: string,
    private readonly ownDataDir: string | undefined,
  ) {}

  static serverArgs = ['--watch-cache-size', String(WATCH_CACHE_SIZE)];

  static async startServer(): Promise<TestServer> {
    return startTestServer({ args: World.serverArgs });
  }

  static async create(server: TestServer, namespace: string, ownDataDir?: string): Promise<World> {
    const res = await server.post('/api/v1/namespaces', namespaceObj(namespace));
    if (res.status !== 201) throw new Error(`creating namespace ${namespace}: ${res.status} ${res.text}`);
    return new World(server, await TcpProxy.start(server.url), namespace, ownDataDir);
  }

  get url(): string {
    return this.proxy.url;
  }

  async createCM(name: string, labels: Record<string, string> = {}): Promise<KubeObject> {
    const res = await this.server.post(CONFIGMAPS(this.namespace), configMap(name, { a: '1' }, { labels }));
    if (res.status !== 201) throw new Error(`creating configmap ${name}: ${res.status} ${res.text}`);
    return res.body as KubeObject;
  }

  async deleteCM(name: string): Promise<void> {
    const res = await this.server.del(`${CONFIGMAPS(this.namespace)}/${name}`);
    if (res.status !== 200) throw new Error(`deleting configmap ${name}: ${res.status} ${res.text}`);
  }

  /** Creates and deletes throwaway objects: history moves on, the final state does not change. */
  async churn(pairs = CHURN): Promise<void> {
    for (let i = 0; i < pairs; i++) {
      await this.createCM(`tmp-${i}`);
      await this.deleteCM(`tmp-${i}`);
    }
  }

  /** Stops the server and starts it again on the same data (a new port, behind the same relay). */
  async restartServer(): Promise<void> {
    const dataDir = this.server.dataDir;
    await this.server.stop({ keepData: true });
    this.server = await startTestServer({ dataDir, args: World.serverArgs });
    this.proxy.retarget(this.server.url);
  }

  async close(): Promise<void> {
    await this.proxy.close();
    if (this.ownDataDir !== undefined) {
      await this.server.stop();
      await rm(this.ownDataDir, { recursive: true, force: true });
    }
  }
}

/** Polls until cond holds; false (not an exception) on timeout, so a verdict can say what failed. */
export async function eventually(cond: () => boolean, timeoutMs = CONVERGE_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

function sameNames(s: Subject, names: string[]): boolean {
  const have = s.names().sort();
  return have.length === names.length && have.every((n, i) => n === [...names].sort()[i]);
}

/** The ERROR event a watch from an expired revision gets in its 200 stream: a 410 Expired Status
 * with the watch's wording (a list's 410 never reaches the handler, the reflector retries it). */
function isInBandExpired(err: unknown): boolean {
  if (!(err instanceof StatusError)) return false;
  const { code, reason, message } = err.status;
  return code === 410 && reason === 'Expired' && /^too old resource version: \d+ \(\d+\)$/.test(message ?? '');
}

function describeErrors(errors: unknown[]): string {
  if (errors.length === 0) return 'none';
  return errors.map((e) => (e instanceof StatusError ? `${e.status.code} ${e.status.reason}: ${e.status.message}` : String(e))).join('; ');
}

function describe(log: Rec[]): string {
  return log.map((r) => `${r.type}${r.tombstone ? '(tombstone)' : ''} ${r.name}`).join(', ') || 'nothing';
}

export interface Scenario {
  name: string;
  /** Restarts the server: gets a server of its own. */
  ownServer?: boolean;
  run(world: World, make: SubjectFactory): Promise<Verdict[]>;
}

/** Starts a subject with handlers, runs body, always stops it. */
async function withSubject<R>(world: World, make: SubjectFactory, handlers: Handler[], body: (s: Subject) => Promise<R>, before?: (s: Subject) => void): Promise<R> {
  const s = make({ url: world.url, namespace: world.namespace });
  try {
    before?.(s);
    for (const h of handlers) s.addHandler(h);
    await s.start();
    return await body(s);
  } finally {
    await s.stop();
  }
}

export const partition: Scenario = {
  name: 'partition',
  async run(world, make) {
    const old = { a: await world.createCM('a'), b: await world.createCM('b'), c: await world.createCM('c') };
    const rec = new Recorder();
    return withSubject(world, make, [rec.handler()], async (s) => {
      await eventually(() => rec.log.length >= 3, 10_000);
      await sleep(1500); // the watch has lived over a second: its end is not a "very short watch"
      const listsBefore = s.lists();
      const errorsBefore = s.watchErrors?.().length ?? 0;
      const seenBefore = rec.log.length;
      world.proxy.cut();
      await world.deleteCM('b');
      await world.createCM('d');
      await world.churn();
      world.proxy.restore();
      const converged = await eventually(() => sameNames(s, ['a', 'c', 'd']) && rec.of('d').length > 0 && rec.of('b').some((r) => r.type === 'delete'));
      await sleep(3000); // room for a relist loop to show
      const relists = s.lists() - listsBefore;
      const errors = s.watchErrors?.().slice(errorsBefore);
      const after = rec.log.slice(seenBefore);
      const delB = after.find((r) => r.name === 'b' && r.type === 'delete');
      const addD = after.find((r) => r.name === 'd' && r.type === 'add');
      const spurious = after.filter((r) => r.name === 'a' || r.name === 'c');
      const trail = `cache [${s.names().sort().join(',')}]; handler saw: ${describe(after)}`;
      return [
        {
          scenario: 'relist after 410: deletes for vanished objects, adds for new ones',
          ok: converged && delB !== undefined && addD !== undefined && spurious.length === 0,
          detail: trail,
        },
        {
          scenario: 'a delete the watch missed is seen after relist as a tombstone (last known state)',
          ok: delB !== undefined && delB.tombstone && delB.uid === old.b.metadata?.uid,
          detail: delB ? `delete b: tombstone=${delB.tombstone}, uid ${delB.uid === old.b.metadata?.uid ? 'is the last known' : 'differs'}` : 'no delete for b',
        },
        {
          scenario: 'a 410 in a 200 stream triggers one relist, not a loop',
          // Where the informer exposes its watch errors, the one relist must be the 410's: exactly
          // one error reached the handler and it is the in-band Expired (a relist for any other
          // reason, a short watch say, would show up as another or a different error).
          ok: relists === 1 && (errors === undefined || (errors.length === 1 && isInBandExpired(errors[0]))),
          detail: `${relists} list request(s) after the network came back; ${errors === undefined ? 'watch errors not observable' : `watch errors: ${describeErrors(errors)}`}`,
        },
      ];
    });
  },
};

export const recreateWhilePaused: Scenario = {
  name: 'recreate',
  async run(world, make) {
    await world.createCM('x');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const paused = new Recorder(gate);
    const late = new Recorder();
    return withSubject(world, make, [paused.handler()], async (s) => {
      // A handler added once the cache is full first gets the cached objects.
      s.addHandler(late.handler());
      const lateGotCache = await eventually(() => late.of('x').some((r) => r.type === 'add'), 3000);
      const oldUid = s.get('x')?.metadata?.uid;
      await world.deleteCM('x');
      const fresh = await world.createCM('x');
      const newUid = fresh.metadata?.uid;
      const cacheNew = await eventually(() => s.get('x')?.metadata?.uid === newUid, 10_000);
      release();
      await eventually(() => paused.view.get('x') === newUid, 10_000);
      await sleep(500);
      return [
        {
          scenario: 'an object deleted and re-created while the handler is paused ends as the new object (new uid)',
          ok: cacheNew && oldUid !== newUid && paused.view.get('x') === newUid,
          detail: `cache uid ${cacheNew ? 'new' : 'old/none'}; handler saw: ${describe(paused.log)}; its view ends ${paused.view.get('x') === newUid ? 'new' : 'stale'}`,
        },
        {
          scenario: 'a handler added after start gets adds for the cached objects',
          ok: lateGotCache,
          detail: `late handler saw: ${describe(late.log)}`,
        },
      ];
    });
  },
};

export const serverRestart: Scenario = {
  name: 'restart',
  ownServer: true,
  async run(world, make) {
    await world.createCM('a');
    await world.createCM('b');
    const rec = new Recorder();
    return withSubject(world, make, [rec.handler()], async (s) => {
      await eventually(() => rec.log.length >= 2, 10_000);
      await sleep(1500);
      await world.restartServer();
      await world.createCM('e');
      await world.deleteCM('a');
      const converged = await eventually(() => sameNames(s, ['b', 'e']) && rec.of('e').length > 0 && rec.of('a').some((r) => r.type === 'delete'));
      // Still live afterwards: a change made now arrives too.
      await world.createCM('f');
      const live = converged && (await eventually(() => rec.of('f').length > 0, 15_000));
      return [
        {
          scenario: 'a server restart is survived (the informer reconnects and catches up)',
          ok: converged && live,
          detail: `cache [${s.names().sort().join(',')}]; handler saw: ${describe(rec.log)}`,
        },
      ];
    });
  },
};

export const slowHandler: Scenario = {
  name: 'slow',
  async run(world, make) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = new Recorder(gate);
    const fast = new Recorder();
    const names = ['o1', 'o2', 'o3', 'o4', 'o5'];
    return withSubject(world, make, [slow.handler(), fast.handler()], async (s) => {
      for (const n of names) await world.createCM(n);
      const fastDone = await eventually(() => fast.log.length >= names.length, 15_000);
      const slowThen = slow.log.length;
      const cacheThen = s.names().length;
      release();
      const slowDone = await eventually(() => slow.log.length >= names.length, 15_000);
      const inOrder = slow.log.map((r) => r.name).join() === fast.log.map((r) => r.name).join();
      return [
        {
          scenario: 'a slow handler does not delay a fast one (nor the cache)',
          ok: fastDone && slowThen < names.length && cacheThen === names.length,
          detail: `fast handler had ${fast.log.length}/${names.length}, cache ${cacheThen}, while the slow one had ${slowThen}`,
        },
        {
          scenario: 'a slow handler gets its notifications one at a time, in order',
          ok: slowDone && slow.maxActive === 1 && inOrder,
          detail: `up to ${slow.maxActive} of its calls in flight at once; order ${inOrder ? 'kept' : 'changed'}`,
        },
      ];
    });
  },
};

export const unchangedRelist: Scenario = {
  name: 'unchanged',
  async run(world, make) {
    await world.createCM('a');
    await world.createCM('b');
    const rec = new Recorder();
    return withSubject(world, make, [rec.handler()], async (s) => {
      await eventually(() => rec.log.length >= 2, 10_000);
      await sleep(1500);
      const listsBefore = s.lists();
      const seenBefore = rec.log.length;
      world.proxy.cut();
      await world.churn();
      world.proxy.restore();
      const relisted = await eventually(() => s.lists() > listsBefore);
      await sleep(2000);
      const after = rec.log.slice(seenBefore);
      return [
        {
          scenario: 'an unchanged relist calls no handler (no onUpdate without resync)',
          ok: relisted && after.length === 0,
          detail: relisted ? `after the relist the handler saw: ${describe(after)}` : 'no relist happened',
        },
      ];
    });
  },
};

export const indexBuckets: Scenario = {
  name: 'indexes',
  async run(world, make) {
    await world.createCM('p', { app: 'web' });
    await world.createCM('q', { app: 'web' });
    await world.createCM('r', { app: 'db' });
    const rec = new Recorder();
    return withSubject(
      world,
      make,
      [rec.handler()],
      async (s) => {
        const inf = s.kapi;
        if (!inf) return [{ scenario: 'index buckets are empty after deletes', ok: false, detail: 'no indexers in this informer' }];
        const idx = inf.getIndexer();
        const before = idx.listIndexFuncValues('app').sort().join();
        await sleep(1500);
        await world.deleteCM('p'); // seen on the watch
        world.proxy.cut();
        await world.deleteCM('q'); // missed: a tombstone from the relist
        await world.deleteCM('r');
        await world.churn();
        world.proxy.restore();
        const empty = await eventually(() => idx.size === 0);
        const app = idx.listIndexFuncValues('app');
        const ns = idx.listIndexFuncValues('namespace');
        return [
          {
            scenario: 'index buckets are empty after deletes',
            ok: before === 'db,web' && empty && app.length === 0 && ns.length === 0,
            detail: `app values before: [${before}], after: [${app.join(',')}]; namespace values after: [${ns.join(',')}]`,
          },
        ];
      },
      (s) => s.kapi?.addIndexers({ app: (o) => (o.metadata?.labels?.app ? [o.metadata.labels.app] : []) }),
    );
  },
};

export const SCENARIOS: Scenario[] = [partition, recreateWhilePaused, serverRestart, slowHandler, unchangedRelist, indexBuckets];

let nsCounter = 0;

/** Runs one scenario against one subject on a shared server (or its own, for restarts). */
export async function play(scenario: Scenario, make: SubjectFactory, shared: () => Promise<TestServer>): Promise<Verdict[]> {
  const namespace = `${scenario.name}-${process.pid}-${++nsCounter}`;
  let world: World;
  if (scenario.ownServer) {
    const server = await World.startServer();
    world = await World.create(server, namespace, server.dataDir);
  } else {
    world = await World.create(await shared(), namespace);
  }
  try {
    return await scenario.run(world, make);
  } finally {
    await world.close();
  }
}
