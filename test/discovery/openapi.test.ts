import { expect } from 'chai';
import type { GroupRegistration } from '../../runtime/machinery/registration.js';
import { danglingRefs, openAPIV3Document, openAPIV3DocumentHash, openAPIV3Index } from '../../runtime/endpoints/openapi.js';
import { SUPPORTED_PATCH_TYPES, patchTypesFor } from '../../runtime/endpoints/patchtypes.js';
import { coreGroup, exampleGroup, fixtureGroups } from '../fixtures/discovery/groups.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads loose JSON

const scheme = { groups: fixtureGroups };
const patching = SUPPORTED_PATCH_TYPES.length > 0;
const doc = (group: string, version: string): Obj => {
  const d = openAPIV3Document(scheme, group, version);
  expect(d, `${group}/${version}`).to.not.equal(undefined);
  return d as Obj;
};

describe('openapi v3: index', () => {
  it('lists every group version without a leading slash, addressed by the content hash', () => {
    const index = openAPIV3Index(scheme) as Obj;
    expect(Object.keys(index.paths)).to.deep.equal([
      'api/v1',
      'apis/example.com/v1',
      'apis/example.com/v1alpha1',
      'apis/networking.k8s.io/v1',
      'apis/networking.k8s.io/v1beta1',
    ]);
    const hash = openAPIV3DocumentHash(scheme, 'example.com', 'v1');
    expect(hash).to.match(/^[0-9A-F]{128}$/);
    expect(index.paths['apis/example.com/v1']).to.deep.equal({ serverRelativeURL: `/openapi/v3/apis/example.com/v1?hash=${hash}` });
    expect(index.paths['api/v1'].serverRelativeURL).to.match(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
  });

  it('hashes are stable across schemes built from the same groups and differ between documents', () => {
    const again = { groups: [...fixtureGroups] };
    expect(openAPIV3DocumentHash(again, '', 'v1')).to.equal(openAPIV3DocumentHash(scheme, '', 'v1'));
    expect(openAPIV3DocumentHash(scheme, '', 'v1')).to.not.equal(openAPIV3DocumentHash(scheme, 'example.com', 'v1'));
  });

  it('unknown group versions have no document', () => {
    expect(openAPIV3Document(scheme, 'example.com', 'v9')).to.equal(undefined);
    expect(openAPIV3Document(scheme, 'nope.example', 'v1')).to.equal(undefined);
  });
});

describe('openapi v3: documents', () => {
  it('is OpenAPI 3.0 with the generated schemas and the meta types, every $ref resolving', () => {
    for (const [g, v] of [['', 'v1'], ['example.com', 'v1'], ['example.com', 'v1alpha1'], ['networking.k8s.io', 'v1beta1']]) {
      const d = doc(g, v);
      expect(d.openapi).to.equal('3.0.0');
      expect(d.info).to.include({ title: 'Kubernetes' });
      const schemas = d.components.schemas as Obj;
      for (const name of ['Status', 'StatusDetails', 'StatusCause', 'DeleteOptions', 'Patch', 'WatchEvent', 'ListMeta', 'ObjectMeta']) {
        expect(schemas, name).to.have.property(`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`);
      }
      const refs: string[] = [];
      JSON.stringify(d, (k, val) => {
        if (k === '$ref') refs.push(val);
        return val;
      });
      for (const r of refs) {
        expect(r).to.match(/^#\/components\/schemas\//);
        expect(schemas, r).to.have.property(r.slice('#/components/schemas/'.length));
      }
    }
    const ex = doc('example.com', 'v1').components.schemas as Obj;
    expect(ex['com.example.v1.WidgetSpec']).to.deep.equal(exampleGroup.schemas.v1['com.example.v1.WidgetSpec']);
    expect(ex['com.example.v1.Widget']['x-kubernetes-group-version-kind']).to.deep.equal([
      { group: 'example.com', version: 'v1', kind: 'Widget' },
    ]);
    expect(ex['io.k8s.api.autoscaling.v1.Scale']['x-kubernetes-group-version-kind']).to.deep.equal([
      { group: 'autoscaling', version: 'v1', kind: 'Scale' },
    ]);
    // The version's own types only: v1alpha1 schemas are not in the v1 document.
    expect(Object.keys(ex).some((n) => n.startsWith('com.example.v1alpha1.'))).to.equal(false);
  });

  it('a generated schema wins over the built-in meta type of the same name', () => {
    const status = { type: 'object', description: 'generated Status' };
    const group: GroupRegistration = { ...coreGroup, schemas: { v1: { ...coreGroup.schemas.v1, 'io.k8s.apimachinery.pkg.apis.meta.v1.Status': status } } };
    const d = openAPIV3Document({ groups: [group] }, '', 'v1') as Obj;
    expect(d.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Status']).to.deep.equal(status);
  });

  it('has the namespaced paths of a resource with kube operation ids, actions and GVK objects', () => {
    const paths = doc('example.com', 'v1').paths as Obj;
    const gvk = { group: 'example.com', version: 'v1', kind: 'Widget' };
    const collection = paths['/apis/example.com/v1/namespaces/{namespace}/widgets'];
    expect(collection.get).to.include({ operationId: 'listExampleComV1NamespacedWidget', 'x-kubernetes-action': 'list' });
    expect(collection.post).to.include({ operationId: 'createExampleComV1NamespacedWidget', 'x-kubernetes-action': 'post' });
    expect(collection.delete).to.include({ operationId: 'deleteExampleComV1CollectionNamespacedWidget', 'x-kubernetes-action': 'deletecollection' });
    for (const op of [collection.get, collection.post, collection.delete]) {
      expect(op['x-kubernetes-group-version-kind']).to.deep.equal(gvk);
      expect(op.tags).to.deep.equal(['exampleCom_v1']);
    }
    expect(collection.parameters.map((p: Obj) => p.name)).to.deep.equal(['namespace', 'pretty']);
    expect(collection.get.responses['200'].content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/com.example.v1.WidgetList' });
    expect(collection.get.parameters.map((p: Obj) => p.name)).to.include.members([
      'labelSelector', 'fieldSelector', 'limit', 'continue', 'resourceVersion', 'resourceVersionMatch',
      'watch', 'timeoutSeconds', 'allowWatchBookmarks', 'sendInitialEvents',
    ]);
    expect(collection.post.parameters.map((p: Obj) => p.name)).to.deep.equal(['dryRun', 'fieldManager', 'fieldValidation']);
    expect(collection.post.requestBody.content['*/*'].schema).to.deep.equal({ $ref: '#/components/schemas/com.example.v1.Widget' });
    expect(Object.keys(collection.post.responses)).to.deep.equal(['200', '201', '202', '401']);

    const item = paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'];
    expect(item.parameters.map((p: Obj) => p.name)).to.deep.equal(['name', 'namespace', 'pretty']);
    expect(item.get).to.include({ operationId: 'readExampleComV1NamespacedWidget', 'x-kubernetes-action': 'get' });
    expect(item.put).to.include({ operationId: 'replaceExampleComV1NamespacedWidget', 'x-kubernetes-action': 'put' });
    expect(item.delete).to.include({ operationId: 'deleteExampleComV1NamespacedWidget', 'x-kubernetes-action': 'delete' });
    expect(item.delete.responses['200'].content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status' });
    expect(item.delete.requestBody.content['*/*'].schema).to.deep.equal({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions' });

    expect(paths['/apis/example.com/v1/widgets'].get).to.include({ operationId: 'listExampleComV1WidgetForAllNamespaces', 'x-kubernetes-action': 'list' });
    expect(paths['/apis/example.com/v1/watch/namespaces/{namespace}/widgets/{name}'].get).to.include({ 'x-kubernetes-action': 'watch' });
    expect(paths['/apis/example.com/v1/watch/namespaces/{namespace}/widgets'].get).to.include({ 'x-kubernetes-action': 'watchlist' });
  });

  it('has status and scale subresource paths', () => {
    const paths = doc('example.com', 'v1').paths as Obj;
    const status = paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status'];
    expect(status.get).to.include({ operationId: 'readExampleComV1NamespacedWidgetStatus', 'x-kubernetes-action': 'get' });
    expect(status.put['x-kubernetes-group-version-kind']).to.deep.equal({ group: 'example.com', version: 'v1', kind: 'Widget' });
    const scale = paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale'];
    expect(scale.get).to.include({ operationId: 'readExampleComV1NamespacedWidgetScale' });
    expect(scale.get['x-kubernetes-group-version-kind']).to.deep.equal({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(scale.put.requestBody.content['*/*'].schema).to.deep.equal({ $ref: '#/components/schemas/io.k8s.api.autoscaling.v1.Scale' });
    expect(Boolean(status.patch)).to.equal(patching);
  });

  it('has cluster-scoped paths for the core group, and only the served verbs', () => {
    const paths = doc('', 'v1').paths as Obj;
    const ns = paths['/api/v1/namespaces'];
    expect(ns.get).to.include({ operationId: 'listCoreV1Namespace' });
    expect(ns.post).to.include({ operationId: 'createCoreV1Namespace' });
    expect(ns.delete, 'namespaces have no deletecollection').to.equal(undefined);
    expect(ns.parameters.map((p: Obj) => p.name)).to.deep.equal(['pretty']);
    expect(paths['/api/v1/namespaces/{name}'].get).to.include({ operationId: 'readCoreV1Namespace' });
    expect(paths['/api/v1/namespaces/{name}/status'].get).to.include({ operationId: 'readCoreV1NamespaceStatus' });
    expect(paths['/api/v1/namespaces/{namespace}/configmaps'].get).to.include({ operationId: 'listCoreV1NamespacedConfigMap' });
    const gadgets = doc('example.com', 'v1').paths as Obj;
    expect(Object.keys(gadgets['/apis/example.com/v1/gadgets'])).to.have.members(['get', 'parameters']);
    expect(Object.keys(gadgets['/apis/example.com/v1/gadgets/{name}'])).to.have.members(['get', 'parameters']);
    expect(gadgets['/apis/example.com/v1/watch/gadgets']).to.equal(undefined);
    expect(paths['/api/v1/configmaps'].get).to.include({ operationId: 'listCoreV1ConfigMapForAllNamespaces' });
    expect(doc('networking.k8s.io', 'v1beta1').paths['/apis/networking.k8s.io/v1beta1/namespaces/{namespace}/ingresses'].get)
      .to.include({ operationId: 'listNetworkingV1beta1NamespacedIngress' });
  });

  it('PATCH operations list exactly the implemented patch types, with the field-validation parameter kubectl looks for', () => {
    for (const g of fixtureGroups) {
      for (const v of g.versions) {
        const d = doc(g.group, v);
        for (const kind of g.kinds.filter((k) => k.versions.some((x) => x.version === v))) {
          const gvk = { group: g.group, version: v, kind: kind.kind };
          const patches = Object.values(d.paths as Obj)
            .map((item: Obj) => item.patch)
            .filter((op: Obj | undefined) => op && JSON.stringify(op['x-kubernetes-group-version-kind']) === JSON.stringify(gvk));
          if (!patching || !kind.verbs.includes('patch')) {
            expect(patches, `${kind.kind} ${v}`).to.have.length(0);
            continue;
          }
          expect(patches.length, `${kind.kind} ${v}`).to.be.greaterThan(0);
          for (const op of patches) {
            expect(Object.keys(op.requestBody.content)).to.deep.equal([...patchTypesFor(g)]);
            expect(op.parameters.map((p: Obj) => p.name)).to.deep.equal(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
          }
        }
      }
    }
  });

  it('danglingRefs finds references to undefined schemas', () => {
    expect(danglingRefs({ a: { properties: { b: { $ref: '#/components/schemas/b' }, c: { allOf: [{ $ref: '#/components/schemas/c' }] } } }, b: {} })).to.deep.equal(['c']);
  });
});
