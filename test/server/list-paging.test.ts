// List end to end (issue 3): resourceVersion / resourceVersionMatch semantics, limit + continue
// paging on one consistent snapshot while writes happen, remainingItemCount, expired tokens (410
// with a fresh token) and kube's errors for invalid combinations.
import { expect } from 'chai';
import { type Response, type TestServer, CONFIGMAPS, WIDGETS, configMap, namespace, startTestServer, widget } from './testserver.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON

function q(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  return '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

function ok(res: Response): Obj {
  expect(res.status, res.text).to.equal(200);
  return res.body as Obj;
}

const names = (list: Obj) => (list.items as Obj[]).map((i) => i.metadata.name as string);
const pad = (i: number) => String(i).padStart(3, '0');

async function create(s: TestServer, path: string, body: Obj): Promise<Obj> {
  const res = await s.post(path, body);
  expect(res.status, res.text).to.equal(201);
  return res.body as Obj;
}

/** Follows `continue` until the end; returns every page. */
async function allPages(s: TestServer, path: string, limit: number, extra: Record<string, string> = {}): Promise<Obj[]> {
  const pages: Obj[] = [ok(await s.get(path + q({ ...extra, limit })))];
  while (pages[pages.length - 1].metadata.continue) {
    pages.push(ok(await s.get(path + q({ ...extra, limit, continue: pages[pages.length - 1].metadata.continue }))));
  }
  return pages;
}

function expectStatus(res: Response, code: number, reason: string): void {
  expect(res.status, res.text).to.equal(code);
  expect(res.body).to.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
}

describe('server list: paging and resourceVersion', function () {
  this.timeout(120_000);
  let s: TestServer;

  before(async () => {
    s = await startTestServer();
    for (const ns of ['pg', 'pg2', 'rvs']) await create(s, '/api/v1/namespaces', namespace(ns));
    for (let i = 0; i < 30; i++) await create(s, WIDGETS('pg'), widget(`w-${pad(i)}`));
    for (let i = 0; i < 5; i++) await create(s, WIDGETS('pg2'), widget(`x-${pad(i)}`, { color: 'red' }, { labels: { tier: i % 2 ? 'b' : 'a' } }));
  });
  after(async () => {
    await s?.stop();
  });

  describe('limit and continue', () => {
    it('pages through everything with remainingItemCount', async () => {
      const pages = await allPages(s, WIDGETS('pg'), 7);
      expect(pages.map((p) => p.items.length)).to.deep.equal([7, 7, 7, 7, 2]);
      expect(pages.map((p) => p.metadata.remainingItemCount)).to.deep.equal([23, 16, 9, 2, undefined]);
      expect(pages.flatMap(names)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `w-${pad(i)}`));
      const rv = pages[0].metadata.resourceVersion;
      expect(pages.every((p) => p.metadata.resourceVersion === rv)).to.equal(true);
      expect(pages[4].metadata.continue).to.equal(undefined);
    });

    it('a limit of at least the size returns everything, without a token', async () => {
      const list = ok(await s.get(WIDGETS('pg') + q({ limit: 30 })));
      expect(list.items).to.have.length(30);
      expect(list.metadata).to.not.have.property('continue');
      expect(list.metadata).to.not.have.property('remainingItemCount');
    });

    it('the all-namespaces list pages across namespaces', async () => {
      const pages = await allPages(s, '/apis/example.com/v1/widgets', 4);
      const all = pages.flatMap((p) => (p.items as Obj[]).map((i) => `${i.metadata.namespace}/${i.metadata.name}`));
      expect(all).to.have.length(35);
      expect(all.slice(-5)).to.deep.equal(Array.from({ length: 5 }, (_, i) => `pg2/x-${pad(i)}`));
    });

    it('a label selector fills pages with matches only', async () => {
      const pages = await allPages(s, WIDGETS('pg2'), 2, { labelSelector: 'tier=a' });
      expect(pages.flatMap(names)).to.deep.equal(['x-000', 'x-002', 'x-004']);
      expect(pages[0].items).to.have.length(2);
    });

    it('all pages are one snapshot while writes happen', async () => {
      const path = WIDGETS('pg');
      const first = ok(await s.get(path + q({ limit: 6 })));
      const snapshotRV = Number(first.metadata.resourceVersion);
      // A writer keeps changing the collection in the background.
      let stop = false;
      let writes = 0;
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          await create(s, path, widget(`w-${pad(i)}-new`));
          writes++;
        }
      })();
      const pages = [first];
      let n = 0;
      while (pages[pages.length - 1].metadata.continue) {
        // Between pages: delete an object a later page holds, and update another one.
        const victim = `w-${pad(29 - n)}`;
        expect((await s.del(`${path}/${victim}`)).status).to.equal(200);
        const current = ok(await s.get(`${path}/w-${pad(20 - n)}`));
        const upd = await s.put(`${path}/w-${pad(20 - n)}`, { ...current, spec: { color: 'changed' } });
        expect(upd.status, upd.text).to.equal(200);
        n++;
        pages.push(ok(await s.get(path + q({ limit: 6, continue: pages[pages.length - 1].metadata.continue }))));
      }
      stop = true;
      await writer;
      expect(writes).to.be.greaterThan(0);
      const items = pages.flatMap((p) => p.items as Obj[]);
      expect(items.map((i) => i.metadata.name)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `w-${pad(i)}`));
      expect(items.every((i) => Number(i.metadata.resourceVersion) <= snapshotRV)).to.equal(true);
      expect(items.every((i) => i.spec.color === 'red')).to.equal(true);
      expect(pages.every((p) => p.metadata.resourceVersion === String(snapshotRV))).to.equal(true);
      // The latest state shows the writes.
      const now = ok(await s.get(path));
      expect(names(now)).to.not.include('w-029');
      expect(names(now)).to.include('w-000-new');
    });

    it('an invalid continue token is a 400', async () => {
      expectStatus(await s.get(WIDGETS('pg') + q({ continue: 'not-a-token' })), 400, 'BadRequest');
      const other = ok(await s.get(WIDGETS('pg2') + q({ limit: 1 })));
      expectStatus(await s.get(WIDGETS('pg') + q({ continue: other.metadata.continue })), 400, 'BadRequest');
      expectStatus(await s.get(WIDGETS('pg') + q({ limit: 'x' })), 400, 'BadRequest');
    });

    it('resourceVersion with continue is a 400', async () => {
      const first = ok(await s.get(WIDGETS('pg2') + q({ limit: 2 })));
      const res = await s.get(WIDGETS('pg2') + q({ limit: 2, continue: first.metadata.continue, resourceVersion: first.metadata.resourceVersion }));
      expectStatus(res, 400, 'BadRequest');
      expect(res.body.message).to.equal('specifying resource version is not allowed when using continue');
    });
  });

  describe('resourceVersion and resourceVersionMatch', () => {
    let oldRV: string;
    let v1: Obj;

    before(async () => {
      v1 = await create(s, CONFIGMAPS('rvs'), configMap('one', { v: '1' }));
      oldRV = v1.metadata.resourceVersion as string;
      const upd = await s.put(`${CONFIGMAPS('rvs')}/one`, { ...v1, data: { v: '2' } });
      expect(upd.status).to.equal(200);
      await create(s, CONFIGMAPS('rvs'), configMap('two'));
    });

    it('unset and "0" give the latest state', async () => {
      for (const params of [{}, { resourceVersion: '0' }]) {
        const list = ok(await s.get(CONFIGMAPS('rvs') + q(params)));
        expect(names(list)).to.deep.equal(['one', 'two']);
        expect(list.items[0].data).to.deep.equal({ v: '2' });
        expect(Number(list.metadata.resourceVersion)).to.be.greaterThan(Number(oldRV));
      }
    });

    it('Exact gives the state at that revision', async () => {
      const list = ok(await s.get(CONFIGMAPS('rvs') + q({ resourceVersion: oldRV, resourceVersionMatch: 'Exact' })));
      expect(list.metadata.resourceVersion).to.equal(oldRV);
      expect(names(list)).to.deep.equal(['one']);
      expect(list.items[0].data).to.deep.equal({ v: '1' });
      expect(list.items[0].metadata.resourceVersion).to.equal(oldRV);
      // A revision with a limit and no match is Exact too (kube's legacy rule).
      const paged = ok(await s.get(CONFIGMAPS('rvs') + q({ resourceVersion: oldRV, limit: 5 })));
      expect(names(paged)).to.deep.equal(['one']);
      expect(paged.metadata.resourceVersion).to.equal(oldRV);
    });

    it('NotOlderThan (and a revision without a match) give a state at least that new', async () => {
      for (const params of [{ resourceVersion: oldRV, resourceVersionMatch: 'NotOlderThan' }, { resourceVersion: oldRV }]) {
        const list = ok(await s.get(CONFIGMAPS('rvs') + q(params)));
        expect(Number(list.metadata.resourceVersion)).to.be.at.least(Number(oldRV));
        expect(names(list)).to.deep.equal(['one', 'two']);
      }
    });

    it('NotOlderThan a revision not reached yet waits for it, then 504 with ResourceVersionTooLarge', async () => {
      const now = Number(ok(await s.get(CONFIGMAPS('rvs'))).metadata.resourceVersion);
      // Reached while waiting: served.
      const pending = s.get(CONFIGMAPS('rvs') + q({ resourceVersion: now + 1, resourceVersionMatch: 'NotOlderThan' }));
      await create(s, CONFIGMAPS('rvs'), configMap('three'));
      const served = ok(await pending);
      expect(Number(served.metadata.resourceVersion)).to.be.at.least(now + 1);
      expect(names(served)).to.include('three');
      // Never reached: 504.
      const res = await s.get(CONFIGMAPS('rvs') + q({ resourceVersion: now + 1000, resourceVersionMatch: 'NotOlderThan' }));
      expectStatus(res, 504, 'Timeout');
      expect(res.body.message).to.match(/^Timeout: Too large resource version: \d+, current: \d+$/);
      expect(res.body.details.causes[0]).to.include({ reason: 'ResourceVersionTooLarge' });
    });

    it('invalid combinations are refused as kube-apiserver refuses them', async () => {
      const invalid = [
        { resourceVersionMatch: 'Exact' }, // match without resourceVersion
        { resourceVersionMatch: 'NotOlderThan' },
        { resourceVersion: '0', resourceVersionMatch: 'Exact' },
        { resourceVersion: oldRV, resourceVersionMatch: 'Newest' },
        { sendInitialEvents: 'true' }, // watch only
      ];
      for (const params of invalid) {
        const res = await s.get(CONFIGMAPS('rvs') + q(params));
        expectStatus(res, 422, 'Invalid');
        expect(res.body.details, JSON.stringify(params)).to.include({ group: 'meta.k8s.io', kind: 'ListOptions' });
      }
      expectStatus(await s.get(CONFIGMAPS('rvs') + q({ resourceVersion: 'abc' })), 400, 'BadRequest');
    });
  });
});

describe('server list: history limits', function () {
  this.timeout(120_000);

  it('an expired continue token is a 410 carrying a token that continues at the latest state', async () => {
    const s = await startTestServer({ args: ['--watch-cache-size', '5'] });
    try {
      await create(s, '/api/v1/namespaces', namespace('exp'));
      for (let i = 0; i < 6; i++) await create(s, CONFIGMAPS('exp'), configMap(`c-${i}`));
      const first = ok(await s.get(CONFIGMAPS('exp') + q({ limit: 2 })));
      expect(names(first)).to.deep.equal(['c-0', 'c-1']);
      // Enough writes that the first page's snapshot leaves the window.
      for (let i = 0; i < 6; i++) await create(s, CONFIGMAPS('exp'), configMap(`d-${i}`));
      const res = await s.get(CONFIGMAPS('exp') + q({ limit: 2, continue: first.metadata.continue }));
      expectStatus(res, 410, 'Expired');
      expect(res.body.message).to.match(/^The provided continue parameter is too old to display a consistent list result\./);
      const fresh = res.body.metadata.continue as string;
      expect(fresh).to.be.a('string').and.not.equal('');
      const next = ok(await s.get(CONFIGMAPS('exp') + q({ limit: 100, continue: fresh })));
      expect(names(next)).to.deep.equal(['c-2', 'c-3', 'c-4', 'c-5', 'd-0', 'd-1', 'd-2', 'd-3', 'd-4', 'd-5']);
      // Exact for a revision that left the window: 410.
      const exact = await s.get(CONFIGMAPS('exp') + q({ resourceVersion: first.metadata.resourceVersion, resourceVersionMatch: 'Exact' }));
      expectStatus(exact, 410, 'Expired');
      expect(exact.body.message).to.equal('The resourceVersion for the provided list is too old.');
    } finally {
      await s.stop();
    }
  });
});
