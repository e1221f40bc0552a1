// Registry integration (real level storage, generated groups or the fixture): namespace
// admission while terminating, and finishing an interrupted namespace deletion at start-up.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Scheme } from '../../runtime/machinery/scheme.js';
import type { GroupRegistration } from '../../runtime/machinery/registration.js';
import { isStatusError } from '../../runtime/machinery/errors.js';
import { openStorage } from '../../runtime/storage/index.js';
import type { Storage } from '../../runtime/storage/interface.js';
import { Registry } from '../../runtime/registry/registry.js';
import { USING_GENERATED } from './testserver.js';

async function loadGroups(): Promise<GroupRegistration[]> {
  if (USING_GENERATED) return (await import('../../generated/index.js')).groups;
  return (await import('../fixtures/server/groups.js')).serverTestGroups;
}

describe('registry namespaces (integration)', () => {
  let dir: string;
  let storage: Storage;
  let registry: Registry;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kapi-registry-'));
    storage = await openStorage('level', dir);
    registry = new Registry(new Scheme(await loadGroups()), storage);
    await registry.bootstrap();
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses new content in a terminating namespace (403) and finishes its deletion on start', async () => {
    const namespaces = registry.storeFor('', 'namespaces')!;
    const configmaps = registry.storeFor('', 'configmaps')!;
    await namespaces.create('', { metadata: { name: 'half' }, spec: {} });
    await configmaps.create('half', { metadata: { name: 'c' }, data: {} });
    // A crash after the namespace was marked, before it was emptied.
    await namespaces.markDeleting('', 'half', (o) => {
      o.status = { phase: 'Terminating' };
    });
    try {
      await configmaps.create('half', { metadata: { name: 'late' }, data: {} });
      expect.fail('create in a terminating namespace must fail');
    } catch (err) {
      expect(isStatusError(err, 'Forbidden'), String(err)).to.equal(true);
      expect((err as Error).message).to.equal('namespaces "half" is forbidden: unable to create new content in namespace half because it is being terminated');
    }
    await new Registry(new Scheme(await loadGroups()), storage).bootstrap();
    expect((await namespaces.list('')).items.map((n) => (n.metadata as { name: string }).name)).to.not.include('half');
    expect((await configmaps.list('half')).items).to.deep.equal([]);
  });

  it('keeps system namespaces on repeated bootstraps (same uid)', async () => {
    const namespaces = registry.storeFor('', 'namespaces')!;
    const before = await namespaces.get('', 'default');
    await registry.bootstrap();
    const after = await namespaces.get('', 'default');
    expect(after.metadata).to.deep.equal(before.metadata);
  });
});
