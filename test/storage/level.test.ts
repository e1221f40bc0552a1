// LevelStorage against a real LevelDB in a temp dir: semantics, concurrency, history, restarts and
// durability across kill -9.

import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StorageError, type KeyValue, type StorageEvent } from '../../runtime/storage/interface.js';
import { LevelStorage } from '../../runtime/storage/level.js';
import { openStorage } from '../../runtime/storage/index.js';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const text = (value: Uint8Array): string => Buffer.from(value).toString('utf8');
const key = (name: string, ns = 'default'): string => `/registry/example.com/widgets/${ns}/${name}`;

async function expectStorageError(promise: Promise<unknown>, code: StorageError['code']): Promise<StorageError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(StorageError);
    expect((err as StorageError).code).to.equal(code);
    return err as StorageError;
  }
  throw new Error(`expected StorageError ${code}, but the call succeeded`);
}

describe('LevelStorage', function () {
  let dir: string;
  let storage: LevelStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kapi-storage-'));
    storage = await LevelStorage.open(dir);
  });

  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function reopen(): Promise<void> {
    await storage.close();
    storage = await LevelStorage.open(dir);
  }

  describe('create and get', () => {
    it('stores a value with create and mod revision of the write', async () => {
      expect(storage.currentRevision()).to.equal(0);
      const created = await storage.create(key('a'), bytes('{"n":1}'));
      expect(created).to.include({ key: key('a'), createRevision: 1, modRevision: 1 });
      expect(storage.currentRevision()).to.equal(1);
      const got = await storage.get(key('a'));
      expect(got).to.not.equal(null);
      expect(text(got!.value)).to.equal('{"n":1}');
      expect(got).to.include({ key: key('a'), createRevision: 1, modRevision: 1 });
    });

    it('returns null for a missing key', async () => {
      expect(await storage.get(key('missing'))).to.equal(null);
    });

    it('refuses to create an existing key', async () => {
      await storage.create(key('a'), bytes('1'));
      await expectStorageError(storage.create(key('a'), bytes('2')), 'KeyExists');
      expect(text((await storage.get(key('a')))!.value)).to.equal('1');
      expect(storage.currentRevision()).to.equal(1);
    });

    it('stores empty and binary values exactly', async () => {
      const binary = new Uint8Array([0, 255, 1, 254, 0]);
      await storage.create(key('empty'), new Uint8Array(0));
      await storage.create(key('bin'), binary);
      expect((await storage.get(key('empty')))!.value.byteLength).to.equal(0);
      expect(Buffer.from((await storage.get(key('bin')))!.value).equals(Buffer.from(binary))).to.equal(true);
    });

    it('rejects keys that are empty or in the internal keyspace', async () => {
      for (const bad of ['', '\x00meta/revision']) {
        for (const call of [() => storage.create(bad, bytes('x')), () => storage.get(bad), () => storage.delete(bad)]) {
          const outcome = await call().then(
            () => 'resolved',
            (err: unknown) => err,
          );
          expect(outcome).to.be.instanceOf(TypeError);
        }
      }
    });
  });

  describe('list', () => {
    beforeEach(async () => {
      for (const name of ['c', 'a', 'b', 'e', 'd']) await storage.create(key(name), bytes(name));
      await storage.create(key('z', 'other'), bytes('z'));
      await storage.create('/registry/example.com/widgetsx/default/y', bytes('y'));
    });

    it('returns the keys under a prefix in key order with the current revision', async () => {
      const result = await storage.list('/registry/example.com/widgets/default/');
      expect(result.items.map((i) => text(i.value))).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
      expect(result.revision).to.equal(storage.currentRevision()).and.equal(7);
      expect(result.more).to.equal(false);
      expect(result.items[0]).to.include({ createRevision: 2, modRevision: 2 });
    });

    it('does not mix a prefix with a longer sibling name', async () => {
      const result = await storage.list('/registry/example.com/widgets/');
      expect(result.items.map((i) => i.key)).to.deep.equal([
        ...['a', 'b', 'c', 'd', 'e'].map((n) => key(n)),
        key('z', 'other'),
      ]);
    });

    it('pages with limit, more and startAfter', async () => {
      const prefix = '/registry/example.com/widgets/default/';
      const seen: string[] = [];
      let startAfter: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await storage.list(prefix, { limit: 2, startAfter });
        pages++;
        seen.push(...page.items.map((i) => text(i.value)));
        if (!page.more) break;
        startAfter = page.items[page.items.length - 1]!.key;
      }
      expect(seen).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
      expect(pages).to.equal(3);
      const exact = await storage.list(prefix, { limit: 5 });
      expect(exact.items).to.have.length(5);
      expect(exact.more).to.equal(false);
    });

    it('treats a startAfter before the prefix as the start of the prefix', async () => {
      const page = await storage.list('/registry/example.com/widgets/default/', { startAfter: '/a' });
      expect(page.items).to.have.length(5);
    });

    it('never shows internal keys, even for the empty prefix', async () => {
      const all = await storage.list('');
      expect(all.items).to.have.length(7);
      expect(all.items.every((i) => i.key.startsWith('/registry/'))).to.equal(true);
      expect((await storage.list('\x00')).items).to.have.length(0);
    });

    it('orders non-ASCII keys by their UTF-8 bytes and keeps them under their prefix', async () => {
      await storage.create('/u/\u00e9', bytes('e-acute'));
      await storage.create('/u/\u{1F600}', bytes('emoji'));
      await storage.create('/u/\uffff', bytes('max-bmp'));
      await storage.create('/u/a', bytes('a'));
      await storage.create('/v', bytes('v'));
      const result = await storage.list('/u/');
      expect(result.items.map((i) => text(i.value))).to.deep.equal(['a', 'e-acute', 'max-bmp', 'emoji']);
    });
  });

  describe('guaranteedUpdate', () => {
    it('replaces the value, bumping modRevision and keeping createRevision', async () => {
      await storage.create(key('a'), bytes('1'));
      await storage.create(key('other'), bytes('x'));
      const updated = await storage.guaranteedUpdate(key('a'), (current) => {
        expect(text(current!.value)).to.equal('1');
        return bytes('2');
      });
      expect(updated).to.include({ createRevision: 1, modRevision: 3 });
      expect((await storage.get(key('a')))).to.include({ createRevision: 1, modRevision: 3 });
      expect(text((await storage.get(key('a')))!.value)).to.equal('2');
    });

    it('passes null for a missing key and may create it', async () => {
      let seen: KeyValue | null | undefined;
      const created = await storage.guaranteedUpdate(key('new'), (current) => {
        seen = current;
        return bytes('fresh');
      });
      expect(seen).to.equal(null);
      expect(created).to.include({ createRevision: 1, modRevision: 1 });
    });

    it('passes tryUpdate errors through unchanged and writes nothing', async () => {
      await storage.create(key('a'), bytes('1'));
      const boom = new Error('boom');
      try {
        await storage.guaranteedUpdate(key('a'), async () => {
          throw boom;
        });
        expect.fail('should have thrown');
      } catch (err) {
        expect(err).to.equal(boom);
      }
      expect(storage.currentRevision()).to.equal(1);
      // The lock was released: the next write goes through.
      await storage.guaranteedUpdate(key('a'), () => bytes('2'));
    });

    it('writes nothing when tryUpdate returns undefined or identical bytes', async () => {
      const created = await storage.create(key('a'), bytes('1'));
      const same = await storage.guaranteedUpdate(key('a'), () => undefined);
      expect(same.modRevision).to.equal(created.modRevision);
      const identical = await storage.guaranteedUpdate(key('a'), () => bytes('1'));
      expect(identical.modRevision).to.equal(created.modRevision);
      expect(storage.currentRevision()).to.equal(1);
      await expectStorageError(storage.guaranteedUpdate(key('missing'), () => undefined), 'KeyNotFound');
    });

    it('throws Conflict on a stale expectedModRevision without calling tryUpdate', async () => {
      const created = await storage.create(key('a'), bytes('1'));
      await storage.guaranteedUpdate(key('a'), () => bytes('2'), created.modRevision);
      let called = false;
      await expectStorageError(
        storage.guaranteedUpdate(
          key('a'),
          () => {
            called = true;
            return bytes('3');
          },
          created.modRevision,
        ),
        'Conflict',
      );
      expect(called).to.equal(false);
      expect(text((await storage.get(key('a')))!.value)).to.equal('2');
    });

    it('throws KeyNotFound when a precondition names a missing key', async () => {
      await expectStorageError(storage.guaranteedUpdate(key('missing'), () => bytes('x'), 5), 'KeyNotFound');
    });
  });

  describe('delete', () => {
    it('returns the last value with the delete revision and removes the key', async () => {
      await storage.create(key('a'), bytes('1'));
      const deleted = await storage.delete(key('a'));
      expect(deleted).to.include({ key: key('a'), createRevision: 1, modRevision: 2 });
      expect(text(deleted.value)).to.equal('1');
      expect(await storage.get(key('a'))).to.equal(null);
      expect(storage.currentRevision()).to.equal(2);
    });

    it('throws KeyNotFound for a missing key and Conflict for a stale revision', async () => {
      await expectStorageError(storage.delete(key('missing')), 'KeyNotFound');
      const created = await storage.create(key('a'), bytes('1'));
      await storage.guaranteedUpdate(key('a'), () => bytes('2'));
      await expectStorageError(storage.delete(key('a'), created.modRevision), 'Conflict');
      const current = await storage.get(key('a'));
      await storage.delete(key('a'), current!.modRevision);
      expect(await storage.get(key('a'))).to.equal(null);
    });

    it('gives a re-created key a new createRevision', async () => {
      await storage.create(key('a'), bytes('1'));
      await storage.delete(key('a'));
      const again = await storage.create(key('a'), bytes('2'));
      expect(again).to.include({ createRevision: 3, modRevision: 3 });
    });
  });

  describe('concurrency', () => {
    it('gives 200 concurrent creates distinct increasing revisions and keeps them all', async () => {
      const n = 200;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => storage.create(key(`obj-${String(i).padStart(3, '0')}`), bytes(`${i}`))),
      );
      const revisions = results.map((r) => r.modRevision);
      expect(new Set(revisions).size).to.equal(n);
      // Calls were issued in order, so revisions follow call order.
      expect(revisions).to.deep.equal(Array.from({ length: n }, (_, i) => i + 1));
      expect(storage.currentRevision()).to.equal(n);
      const listed = await storage.list('/registry/example.com/widgets/default/');
      expect(listed.items).to.have.length(n);
      expect(listed.items.map((i) => text(i.value))).to.deep.equal(results.map((_, i) => `${i}`));
    });

    it('lets exactly one of two concurrent creates of one key win', async () => {
      const outcomes = await Promise.allSettled([
        storage.create(key('a'), bytes('first')),
        storage.create(key('a'), bytes('second')),
      ]);
      expect(outcomes[0]!.status).to.equal('fulfilled');
      expect(outcomes[1]!.status).to.equal('rejected');
      expect(((outcomes[1] as PromiseRejectedResult).reason as StorageError).code).to.equal('KeyExists');
      expect(text((await storage.get(key('a')))!.value)).to.equal('first');
    });

    it('increments a counter exactly N times with concurrent guaranteedUpdates', async () => {
      await storage.create(key('counter'), bytes('0'));
      const n = 100;
      const updates = Array.from({ length: n }, (_, i) =>
        storage.guaranteedUpdate(key('counter'), async (current) => {
          if (i % 3 === 0) await new Promise((resolve) => setImmediate(resolve)); // async tryUpdate
          return bytes(String(Number(text(current!.value)) + 1));
        }),
      );
      const results = await Promise.all(updates);
      expect(text((await storage.get(key('counter')))!.value)).to.equal(String(n));
      expect(results.map((r) => text(r.value))).to.deep.equal(results.map((_, i) => String(i + 1)));
      expect(storage.currentRevision()).to.equal(n + 1);
    });

    it('lets a queued update see an earlier uncommitted write to the same key', async () => {
      const create = storage.create(key('a'), bytes('1'));
      const update = storage.guaranteedUpdate(key('a'), (current) => bytes(text(current!.value) + '+2'));
      const del = storage.delete(key('a'), 2);
      const [c, u, d] = await Promise.all([create, update, del]);
      expect(c.modRevision).to.equal(1);
      expect(text(u.value)).to.equal('1+2');
      expect(d.modRevision).to.equal(3);
      expect(await storage.get(key('a'))).to.equal(null);
    });

    it('gives Conflict to the second of two updates holding the same revision', async () => {
      const created = await storage.create(key('a'), bytes('1'));
      const outcomes = await Promise.allSettled([
        storage.guaranteedUpdate(key('a'), () => bytes('x'), created.modRevision),
        storage.guaranteedUpdate(key('a'), () => bytes('y'), created.modRevision),
      ]);
      expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected']);
      expect(((outcomes[1] as PromiseRejectedResult).reason as StorageError).code).to.equal('Conflict');
    });

    it('shows readers only committed writes', async () => {
      const pending = storage.create(key('a'), bytes('1'));
      expect(await storage.get(key('a'))).to.equal(null);
      expect(storage.currentRevision()).to.equal(0);
      expect((await storage.list('/registry/')).items).to.have.length(0);
      await pending;
      expect(await storage.get(key('a'))).to.not.equal(null);
    });

    it('commits concurrent writes in few synced batches (group commit)', async () => {
      const n = 500;
      await Promise.all(Array.from({ length: n }, (_, i) => storage.create(key(`g-${i}`), bytes('x'))));
      expect(storage.commitStats.writes).to.equal(n);
      expect(storage.commitStats.batches).to.be.lessThan(10);
    });

    it('batches writes that arrive while a sync is in flight', async () => {
      const first = storage.create(key('first'), bytes('x'));
      await new Promise((resolve) => setImmediate(resolve)); // the first batch is now syncing
      const later = Array.from({ length: 50 }, (_, i) => storage.create(key(`later-${i}`), bytes('x')));
      await Promise.all([first, ...later]);
      expect(storage.commitStats).to.deep.equal({ batches: 2, writes: 51 });
    });
  });

  describe('events', () => {
    it('calls listeners after commit, in revision order, with prevValue', async () => {
      const events: StorageEvent[] = [];
      const revisionsAtCall: number[] = [];
      storage.onEvent((e) => {
        events.push(e);
        revisionsAtCall.push(storage.currentRevision());
      });
      await Promise.all([
        storage.create(key('a'), bytes('1')),
        storage.create(key('b'), bytes('1')),
        storage.guaranteedUpdate(key('a'), () => bytes('2')),
        storage.delete(key('b')),
      ]);
      expect(events.map((e) => [e.type, e.key, e.revision])).to.deep.equal([
        ['ADDED', key('a'), 1],
        ['ADDED', key('b'), 2],
        ['MODIFIED', key('a'), 3],
        ['DELETED', key('b'), 4],
      ]);
      expect(events[0]!.prevValue).to.equal(undefined);
      expect(text(events[2]!.prevValue!)).to.equal('1');
      expect(text(events[3]!.value)).to.equal('1');
      expect(text(events[3]!.prevValue!)).to.equal('1');
      revisionsAtCall.forEach((rev, i) => expect(rev).to.be.at.least(events[i]!.revision));
    });

    it('stops calling an unsubscribed listener and survives a throwing one', async () => {
      let calls = 0;
      const stop = storage.onEvent(() => calls++);
      const throwing = storage.onEvent(() => {
        throw new Error('listener bug');
      });
      const warnings: string[] = [];
      const onWarning = (w: Error): void => {
        warnings.push(w.message);
      };
      process.on('warning', onWarning);
      try {
        await storage.create(key('a'), bytes('1'));
        stop();
        throwing();
        await storage.create(key('b'), bytes('1'));
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('warning', onWarning);
      }
      expect(calls).to.equal(1);
      expect(warnings.some((w) => w.includes('listener bug'))).to.equal(true);
    });
  });

  describe('history log', () => {
    it('replays events after a revision, including deletes', async () => {
      await storage.create(key('a'), bytes('1'));
      await storage.create(key('b'), bytes('1'));
      await storage.guaranteedUpdate(key('a'), () => bytes('2'));
      await storage.delete(key('b'));
      await storage.create(key('c'), bytes('1'));

      const all = await storage.eventsSince(0);
      expect(all.map((e) => [e.type, e.key, e.revision])).to.deep.equal([
        ['ADDED', key('a'), 1],
        ['ADDED', key('b'), 2],
        ['MODIFIED', key('a'), 3],
        ['DELETED', key('b'), 4],
        ['ADDED', key('c'), 5],
      ]);
      const after = await storage.eventsSince(2);
      expect(after.map((e) => e.revision)).to.deep.equal([3, 4, 5]);
      expect(text(after[0]!.value)).to.equal('2');
      expect(text(after[0]!.prevValue!)).to.equal('1');
      expect(after[1]!.type).to.equal('DELETED');
      expect(text(after[1]!.value)).to.equal('1');
      expect(await storage.eventsSince(5)).to.deep.equal([]);
      expect(await storage.eventsSince(99)).to.deep.equal([]);
    });

    it('matches what listeners saw', async () => {
      const heard: StorageEvent[] = [];
      storage.onEvent((e) => heard.push(e));
      await Promise.all(Array.from({ length: 30 }, (_, i) => storage.create(key(`k${i % 7}-${i}`), bytes(`${i}`))));
      await storage.guaranteedUpdate(key('k0-0'), () => bytes('changed'));
      await storage.delete(key('k1-1'));
      const replayed = await storage.eventsSince(0);
      const shape = (e: StorageEvent): unknown[] => [
        e.type,
        e.key,
        e.revision,
        text(e.value),
        e.prevValue === undefined ? null : text(e.prevValue),
      ];
      expect(replayed.map(shape)).to.deep.equal(heard.map(shape));
    });

    it('compacts old entries and refuses replays from before the compacted revision', async () => {
      for (let i = 1; i <= 10; i++) await storage.create(key(`k${i}`), bytes(`${i}`));
      expect(storage.compactedRevision()).to.equal(0);
      await storage.compact(6); // drops revisions 1..5
      expect(storage.compactedRevision()).to.equal(5);
      const err = await expectStorageError(storage.eventsSince(4), 'Compacted');
      expect(err.message).to.include('compacted');
      expect((await storage.eventsSince(5)).map((e) => e.revision)).to.deep.equal([6, 7, 8, 9, 10]);
      // Compaction touches history only, never data.
      expect((await storage.list('/registry/')).items).to.have.length(10);

      await storage.compact(3); // older than the current compaction: no-op
      expect(storage.compactedRevision()).to.equal(5);
      await storage.compact(1000); // clamped to the current revision
      expect(storage.compactedRevision()).to.equal(10);
      expect(await storage.eventsSince(10)).to.deep.equal([]);

      await reopen();
      expect(storage.compactedRevision()).to.equal(10);
      await expectStorageError(storage.eventsSince(9), 'Compacted');
      await storage.create(key('after'), bytes('x'));
      expect((await storage.eventsSince(10)).map((e) => e.revision)).to.deep.equal([11]);
    });
  });

  describe('restart', () => {
    it('keeps data and continues revisions monotonically', async () => {
      await storage.create(key('a'), bytes('1'));
      await storage.create(key('b'), bytes('2'));
      await storage.delete(key('b'));
      await reopen();
      expect(storage.currentRevision()).to.equal(3);
      expect(text((await storage.get(key('a')))!.value)).to.equal('1');
      expect(await storage.get(key('b'))).to.equal(null);
      const next = await storage.create(key('c'), bytes('3'));
      expect(next.modRevision).to.equal(4);
      expect((await storage.eventsSince(0)).map((e) => e.revision)).to.deep.equal([1, 2, 3, 4]);
    });

    it('flushes writes still queued when closed', async () => {
      const writes = Array.from({ length: 20 }, (_, i) => storage.create(key(`q${i}`), bytes(`${i}`)));
      await storage.close();
      await Promise.all(writes);
      storage = await LevelStorage.open(dir);
      expect((await storage.list('/registry/')).items).to.have.length(20);
      expect(storage.currentRevision()).to.equal(20);
    });

    it('refuses use after close and a second open of the same directory', async () => {
      await expectStorageError(LevelStorage.open(dir), 'Unavailable');
      await storage.close();
      await expectStorageError(storage.create(key('a'), bytes('1')), 'Unavailable');
      await expectStorageError(storage.get(key('a')), 'Unavailable');
      storage = await LevelStorage.open(dir);
    });

    it('opens through the openStorage factory in a level/ subfolder', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'kapi-storage-factory-'));
      try {
        const store = await openStorage('level', dataDir);
        await store.create(key('a'), bytes('1'));
        await store.close();
        const again = await LevelStorage.open(join(dataDir, 'level'));
        expect(again.currentRevision()).to.equal(1);
        await again.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('durability', () => {
    it('keeps every acknowledged write after kill -9', async function () {
      this.timeout(60000);
      await storage.close();
      const script = fileURLToPath(new URL('./fixtures/kill-writer.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', script, dir, '1000000', '16'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const acked = new Map<string, number>();
      let buffered = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines) {
            const [rev, k] = line.split(' ');
            acked.set(k!, Number(rev));
          }
          if (acked.size >= 2000 && child.exitCode === null && !child.killed) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`writer exited before being killed: ${stderr}`)));
      });
      expect(await exited).to.equal('SIGKILL');

      storage = await LevelStorage.open(dir);
      const maxAcked = Math.max(...acked.values());
      expect(storage.currentRevision()).to.be.at.least(maxAcked);
      for (const [k, rev] of acked) {
        const kv = await storage.get(k);
        expect(kv, `acknowledged ${k}@${rev} lost`).to.not.equal(null);
        expect(kv!.modRevision).to.equal(rev);
      }
      // The history agrees with the data, and new writes continue after the recovered revision.
      const events = await storage.eventsSince(0);
      expect(events).to.have.length(storage.currentRevision());
      const next = await storage.create(key('after-crash'), bytes('x'));
      expect(next.modRevision).to.equal(storage.currentRevision()).and.be.greaterThan(maxAcked);
    });
  });
});
