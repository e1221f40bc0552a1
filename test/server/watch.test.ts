// Watch end to end against the real server (issue 3): resourceVersion semantics (unset, "0", a
// revision, too old -> in-band 410), timeoutSeconds, bookmarks, sendInitialEvents, selector
// enter/leave, the three path shapes, exactly-once delivery under 1,000 concurrent writes, the
// slow-watcher cut-off and monotonic revisions across a restart.
import { expect } from 'chai';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API,
  CONFIGMAPS,
  GADGETS,
  type TestServer,
  WIDGETS,
  configMap,
  namespace,
  startTestServer,
  widget,
} from './testserver.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON

interface WatchEvent {
  type: string;
  object: Obj;
}

const WAIT_MS = 20_000;

/** A streaming watch over plain node:http: collects the NDJSON events as they arrive. */
class Watch {
  readonly events: WatchEvent[] = [];
  status = 0;
  headers: IncomingHttpHeaders = {};
  /** Resolves when the stream ends: 'end' (clean), or 'error' (reset / aborted). */
  readonly ended: Promise<'end' | 'error'>;
  private buffer = '';
  private listeners: (() => void)[] = [];
  private finish!: (how: 'end' | 'error') => void;
  private closeRequest: () => void = () => undefined;
  done = false;

  private constructor() {
    this.ended = new Promise((resolve) => {
      this.finish = (how) => {
        if (this.done) return;
        this.done = true;
        resolve(how);
        this.notify();
      };
    });
  }

  static open(base: string, path: string): Promise<Watch> {
    const w = new Watch();
    return new Promise((resolve, reject) => {
      const req = httpRequest(base + path, { agent: false, headers: { accept: 'application/json' } }, (res) => {
        w.status = res.statusCode ?? 0;
        w.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => w.feed(chunk));
        res.on('end', () => w.finish('end'));
        res.on('aborted', () => w.finish('error'));
        res.on('error', () => w.finish('error'));
        res.on('close', () => w.finish(res.complete ? 'end' : 'error'));
        resolve(w);
      });
      req.on('error', (err) => {
        w.finish('error');
        reject(err);
      });
      req.end();
      w.closeRequest = () => req.destroy();
    });
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (line.trim() !== '') this.events.push(JSON.parse(line) as WatchEvent);
    }
    this.notify();
  }

  private notify(): void {
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l();
  }

  /** Waits until `ok(events)` holds (or fails with what arrived so far). */
  async until(ok: (events: WatchEvent[]) => boolean, what: string, ms = WAIT_MS): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok(this.events)) {
      if (this.done) throw new Error(`watch ended before ${what}; got ${this.describe()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  count(n: number, what = `${n} events`): Promise<void> {
    return this.until((e) => e.length >= n, what);
  }

  /** Events other than BOOKMARK. */
  changes(): WatchEvent[] {
    return this.events.filter((e) => e.type !== 'BOOKMARK');
  }

  describe(): string {
    return JSON.stringify(this.events.map((e) => [e.type, e.object?.metadata?.name, e.object?.metadata?.resourceVersion]));
  }

  close(): void {
    this.closeRequest();
  }
}

const summary = (events: WatchEvent[]) => events.map((e) => `${e.type} ${e.object.metadata?.name}`);
const rvOf = (o: Obj) => Number(o.metadata.resourceVersion);

async function created(s: TestServer, path: string, body: Obj): Promise<Obj> {
  const res = await s.post(path, body);
  expect(res.status, res.text).to.equal(201);
  return res.body as Obj;
}

async function updated(s: TestServer, path: string, body: Obj): Promise<Obj> {
  const res = await s.put(path, body);
  expect(res.status, res.text).to.equal(200);
  return res.body as Obj;
}

async function deleted(s: TestServer, path: string): Promise<void> {
  const res = await s.del(path);
  expect(res.status, res.text).to.equal(200);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function expectExpiredEvent(w: Watch, rv: number): void {
  expect(w.status).to.equal(200);
  expect(w.events, w.describe()).to.have.length(1);
  const [e] = w.events;
  expect(e.type).to.equal('ERROR');
  expect(e.object).to.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
  expect(e.object.message).to.match(new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`));
}

describe('server watch', function () {
  this.timeout(120_000);
  let s: TestServer;
  const watches: Watch[] = [];
  const open = async (path: string): Promise<Watch> => {
    const w = await Watch.open(s.url, path);
    watches.push(w);
    return w;
  };

  before(async () => {
    s = await startTestServer({ args: ['--watch-bookmark-interval', '200ms'] });
    for (const ns of ['wa', 'wb', 'wsel', 'wload', 'wdel']) await created(s, '/api/v1/namespaces', namespace(ns));
  });
  afterEach(() => {
    for (const w of watches.splice(0)) w.close();
  });
  after(async () => {
    await s?.stop();
  });

  describe('resourceVersion', () => {
    it('unset: synthetic ADDED for the current state, then the changes', async () => {
      const a = await created(s, WIDGETS('wa'), widget('a1'));
      await created(s, WIDGETS('wa'), widget('a2'));
      const w = await open(`${WIDGETS('wa')}?watch=true`);
      expect(w.status).to.equal(200);
      expect(w.headers['content-type']).to.match(/^application\/json/);
      expect(w.headers['transfer-encoding']).to.equal('chunked');
      await w.count(2, 'the initial state');
      expect(summary(w.events)).to.deep.equal(['ADDED a1', 'ADDED a2']);
      expect(w.events[0].object).to.include({ apiVersion: API.widgetApiVersion, kind: 'Widget' });
      expect(w.events[0].object.metadata.resourceVersion).to.equal(a.metadata.resourceVersion);
      const upd = await updated(s, `${WIDGETS('wa')}/a1`, { ...a, spec: { color: 'blue' } });
      await deleted(s, `${WIDGETS('wa')}/a2`);
      await w.count(4);
      expect(summary(w.events)).to.deep.equal(['ADDED a1', 'ADDED a2', 'MODIFIED a1', 'DELETED a2']);
      expect(w.events[2].object.metadata.resourceVersion).to.equal(upd.metadata.resourceVersion);
      expect(w.events[2].object.spec.color).to.equal('blue');
      expect(rvOf(w.events[3].object)).to.be.greaterThan(rvOf(upd));
      await deleted(s, `${WIDGETS('wa')}/a1`);
    });

    it('"0": the current state (from the cache), then the changes', async () => {
      await created(s, WIDGETS('wa'), widget('z1'));
      const w = await open(`${WIDGETS('wa')}?watch=true&resourceVersion=0`);
      await w.count(1);
      expect(summary(w.events)).to.deep.equal(['ADDED z1']);
      await created(s, WIDGETS('wa'), widget('z2'));
      await w.count(2);
      expect(summary(w.events)).to.deep.equal(['ADDED z1', 'ADDED z2']);
      await deleted(s, `${WIDGETS('wa')}/z1`);
      await deleted(s, `${WIDGETS('wa')}/z2`);
    });

    it('a revision: exactly the events after it, in order', async () => {
      const b1 = await created(s, WIDGETS('wb'), widget('b1'));
      const b2 = await created(s, WIDGETS('wb'), widget('b2'));
      const b1v2 = await updated(s, `${WIDGETS('wb')}/b1`, { ...b1, spec: { color: 'green' } });
      await deleted(s, `${WIDGETS('wb')}/b2`);
      const w = await open(`${WIDGETS('wb')}?watch=true&resourceVersion=${b1.metadata.resourceVersion}`);
      await w.count(3);
      expect(summary(w.events)).to.deep.equal(['ADDED b2', 'MODIFIED b1', 'DELETED b2']);
      expect(w.events.map((e) => e.object.metadata.resourceVersion).slice(0, 2)).to.deep.equal([
        b2.metadata.resourceVersion,
        b1v2.metadata.resourceVersion,
      ]);
      // Nothing else is pending: the next event is the next write.
      await deleted(s, `${WIDGETS('wb')}/b1`);
      await w.count(4);
      expect(summary(w.events)).to.deep.equal(['ADDED b2', 'MODIFIED b1', 'DELETED b2', 'DELETED b1']);
    });

    it('a delete between a LIST and a WATCH from its revision arrives as DELETED', async () => {
      await created(s, WIDGETS('wdel'), widget('keep'));
      await created(s, WIDGETS('wdel'), widget('gone'));
      const list = await s.get(WIDGETS('wdel'));
      expect(list.status).to.equal(200);
      const listRV = list.body.metadata.resourceVersion as string;
      expect((list.body.items as Obj[]).map((i) => i.metadata.name)).to.deep.equal(['gone', 'keep']);
      await deleted(s, `${WIDGETS('wdel')}/gone`);
      const w = await open(`${WIDGETS('wdel')}?watch=true&resourceVersion=${listRV}`);
      await w.count(1);
      expect(summary(w.events)).to.deep.equal(['DELETED gone']);
      expect(rvOf(w.events[0].object)).to.be.greaterThan(Number(listRV));
    });

    it('a revision the server has not reached yet waits for it', async () => {
      const list = await s.get(WIDGETS('wb'));
      const next = Number(list.body.metadata.resourceVersion) + 1;
      const pending = open(`${WIDGETS('wb')}?watch=true&resourceVersion=${next}`);
      await created(s, WIDGETS('wb'), widget('future'));
      const w = await pending;
      await created(s, WIDGETS('wb'), widget('future2'));
      await w.count(1);
      // Events after `next` only: `future` may or may not be at exactly `next`.
      expect(summary(w.events).at(-1)).to.equal('ADDED future2');
      await deleted(s, `${WIDGETS('wb')}/future`);
      await deleted(s, `${WIDGETS('wb')}/future2`);
    });

    it('an invalid resourceVersion is a 400', async () => {
      const res = await s.get(`${WIDGETS('wa')}?watch=true&resourceVersion=abc`);
      expect(res.status, res.text).to.equal(400);
      expect(res.body).to.include({ kind: 'Status', reason: 'BadRequest', code: 400 });
    });
  });

  describe('stream options', () => {
    it('timeoutSeconds ends the stream cleanly', async () => {
      const started = Date.now();
      const w = await open(`${WIDGETS('wa')}?watch=true&timeoutSeconds=1`);
      expect(await w.ended).to.equal('end');
      expect(Date.now() - started).to.be.at.least(900);
    });

    it('allowWatchBookmarks sends BOOKMARKs with the current revision', async () => {
      const w = await open(`${WIDGETS('wa')}?watch=true&allowWatchBookmarks=true`);
      await w.until((e) => e.some((x) => x.type === 'BOOKMARK'), 'a bookmark');
      const b = w.events.find((x) => x.type === 'BOOKMARK')!;
      expect(b.object).to.deep.equal({
        kind: 'Widget',
        apiVersion: API.widgetApiVersion,
        metadata: { resourceVersion: b.object.metadata.resourceVersion },
      });
      const obj = await created(s, WIDGETS('wa'), widget('bm'));
      await w.until(
        (e) => e.some((x) => x.type === 'BOOKMARK' && rvOf(x.object) >= rvOf(obj)),
        'a bookmark at the new revision',
      );
      await deleted(s, `${WIDGETS('wa')}/bm`);
    });

    it('no BOOKMARKs unless asked for', async () => {
      const w = await open(`${WIDGETS('wa')}?watch=true&resourceVersion=0&timeoutSeconds=1`);
      await w.ended;
      expect(w.events.filter((e) => e.type === 'BOOKMARK')).to.deep.equal([]);
    });

    it('sendInitialEvents: ADDED, the initial-events-end BOOKMARK, then the changes', async () => {
      await created(s, WIDGETS('wb'), widget('i1'));
      await created(s, WIDGETS('wb'), widget('i2'));
      const w = await open(
        `${WIDGETS('wb')}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`,
      );
      await w.until((e) => e.some((x) => x.object.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true'), 'the end bookmark');
      const endAt = w.events.findIndex((x) => x.object.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true');
      expect(w.events[endAt].type).to.equal('BOOKMARK');
      const initial = w.events.slice(0, endAt).filter((e) => e.type !== 'BOOKMARK');
      expect(summary(initial).filter((x) => / i[12]$/.test(x))).to.deep.equal(['ADDED i1', 'ADDED i2']);
      expect(initial.every((e) => e.type === 'ADDED')).to.equal(true);
      const endRV = rvOf(w.events[endAt].object);
      expect(endRV).to.be.at.least(Math.max(...initial.map((e) => rvOf(e.object))));
      await deleted(s, `${WIDGETS('wb')}/i1`);
      await w.until((e) => e.slice(endAt + 1).some((x) => x.type === 'DELETED'), 'the delete');
      expect(summary(w.changes().slice(initial.length))).to.deep.equal(['DELETED i1']);
      await deleted(s, `${WIDGETS('wb')}/i2`);
    });

    it('sendInitialEvents with a revision starts at a state at least that new', async () => {
      const o = await created(s, WIDGETS('wb'), widget('i3'));
      const w = await open(
        `${WIDGETS('wb')}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=${o.metadata.resourceVersion}`,
      );
      await w.until((e) => e.some((x) => x.type === 'BOOKMARK'), 'the end bookmark');
      expect(summary(w.changes())).to.include('ADDED i3');
      await deleted(s, `${WIDGETS('wb')}/i3`);
    });

    it('invalid option combinations are refused as kube-apiserver refuses them', async () => {
      const cases = [
        'sendInitialEvents=true&allowWatchBookmarks=true', // no resourceVersionMatch
        'sendInitialEvents=true&resourceVersionMatch=NotOlderThan', // no bookmarks
        'resourceVersionMatch=NotOlderThan&resourceVersion=1', // match without sendInitialEvents
        'sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=Exact',
      ];
      for (const q of cases) {
        const res = await s.get(`${WIDGETS('wa')}?watch=true&${q}`);
        expect(res.status, `${q}: ${res.text}`).to.equal(422);
        expect(res.body, q).to.include({ kind: 'Status', reason: 'Invalid', code: 422 });
        expect(res.body.details, q).to.include({ kind: 'ListOptions', group: 'meta.k8s.io' });
      }
      const bad = await s.get(`${WIDGETS('wa')}?watch=true&allowWatchBookmarks=maybe`);
      expect(bad.status, bad.text).to.equal(400);
    });
  });

  describe('paths', () => {
    it('namespaced, all-namespaces and cluster-scoped collections', async () => {
      const nsW = await open(`${WIDGETS('wa')}?watch=true&resourceVersion=0`);
      const allW = await open(`/apis/${API.widgetApiVersion}/widgets?watch=true&resourceVersion=0`);
      const viaPath = await open(`/apis/${API.widgetApiVersion}/watch/namespaces/wb/widgets?resourceVersion=0`);
      const cluster = await open(`${GADGETS}?watch=true`);
      const core = await open(`${CONFIGMAPS('wa')}?watch=true`);
      const base = allW.events.length;
      await sleep(200);
      await created(s, WIDGETS('wa'), widget('p-a'));
      await created(s, WIDGETS('wb'), widget('p-b'));
      await created(s, GADGETS, { apiVersion: API.gadgetApiVersion, kind: 'Gadget', metadata: { name: 'g1' }, spec: {} });
      await created(s, CONFIGMAPS('wa'), configMap('cm1'));
      await nsW.until((e) => summary(e).includes('ADDED p-a'), 'p-a');
      await allW.until((e) => summary(e).includes('ADDED p-a') && summary(e).includes('ADDED p-b'), 'p-a and p-b');
      await viaPath.until((e) => summary(e).includes('ADDED p-b'), 'p-b');
      await cluster.until((e) => summary(e).includes('ADDED g1'), 'g1');
      await core.until((e) => summary(e).includes('ADDED cm1'), 'cm1');
      expect(summary(nsW.events)).to.not.include('ADDED p-b');
      expect(summary(viaPath.events)).to.not.include('ADDED p-a');
      expect(summary(allW.events.slice(base))).to.include.members(['ADDED p-a', 'ADDED p-b']);
      expect(cluster.events.find((e) => e.object.metadata.name === 'g1')!.object).to.include({ kind: 'Gadget' });
      expect(core.events.find((e) => e.object.metadata.name === 'cm1')!.object).to.include({ kind: 'ConfigMap', apiVersion: 'v1' });
      // The same object, watched at another version, arrives in that version.
      const old = await open(`/apis/${API.widgetOldApiVersion}/namespaces/wa/widgets?watch=true&resourceVersion=0`);
      await old.until((e) => summary(e).includes('ADDED p-a'), 'p-a in the old version');
      expect(old.events.find((e) => e.object.metadata.name === 'p-a')!.object.apiVersion).to.equal(API.widgetOldApiVersion);
      await deleted(s, `${WIDGETS('wa')}/p-a`);
      await deleted(s, `${WIDGETS('wb')}/p-b`);
      await deleted(s, `${GADGETS}/g1`);
      await deleted(s, `${CONFIGMAPS('wa')}/cm1`);
    });
  });

  describe('selectors', () => {
    it('an object entering the label selection is ADDED, leaving it is DELETED', async () => {
      const path = WIDGETS('wsel');
      const w = await open(`${path}?watch=true&labelSelector=${encodeURIComponent('app=web')}`);
      await sleep(100);
      let o = await created(s, path, widget('s1', { color: 'red' }, { labels: { app: 'db' } }));
      o = await updated(s, `${path}/s1`, { ...o, metadata: { ...o.metadata, labels: { app: 'web' } } });
      o = await updated(s, `${path}/s1`, { ...o, spec: { color: 'blue' } });
      o = await updated(s, `${path}/s1`, { ...o, metadata: { ...o.metadata, labels: { app: 'db' } } });
      o = await updated(s, `${path}/s1`, { ...o, spec: { color: 'green' } });
      await deleted(s, `${path}/s1`);
      const marker = await created(s, path, widget('s2', { color: 'red' }, { labels: { app: 'web' } }));
      await w.until((e) => summary(e).includes('ADDED s2'), 'the marker');
      expect(summary(w.events)).to.deep.equal(['ADDED s1', 'MODIFIED s1', 'DELETED s1', 'ADDED s2']);
      // Leaving is reported at the revision of the write that made it leave.
      expect(w.events[2].object.metadata.labels).to.deep.equal({ app: 'web' });
      expect(rvOf(w.events[2].object)).to.be.greaterThan(rvOf(w.events[1].object));
      expect(rvOf(w.events[3].object)).to.equal(rvOf(marker));
      await deleted(s, `${path}/s2`);
    });

    it('field selectors on metadata and on selectable fields', async () => {
      const path = WIDGETS('wsel');
      const byColor = await open(`${path}?watch=true&fieldSelector=${encodeURIComponent('spec.color=red')}`);
      const byName = await open(`${path}?watch=true&fieldSelector=${encodeURIComponent('metadata.name=f2')}`);
      await sleep(100);
      let f1 = await created(s, path, widget('f1', { color: 'blue' }));
      await created(s, path, widget('f2', { color: 'red' }));
      f1 = await updated(s, `${path}/f1`, { ...f1, spec: { color: 'red' } });
      await updated(s, `${path}/f1`, { ...f1, spec: { color: 'blue' } });
      await deleted(s, `${path}/f2`);
      await byColor.count(4);
      expect(summary(byColor.events)).to.deep.equal(['ADDED f2', 'ADDED f1', 'DELETED f1', 'DELETED f2']);
      await byName.count(2);
      expect(summary(byName.events)).to.deep.equal(['ADDED f2', 'DELETED f2']);
      await deleted(s, `${path}/f1`);
    });

    it('selectors filter the initial state and the replay too', async () => {
      const path = WIDGETS('wsel');
      const a = await created(s, path, widget('r1', { color: 'red' }, { labels: { keep: 'yes' } }));
      await created(s, path, widget('r2', { color: 'red' }));
      const initial = await open(`${path}?watch=true&labelSelector=keep`);
      await initial.count(1);
      expect(summary(initial.events)).to.deep.equal(['ADDED r1']);
      const replay = await open(`${path}?watch=true&labelSelector=!keep&resourceVersion=${a.metadata.resourceVersion}`);
      await replay.count(1);
      expect(summary(replay.events)).to.deep.equal(['ADDED r2']);
      await deleted(s, `${path}/r1`);
      await deleted(s, `${path}/r2`);
    });

    it('invalid selectors are 400', async () => {
      const bad = await s.get(`${WIDGETS('wsel')}?watch=true&labelSelector=${encodeURIComponent('a in b')}`);
      expect(bad.status, bad.text).to.equal(400);
      const field = await s.get(`${WIDGETS('wsel')}?watch=true&fieldSelector=spec.foo=1`);
      expect(field.status, field.text).to.equal(400);
      expect(field.body.message).to.equal('field label not supported: spec.foo');
    });
  });

  describe('under load', () => {
    it('events after a revision arrive exactly once and in order across 1,000 concurrent writes', async () => {
      const path = WIDGETS('wload');
      const list = await s.get(path);
      const start = list.body.metadata.resourceVersion as string;
      const live = await open(`${path}?watch=true&resourceVersion=${start}`);
      const names = Array.from({ length: 1000 }, (_, i) => `l-${String(i).padStart(4, '0')}`);
      // 1,000 writes in flight at once (below the server's mutating in-flight budget of 200 they
      // would queue in the client; 429s are retried).
      const results = await Promise.all(
        names.map(async (name) => {
          for (;;) {
            const res = await s.post(path, widget(name));
            if (res.status === 429) {
              await sleep(50);
              continue;
            }
            expect(res.status, res.text).to.equal(201);
            return res.body as Obj;
          }
        }),
      );
      const expected = results.map((o) => rvOf(o)).sort((x, y) => x - y);
      expect(new Set(expected).size).to.equal(1000);
      // Another watcher resumes from the same revision after the fact: it replays the window.
      const replay = await open(`${path}?watch=true&resourceVersion=${start}`);
      for (const w of [live, replay]) {
        await w.count(1000, '1000 events');
        await sleep(300); // anything extra would have arrived by now
        expect(w.events).to.have.length(1000);
        expect(w.events.every((e) => e.type === 'ADDED')).to.equal(true);
        const rvs = w.events.map((e) => rvOf(e.object));
        expect(rvs).to.deep.equal(expected);
        expect(new Set(w.events.map((e) => e.object.metadata.name)).size).to.equal(1000);
      }
    });
  });
});

describe('server watch: history limits', function () {
  this.timeout(120_000);

  it('a watch from a revision that left the event window gets one ERROR 410, then the end', async () => {
    const s = await startTestServer({ args: ['--watch-cache-size', '5'] });
    try {
      await created(s, '/api/v1/namespaces', namespace('small'));
      const first = await created(s, CONFIGMAPS('small'), configMap('c0'));
      for (let i = 1; i <= 8; i++) await created(s, CONFIGMAPS('small'), configMap(`c${i}`));
      const rv = rvOf(first);
      const w = await Watch.open(s.url, `${CONFIGMAPS('small')}?watch=true&resourceVersion=${rv}`);
      expect(await w.ended).to.equal('end');
      expectExpiredEvent(w, rv);
      // The window still serves recent revisions.
      const list = await s.get(CONFIGMAPS('small'));
      const recent = await Watch.open(s.url, `${CONFIGMAPS('small')}?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
      await created(s, CONFIGMAPS('small'), configMap('c9'));
      await recent.count(1);
      expect(summary(recent.events)).to.deep.equal(['ADDED c9']);
      recent.close();
    } finally {
      await s.stop();
    }
  });

  it('a watch from a compacted revision gets the in-band 410', async () => {
    const s = await startTestServer({ args: ['--compaction-interval', '300ms'] });
    try {
      await created(s, '/api/v1/namespaces', namespace('cmp'));
      const first = await created(s, CONFIGMAPS('cmp'), configMap('a'));
      const rv = rvOf(first);
      await created(s, CONFIGMAPS('cmp'), configMap('b'));
      await created(s, CONFIGMAPS('cmp'), configMap('c'));
      // Compaction keeps one interval of history: wait until it has passed `rv`.
      const deadline = Date.now() + 20_000;
      let w: Watch;
      for (;;) {
        w = await Watch.open(s.url, `${CONFIGMAPS('cmp')}?watch=true&resourceVersion=${rv}`);
        await w.until((e) => e.length > 0, 'an event');
        if (w.events[0].type === 'ERROR') break;
        w.close();
        expect(Date.now(), 'compaction never reached the revision').to.be.below(deadline);
        await sleep(200);
      }
      expect(await w.ended).to.equal('end');
      expectExpiredEvent(w, rv);
      // A list at the compacted revision is gone too.
      const exact = await s.get(`${CONFIGMAPS('cmp')}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
      expect(exact.status, exact.text).to.equal(410);
      expect(exact.body).to.include({ reason: 'Expired', code: 410 });
      // ...and a fresh list + watch still works.
      const list = await s.get(CONFIGMAPS('cmp'));
      expect(list.status).to.equal(200);
      const fresh = await Watch.open(s.url, `${CONFIGMAPS('cmp')}?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
      await created(s, CONFIGMAPS('cmp'), configMap('d'));
      await fresh.until((e) => summary(e).includes('ADDED d'), 'd');
      expect(fresh.events[0].type).to.not.equal('ERROR');
      fresh.close();
    } finally {
      await s.stop();
    }
  });
});

describe('server watch: slow watchers', function () {
  this.timeout(120_000);

  it('a watcher that does not read is cut off without holding back the others', async () => {
    const s = await startTestServer({ args: ['--watch-max-queued-events', '20'] });
    try {
      await created(s, '/api/v1/namespaces', namespace('slow'));
      const path = `${CONFIGMAPS('slow')}?watch=true&resourceVersion=0`;
      const fast = await Watch.open(s.url, path);
      // A raw client that sends the request and then never reads.
      const url = new URL(s.url);
      const sock = connect(Number(url.port), url.hostname);
      let received = 0;
      let closed = false;
      sock.on('data', (d: Buffer) => (received += d.length));
      sock.on('error', () => undefined);
      const sockClosed = new Promise<void>((resolve) =>
        sock.on('close', () => {
          closed = true;
          resolve();
        }),
      );
      await new Promise<void>((resolve) => sock.once('connect', () => resolve()));
      sock.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAccept: application/json\r\n\r\n`);
      await sleep(300);
      sock.pause();
      // ~25 MB of events: far beyond what the kernel's socket buffers hold.
      const big = 'x'.repeat(256 * 1024);
      const writes = 100;
      for (let i = 0; i < writes; i++) await created(s, CONFIGMAPS('slow'), configMap(`big-${i}`, { big }));
      await fast.count(writes, 'every event at the reading watcher');
      expect(summary(fast.events)).to.deep.equal(Array.from({ length: writes }, (_, i) => `ADDED big-${i}`));
      // The paused one was dropped: reading now shows a closed connection with fewer bytes.
      sock.resume();
      await Promise.race([sockClosed, sleep(20_000)]);
      expect(closed, 'the slow watcher was not cut off').to.equal(true);
      expect(received).to.be.below(writes * big.length);
      // The server is fine and the client can watch again.
      const again = await Watch.open(s.url, path);
      await again.count(writes);
      again.close();
      fast.close();
    } finally {
      await s.stop();
    }
  });
});

describe('server watch: restart', function () {
  this.timeout(120_000);

  it('keeps revisions monotonic and serves watches after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kapi-watch-restart-'));
    try {
      let s = await startTestServer({ dataDir });
      await created(s, '/api/v1/namespaces', namespace('rs'));
      const before = await created(s, CONFIGMAPS('rs'), configMap('before'));
      const upd = await updated(s, `${CONFIGMAPS('rs')}/before`, { ...before, data: { a: '2' } });
      const listBefore = await s.get(CONFIGMAPS('rs'));
      const rvBefore = Number(listBefore.body.metadata.resourceVersion);
      expect(rvBefore).to.be.at.least(rvOf(upd));
      expect(await s.stop()).to.equal(0);

      s = await startTestServer({ dataDir });
      try {
        const listAfter = await s.get(CONFIGMAPS('rs'));
        expect(Number(listAfter.body.metadata.resourceVersion)).to.be.at.least(rvBefore);
        expect(listAfter.body.items[0].metadata.resourceVersion).to.equal(upd.metadata.resourceVersion);
        const w = await Watch.open(s.url, `${CONFIGMAPS('rs')}?watch=true&resourceVersion=${listAfter.body.metadata.resourceVersion}`);
        const after = await created(s, CONFIGMAPS('rs'), configMap('after'));
        expect(rvOf(after)).to.be.greaterThan(rvBefore);
        await w.count(1);
        expect(summary(w.events)).to.deep.equal(['ADDED after']);
        expect(rvOf(w.events[0].object)).to.equal(rvOf(after));
        w.close();
        // A watch from before the restart either replays what followed or says 410: never silence.
        const old = await Watch.open(s.url, `${CONFIGMAPS('rs')}?watch=true&resourceVersion=${rvOf(before)}`);
        await old.until((e) => e.length > 0, 'an event');
        if (old.events[0].type === 'ERROR') expect(old.events[0].object).to.include({ code: 410, reason: 'Expired' });
        else {
          await old.until((e) => summary(e).includes('ADDED after'), 'the replay');
          expect(summary(old.events)).to.deep.equal(['MODIFIED before', 'ADDED after']);
        }
        old.close();
      } finally {
        await s.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
