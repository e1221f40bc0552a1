// The watch cache's guarantees (issue 3, docs/watch-design.md), checked on the real parts put
// together in this process: LevelDB storage in a temp dir, the Registry's stores, the WatchCacheSet
// feeding each resource's WatchCache, and the real list/watch handlers behind a Koa app bound to
// 127.0.0.1:0. Being in-process lets the test look inside: count the encoder calls behind the
// per-event memo, and count the reads that reach storage.
//   (a) an event sent to N watchers of one version is encoded once (once per version), not N times;
//   (b) resourceVersion "0" and resourceVersionMatch=NotOlderThan lists never touch storage;
//   (c) a consistent list (resourceVersion unset) right after a write includes that write.
// The slow-watcher cut-off (a watcher that does not drain is dropped, a fast one gets every event)
// is covered end to end by test/server/watch.test.ts ("server watch: slow watchers").
import { expect } from 'chai';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { pino } from 'pino';
import type { GroupRegistration } from '../../runtime/machinery/registration.js';
import { RESTMapper } from '../../runtime/machinery/restmapper.js';
import { Scheme } from '../../runtime/machinery/scheme.js';
import { resourceRoutes } from '../../runtime/endpoints/installer.js';
import { WatchStream } from '../../runtime/endpoints/handlers/watchstream.js';
import { recovery } from '../../runtime/server/filters/recovery.js';
import { requestInfo } from '../../runtime/server/filters/requestinfo.js';
import { openStorage } from '../../runtime/storage/index.js';
import type { HistoryStorage } from '../../runtime/storage/interface.js';
import { Registry } from '../../runtime/registry/registry.js';
import { WatchCacheSet } from '../../runtime/registry/watchcaches.js';
import { CacheEvent, type WatchEventType } from '../../runtime/registry/watchcache.js';
import type { CachedObject } from '../../runtime/registry/cachedobject.js';
import { API, CONFIGMAPS, USING_GENERATED, WIDGETS, configMap, namespace, widget } from '../server/testserver.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON

const WAIT_MS = 10_000;

async function loadGroups(): Promise<GroupRegistration[]> {
  if (USING_GENERATED) return (await import('../../generated/index.js')).groups;
  return (await import('../fixtures/server/groups.js')).serverTestGroups;
}

/** Reads that reach storage, counted by wrapping the storage object's own methods. */
class StorageReads {
  list = 0;
  get = 0;
  eventsSince = 0;

  constructor(storage: HistoryStorage) {
    const list = storage.list.bind(storage);
    const get = storage.get.bind(storage);
    const eventsSince = storage.eventsSince.bind(storage);
    storage.list = (...args) => (this.list++, list(...args));
    storage.get = (...args) => (this.get++, get(...args));
    storage.eventsSince = (...args) => (this.eventsSince++, eventsSince(...args));
  }

  reset(): void {
    this.list = this.get = this.eventsSince = 0;
  }

  get total(): number {
    return this.list + this.get + this.eventsSince;
  }
}

/** The server's read path and watch path, assembled from the real components. */
class Harness {
  private constructor(
    readonly dir: string,
    readonly storage: HistoryStorage,
    readonly caches: WatchCacheSet,
    readonly http: Server,
    readonly url: string,
    readonly reads: StorageReads,
  ) {}

  static async start(): Promise<Harness> {
    const dir = await mkdtemp(join(tmpdir(), 'kapi-watchcache-'));
    const storage = await openStorage('level', dir);
    const scheme = new Scheme(await loadGroups());
    const registry = new Registry(scheme, storage);
    // As the server does it: caches first (they subscribe before listing), then the bootstrap.
    const caches = await WatchCacheSet.start(registry.all(), storage);
    await registry.bootstrap();
    const app = new Koa();
    app.silent = true;
    app.use(recovery(pino({ level: 'silent' })));
    app.use(requestInfo());
    app.use(resourceRoutes(scheme, new RESTMapper(scheme), registry));
    const http = createServer(app.callback());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    return new Harness(dir, storage, caches, http, url, new StorageReads(storage));
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Obj; text: string }> {
    const res = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Obj, text };
  }

  async ok(method: string, path: string, body?: unknown, status = method === 'POST' ? 201 : 200): Promise<Obj> {
    const res = await this.request(method, path, body);
    expect(res.status, `${method} ${path}: ${res.text}`).to.equal(status);
    return res.body;
  }

  async stop(): Promise<void> {
    this.caches.stop(); // ends every watch
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
    await this.storage.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A watch over plain node:http keeping each event's raw line (to compare bytes across watchers). */
class RawWatch {
  readonly lines: string[] = [];
  private buffer = '';
  private constructor(private readonly close: () => void) {}

  static open(base: string, path: string): Promise<RawWatch> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(base + path, { agent: false }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => w.feed(chunk));
        res.on('error', () => undefined);
        resolve(w);
      });
      const w = new RawWatch(() => req.destroy());
      req.on('error', reject);
      req.end();
    });
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      this.lines.push(this.buffer.slice(0, nl));
      this.buffer = this.buffer.slice(nl + 1);
    }
  }

  async count(n: number): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (this.lines.length < n) {
      if (Date.now() > deadline) throw new Error(`got ${this.lines.length} of ${n} watch events: ${this.lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  stop(): void {
    this.close();
  }
}

/** Counts the memo lookups on CacheEvent and the encodings behind them (the encoder is the watch
 * stream's encodeLine, called by CacheEvent.encoded only on a memo miss). */
class EncodeCounter {
  lookups = 0;
  readonly encodings: string[] = [];
  private readonly restore: () => void;

  constructor() {
    const encoded = CacheEvent.prototype.encoded;
    const encodeLine = WatchStream.prototype.encodeLine;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrappers need both `this`es
    const counter = this;
    CacheEvent.prototype.encoded = function (this: CacheEvent, ...args: Parameters<CacheEvent['encoded']>) {
      counter.lookups++;
      return encoded.apply(this, args);
    };
    WatchStream.prototype.encodeLine = function (this: WatchStream, type: WatchEventType, obj: CachedObject) {
      const bytes = encodeLine.call(this, type, obj);
      const line = JSON.parse(new TextDecoder().decode(bytes)) as Obj;
      counter.encodings.push(`${type} ${obj.key}@${obj.modRevision} ${line.object.apiVersion}`);
      return bytes;
    };
    this.restore = () => {
      CacheEvent.prototype.encoded = encoded;
      WatchStream.prototype.encodeLine = encodeLine;
    };
  }

  uninstall(): void {
    this.restore();
  }
}

describe('watch cache (real storage, real cache, real handlers)', function () {
  this.timeout(60_000);
  let h: Harness;
  const ns = 'wc';

  before(async () => {
    h = await Harness.start();
    await h.ok('POST', '/api/v1/namespaces', namespace(ns));
  });
  after(async () => {
    await h?.stop();
  });

  describe('(a) encode once per event, not once per watcher', () => {
    let counter: EncodeCounter | undefined;
    let watches: RawWatch[] = [];
    afterEach(() => {
      counter?.uninstall();
      counter = undefined;
      for (const w of watches) w.stop();
      watches = [];
    });

    it('N watchers on one version share one encoding of each event; a second version adds one more', async () => {
      const N = 6;
      const newPath = WIDGETS(ns);
      const oldPath = `/apis/${API.widgetOldApiVersion}/namespaces/${ns}/widgets`;
      const rv = (await h.ok('GET', newPath)).metadata.resourceVersion as string;
      // From a revision: no initial ADDED lines, only the events that follow.
      const query = `?watch=true&resourceVersion=${rv}`;
      const newWatches = await Promise.all(Array.from({ length: N }, () => RawWatch.open(h.url, newPath + query)));
      const oldWatches = await Promise.all(Array.from({ length: N }, () => RawWatch.open(h.url, oldPath + query)));
      watches = [...newWatches, ...oldWatches];
      counter = new EncodeCounter();

      const created = await h.ok('POST', newPath, widget('shared'));
      const changed = await h.ok('PUT', `${newPath}/shared`, { ...created, metadata: { ...created.metadata, labels: { x: 'y' } } });
      await h.ok('DELETE', `${newPath}/shared`);
      await Promise.all(watches.map((w) => w.count(3)));

      // Every watcher of a version got the very same bytes.
      const types = (w: RawWatch) => w.lines.map((l) => (JSON.parse(l) as Obj).type as string);
      for (const group of [newWatches, oldWatches]) {
        for (const w of group) {
          expect(w.lines).to.deep.equal(group[0].lines);
          expect(types(w)).to.deep.equal(['ADDED', 'MODIFIED', 'DELETED']);
        }
      }
      expect((JSON.parse(newWatches[0].lines[0]) as Obj).object.apiVersion).to.equal(API.widgetApiVersion);
      expect((JSON.parse(oldWatches[0].lines[0]) as Obj).object.apiVersion).to.equal(API.widgetOldApiVersion);

      // 2N watchers asked the memo for each of the 3 events; it encoded each once per version.
      expect(counter.lookups).to.equal(3 * 2 * N);
      const key = `/registry/example.com/widgets/${ns}/shared`;
      const at = (o: Obj) => Number(o.metadata.resourceVersion);
      expect(counter.encodings.map((e) => e.replace(/@\d+/, '')).sort()).to.deep.equal(
        [
          `ADDED ${key} ${API.widgetApiVersion}`,
          `ADDED ${key} ${API.widgetOldApiVersion}`,
          `MODIFIED ${key} ${API.widgetApiVersion}`,
          `MODIFIED ${key} ${API.widgetOldApiVersion}`,
          `DELETED ${key} ${API.widgetApiVersion}`,
          `DELETED ${key} ${API.widgetOldApiVersion}`,
        ].sort(),
      );
      expect(counter.encodings.filter((e) => e.startsWith('ADDED')).every((e) => e.includes(`@${at(created)} `))).to.equal(true);
      expect(counter.encodings.filter((e) => e.startsWith('MODIFIED')).every((e) => e.includes(`@${at(changed)} `))).to.equal(true);
    });
  });

  describe('(b) resourceVersion "0" and NotOlderThan lists are served without storage', () => {
    it('reads no key from storage, whatever the path, page size or revision asked for', async () => {
      const made: Obj[] = [];
      for (const name of ['b1', 'b2', 'b3']) made.push(await h.ok('POST', CONFIGMAPS(ns), configMap(name)));
      const firstRV = made[0].metadata.resourceVersion as string;
      const lastRV = made[2].metadata.resourceVersion as string;
      const names = (list: Obj) => (list.items as Obj[]).map((i) => i.metadata.name as string).filter((n) => n.startsWith('b'));

      h.reads.reset();
      const any = await h.ok('GET', `${CONFIGMAPS(ns)}?resourceVersion=0`);
      expect(names(any)).to.deep.equal(['b1', 'b2', 'b3']);
      const everywhere = await h.ok('GET', '/api/v1/configmaps?resourceVersion=0');
      expect(names(everywhere)).to.deep.equal(['b1', 'b2', 'b3']);
      const page1 = await h.ok('GET', `${CONFIGMAPS(ns)}?resourceVersion=0&limit=2`);
      expect(page1.metadata.continue).to.be.a('string');
      const page2 = await h.ok('GET', `${CONFIGMAPS(ns)}?limit=2&continue=${encodeURIComponent(page1.metadata.continue as string)}`);
      expect([...names(page1), ...names(page2)]).to.deep.equal(['b1', 'b2', 'b3']);
      for (const rv of [lastRV, firstRV]) {
        const list = await h.ok('GET', `${CONFIGMAPS(ns)}?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`);
        expect(names(list)).to.deep.equal(['b1', 'b2', 'b3']);
        expect(Number(list.metadata.resourceVersion)).to.be.at.least(Number(lastRV));
      }
      expect({ list: h.reads.list, get: h.reads.get, eventsSince: h.reads.eventsSince }).to.deep.equal({ list: 0, get: 0, eventsSince: 0 });

      // A GET of one object is served by the cache too; the counters do see storage reads: a
      // create (which checks the key) goes there.
      await h.ok('GET', `${CONFIGMAPS(ns)}/b1`);
      expect(h.reads.get).to.equal(0);
      await h.ok('POST', `${CONFIGMAPS(ns)}?dryRun=All`, configMap('b4'));
      expect(h.reads.get).to.be.at.least(1);
    });
  });

  describe('(c) a consistent list right after a write includes the write', () => {
    it('creates, updates and deletes show in the very next list (sequential)', async () => {
      for (let i = 0; i < 25; i++) {
        const name = `c-${i}`;
        const made = await h.ok('POST', CONFIGMAPS(ns), configMap(name, { v: '0' }));
        h.reads.reset();
        let list = await h.ok('GET', CONFIGMAPS(ns));
        expect(h.reads.total, 'the consistent list read storage').to.equal(0);
        expect(Number(list.metadata.resourceVersion)).to.be.at.least(Number(made.metadata.resourceVersion));
        const found = (list.items as Obj[]).find((o) => o.metadata.name === name);
        expect(found?.metadata.resourceVersion, `${name} missing from the list after its create`).to.equal(made.metadata.resourceVersion);

        const changed = await h.ok('PUT', `${CONFIGMAPS(ns)}/${name}`, { ...made, data: { v: '1' } });
        list = await h.ok('GET', CONFIGMAPS(ns));
        const after = (list.items as Obj[]).find((o) => o.metadata.name === name);
        expect(after?.data, `${name}'s update missing from the list`).to.deep.equal({ v: '1' });
        expect(after?.metadata.resourceVersion).to.equal(changed.metadata.resourceVersion);

        await h.ok('DELETE', `${CONFIGMAPS(ns)}/${name}`);
        list = await h.ok('GET', CONFIGMAPS(ns));
        expect((list.items as Obj[]).map((o) => o.metadata.name), `${name} still listed after its delete`).to.not.include(name);
      }
    });

    it('each of many concurrent writers finds its own write in the list it makes next', async () => {
      const results = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const made = await h.ok('POST', CONFIGMAPS(ns), configMap(`p-${i}`));
          const list = await h.ok('GET', CONFIGMAPS(ns));
          const names = (list.items as Obj[]).map((o) => o.metadata.name as string);
          return { name: `p-${i}`, listed: names.includes(`p-${i}`), listRV: Number(list.metadata.resourceVersion), rv: Number(made.metadata.resourceVersion) };
        }),
      );
      expect(results.filter((r) => !r.listed || r.listRV < r.rv)).to.deep.equal([]);
    });
  });
});
