// Indexer and Lister rules, without a server.
import { expect } from 'chai';
import { Indexer, NAMESPACE_INDEX } from '../../runtime/client/cache/indexer.js';
import { DeletedFinalStateUnknown } from '../../runtime/client/cache/keys.js';
import { parseLabelSelector } from '../../runtime/client/cache/labels.js';
import { Lister } from '../../runtime/client/cache/lister.js';
import { StatusError } from '../../runtime/machinery/errors.js';
import type { KubeObject } from '../../runtime/client/types.js';

function obj(name: string, ns: string, labels: Record<string, string> = {}, rv = '1'): KubeObject {
  return { metadata: { name, namespace: ns, labels, resourceVersion: rv } };
}

describe('client Indexer', () => {
  it('indexes by namespace and removes empty buckets after deletes', () => {
    const ix = new Indexer();
    ix.add(obj('a', 'ns1'));
    ix.add(obj('b', 'ns1'));
    ix.add(obj('c', 'ns2'));
    expect(ix.listIndexFuncValues(NAMESPACE_INDEX).sort()).to.deep.equal(['ns1', 'ns2']);
    ix.delete(obj('a', 'ns1'));
    ix.delete(new DeletedFinalStateUnknown('ns1/b', undefined));
    expect(ix.listIndexFuncValues(NAMESPACE_INDEX)).to.deep.equal(['ns2']);
    expect(ix.byIndex(NAMESPACE_INDEX, 'ns1')).to.deep.equal([]);
    ix.delete(obj('c', 'ns2'));
    expect(ix.listIndexFuncValues(NAMESPACE_INDEX)).to.deep.equal([]);
    expect(ix.size).to.equal(0);
  });

  it('moves a key between buckets of a multi-value index on update, leaving no empty bucket', () => {
    const ix = new Indexer(undefined, { byColor: (o) => Object.values(o.metadata?.labels ?? {}) });
    ix.add(obj('a', 'ns', { c1: 'red', c2: 'blue' }));
    ix.update(obj('a', 'ns', { c1: 'green' }, '2'));
    expect(ix.listIndexFuncValues('byColor')).to.deep.equal(['green']);
    expect(ix.indexKeys('byColor', 'green')).to.deep.equal(['ns/a']);
    expect(ix.index('byColor', obj('x', 'ns', { any: 'green' })).map((o) => o.metadata!.name)).to.deep.equal(['a']);
    expect(() => ix.byIndex('nope', 'x')).to.throw('Index with name nope does not exist');
  });

  it('indexes existing objects when an index is added later; a name can be added once', () => {
    const ix = new Indexer();
    ix.add(obj('a', 'ns', { app: 'web' }));
    ix.addIndexers({ app: (o) => [o.metadata?.labels?.app ?? ''] });
    expect(ix.indexKeys('app', 'web')).to.deep.equal(['ns/a']);
    expect(() => ix.addIndexers({ app: () => [] })).to.throw('indexer conflict');
  });

  it('replace rebuilds the indices', () => {
    const ix = new Indexer();
    ix.add(obj('a', 'old'));
    ix.replace([obj('b', 'new')]);
    expect(ix.listIndexFuncValues(NAMESPACE_INDEX)).to.deep.equal(['new']);
    expect(ix.listKeys()).to.deep.equal(['new/b']);
  });
});

describe('client Lister', () => {
  const ix = new Indexer();
  ix.add(obj('web-1', 'default', { app: 'web', tier: 'front' }));
  ix.add(obj('web-2', 'default', { app: 'web' }));
  ix.add(obj('db', 'default', { app: 'db' }));
  ix.add(obj('web-3', 'other', { app: 'web' }));
  const lister = new Lister(ix, { group: '', resource: 'configmaps' });
  const names = (l: KubeObject[]) => l.map((o) => o.metadata!.name).sort();

  it('lists with a label selector across namespaces and in one namespace', () => {
    expect(names(lister.list('app=web'))).to.deep.equal(['web-1', 'web-2', 'web-3']);
    expect(names(lister.namespace('default').list('app=web'))).to.deep.equal(['web-1', 'web-2']);
    expect(names(lister.namespace('default').list('app in (web,db),!tier'))).to.deep.equal(['db', 'web-2']);
    expect(names(lister.namespace('default').list({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }))).to.deep.equal(['web-1']);
    expect(names(lister.namespace('nowhere').list())).to.deep.equal([]);
  });

  it('gets by namespace/name and throws NotFound otherwise', () => {
    expect(lister.namespace('other').get('web-3').metadata!.name).to.equal('web-3');
    let err: unknown;
    try {
      lister.namespace('default').get('web-3');
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(StatusError);
    expect((err as StatusError).status.code).to.equal(404);
    expect((err as StatusError).message).to.equal('configmaps "web-3" not found');
  });
});

describe('client label selector', () => {
  it('parses and matches the Kubernetes syntax', () => {
    const s = parseLabelSelector('a=1, b!=2 ,c in (x, y),d notin (z),e,!f,g==3');
    expect(s.matches({ a: '1', c: 'x', e: '', g: '3' })).to.equal(true);
    expect(s.matches({ a: '1', b: '2', c: 'x', e: '', g: '3' })).to.equal(false);
    expect(s.matches({ a: '1', c: 'x', e: '', f: '', g: '3' })).to.equal(false);
    expect(s.matches({ a: '1', c: 'x', d: 'z', e: '', g: '3' })).to.equal(false);
    expect(s.toString()).to.equal('a=1,b!=2,c in (x,y),d!=z,e,!f,g=3');
    expect(parseLabelSelector('').matches({})).to.equal(true);
    expect(() => parseLabelSelector('a=(b')).to.throw('invalid label selector');
    expect(() => parseLabelSelector('a,,b')).to.throw('empty term');
  });
});
