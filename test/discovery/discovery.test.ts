import { expect } from 'chai';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  legacyAPIVersions,
  storageVersionHash,
  versionInfo,
  wantsAggregatedDiscovery,
} from '../../runtime/endpoints/discovery.js';
import { SUPPORTED_PATCH_TYPES } from '../../runtime/endpoints/patchtypes.js';
import { fixtureGroups } from '../fixtures/discovery/groups.js';

const scheme = { groups: fixtureGroups };
const patchVerb = SUPPORTED_PATCH_TYPES.length > 0 ? ['patch'] : [];
const subVerbs = ['get', ...patchVerb, 'update'];
const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', ...patchVerb, 'update', 'watch'];

type Obj = Record<string, unknown>;
const resources = (list: Obj | undefined): Obj[] => (list?.resources ?? []) as Obj[];

describe('discovery: /version, /api, /apis', () => {
  it('reports Kubernetes 1.32', () => {
    const v = versionInfo();
    expect(v).to.include({ major: '1', minor: '32', gitVersion: 'v1.32.0' });
    for (const key of ['gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']) {
      expect(v[key], key).to.be.a('string').and.not.equal('');
    }
    expect(v.platform).to.match(/^[a-z0-9]+\/[a-z0-9]+$/);
  });

  it('/api is an APIVersions with v1 and the server address', () => {
    expect(legacyAPIVersions('127.0.0.1:1234')).to.deep.equal({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:1234' }],
    });
  });

  it('/apis lists the named groups with versions in preference order', () => {
    expect(apiGroupList(scheme)).to.deep.equal({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'example.com',
          versions: [
            { groupVersion: 'example.com/v1', version: 'v1' },
            { groupVersion: 'example.com/v1alpha1', version: 'v1alpha1' },
          ],
          preferredVersion: { groupVersion: 'example.com/v1', version: 'v1' },
        },
        {
          name: 'networking.k8s.io',
          versions: [
            { groupVersion: 'networking.k8s.io/v1', version: 'v1' },
            { groupVersion: 'networking.k8s.io/v1beta1', version: 'v1beta1' },
          ],
          preferredVersion: { groupVersion: 'networking.k8s.io/v1', version: 'v1' },
        },
      ],
    });
  });

  it('/apis/<g> is an APIGroup; unknown groups and the core group have none', () => {
    const g = apiGroup(scheme, 'networking.k8s.io');
    expect(g).to.include({ kind: 'APIGroup', apiVersion: 'v1', name: 'networking.k8s.io' });
    expect(g?.preferredVersion).to.deep.equal({ groupVersion: 'networking.k8s.io/v1', version: 'v1' });
    expect(apiGroup(scheme, 'nope.example')).to.equal(undefined);
    expect(apiGroup(scheme, '')).to.equal(undefined);
  });
});

describe('discovery: APIResourceList', () => {
  it('/api/v1 lists core resources without apiVersion, like kube-apiserver', () => {
    const list = apiResourceList(scheme, '', 'v1');
    expect(list).to.include({ kind: 'APIResourceList', groupVersion: 'v1' });
    expect(list).to.not.have.property('apiVersion');
    expect(resources(list).map((r) => r.name)).to.deep.equal(['configmaps', 'namespaces', 'namespaces/status']);
    const cm = resources(list)[0];
    expect(cm).to.deep.equal({
      name: 'configmaps',
      singularName: 'configmap',
      namespaced: true,
      kind: 'ConfigMap',
      verbs: allVerbs,
      shortNames: ['cm'],
      storageVersionHash: storageVersionHash('', 'v1', 'ConfigMap'),
    });
    expect(resources(list)[1]).to.include({ namespaced: false, kind: 'Namespace' });
  });

  it('lists a group version with subresources (status = own kind, scale = autoscaling/v1 Scale)', () => {
    const list = apiResourceList(scheme, 'example.com', 'v1');
    expect(list).to.include({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'example.com/v1' });
    const byName = new Map(resources(list).map((r) => [r.name, r]));
    expect([...byName.keys()]).to.deep.equal(['gadgets', 'widgets', 'widgets/scale', 'widgets/status']);
    expect(byName.get('widgets')).to.include({ singularName: 'widget', namespaced: true, kind: 'Widget' });
    expect(byName.get('widgets')?.shortNames).to.deep.equal(['wd']);
    expect(byName.get('widgets')?.categories).to.deep.equal(['all', 'toys']);
    expect(byName.get('widgets/scale')).to.deep.equal({
      name: 'widgets/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: subVerbs,
    });
    expect(byName.get('widgets/status')).to.deep.equal({
      name: 'widgets/status',
      singularName: '',
      namespaced: true,
      kind: 'Widget',
      verbs: subVerbs,
    });
    expect(byName.get('gadgets')).to.include({ namespaced: false });
    expect(byName.get('gadgets')?.verbs).to.deep.equal(['get', 'list']);
    expect(byName.get('gadgets')).to.not.have.property('shortNames');
  });

  it('only lists kinds served at that version; unknown versions have no list', () => {
    const alpha = apiResourceList(scheme, 'example.com', 'v1alpha1');
    expect(resources(alpha).map((r) => r.name)).to.deep.equal(['widgets', 'widgets/scale', 'widgets/status']);
    expect(apiResourceList(scheme, 'example.com', 'v2')).to.equal(undefined);
    expect(apiResourceList(scheme, 'nope.example', 'v1')).to.equal(undefined);
  });

  it('storageVersionHash is stable, 8 bytes of base64, and follows the storage version', () => {
    const a = storageVersionHash('example.com', 'v1', 'Widget');
    expect(a).to.equal(storageVersionHash('example.com', 'v1', 'Widget'));
    expect(Buffer.from(a, 'base64')).to.have.length(8);
    expect(a).to.not.equal(storageVersionHash('example.com', 'v1alpha1', 'Widget'));
    const v1 = resources(apiResourceList(scheme, 'example.com', 'v1')).find((r) => r.name === 'widgets');
    const alpha = resources(apiResourceList(scheme, 'example.com', 'v1alpha1')).find((r) => r.name === 'widgets');
    expect(v1?.storageVersionHash).to.equal(alpha?.storageVersionHash);
  });
});

describe('discovery: aggregated (apidiscovery.k8s.io/v2)', () => {
  it('/api has one item named "" with the core resources', () => {
    const doc = aggregatedDiscovery(scheme, true);
    expect(doc).to.include({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
    const items = doc.items as Obj[];
    expect(items).to.have.length(1);
    expect(items[0].metadata).to.deep.equal({ name: '' });
    const versions = items[0].versions as Obj[];
    expect(versions.map((v) => v.version)).to.deep.equal(['v1']);
    const ns = (versions[0].resources as Obj[]).find((r) => r.resource === 'namespaces');
    expect(ns).to.deep.equal({
      resource: 'namespaces',
      responseKind: { group: '', version: 'v1', kind: 'Namespace' },
      scope: 'Cluster',
      singularResource: 'namespace',
      verbs: ['create', 'delete', 'get', 'list', ...patchVerb, 'update', 'watch'],
      shortNames: ['ns'],
      subresources: [{ subresource: 'status', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, verbs: subVerbs }],
    });
    expect(versions[0].freshness).to.equal('Current');
  });

  it('/apis has every named group, versions in preference order, every resource with a responseKind', () => {
    const doc = aggregatedDiscovery(scheme, false);
    const items = doc.items as Obj[];
    expect(items.map((i) => (i.metadata as Obj).name)).to.deep.equal(['example.com', 'networking.k8s.io']);
    const example = items[0].versions as Obj[];
    expect(example.map((v) => v.version)).to.deep.equal(['v1', 'v1alpha1']);
    const widgets = (example[1].resources as Obj[]).find((r) => r.resource === 'widgets');
    expect(widgets).to.deep.include({
      responseKind: { group: 'example.com', version: 'v1alpha1', kind: 'Widget' },
      scope: 'Namespaced',
      singularResource: 'widget',
      shortNames: ['wd'],
      categories: ['all', 'toys'],
    });
    expect(widgets?.subresources).to.deep.equal([
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: subVerbs },
      { subresource: 'status', responseKind: { group: 'example.com', version: 'v1alpha1', kind: 'Widget' }, verbs: subVerbs },
    ]);
    for (const item of items) {
      for (const v of item.versions as Obj[]) {
        for (const r of v.resources as Obj[]) expect(r.responseKind, String(r.resource)).to.be.an('object');
      }
    }
  });

  it('content negotiation picks v2 for kubectl and plain JSON otherwise', () => {
    expect(AGGREGATED_DISCOVERY_CONTENT_TYPE).to.equal('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const kubectl =
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
      'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    expect(wantsAggregatedDiscovery(kubectl)).to.equal(true);
    expect(wantsAggregatedDiscovery('application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList')).to.equal(true);
    // Only v2beta1 asked for: we do not serve it, fall back to the unaggregated document.
    expect(wantsAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).to.equal(false);
    expect(wantsAggregatedDiscovery('application/json, */*')).to.equal(false);
    expect(wantsAggregatedDiscovery('application/json')).to.equal(false);
    expect(wantsAggregatedDiscovery(undefined)).to.equal(false);
    expect(wantsAggregatedDiscovery('')).to.equal(false);
    // Quality values order the ranges.
    expect(wantsAggregatedDiscovery('application/json;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList')).to.equal(true);
    expect(wantsAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0')).to.equal(false);
    // Protobuf first (which we do not serve) is skipped.
    expect(
      wantsAggregatedDiscovery(
        'application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      ),
    ).to.equal(true);
  });
});
