// Discovery and OpenAPI over the real generated groups: the properties kubectl depends on, checked
// for every group, version and kind the api-defs declare.
import { expect } from 'chai';
import { groups } from '../../generated/index.js';
import { aggregatedDiscovery, apiResourceList } from '../../runtime/endpoints/discovery.js';
import { openAPIV3Document, openAPIV3Index } from '../../runtime/endpoints/openapi.js';
import { SUPPORTED_PATCH_TYPES } from '../../runtime/endpoints/patchtypes.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- loose JSON

const scheme = { groups };
const served = groups.flatMap((g) => g.versions.map((version) => ({ reg: g, version })));
const sameGVK = (a: Obj, b: Obj): boolean =>
  Object.keys(a).length === 3 && Object.keys(b).length === 3 && a.group === b.group && a.version === b.version && a.kind === b.kind;

describe('discovery and OpenAPI of the generated groups', () => {
  it('the aggregated and per-version documents agree on every resource', () => {
    for (const legacy of [true, false]) {
      for (const item of aggregatedDiscovery(scheme, legacy).items as Obj[]) {
        const group = item.metadata.name as string;
        for (const v of item.versions as Obj[]) {
          const list = apiResourceList(scheme, group, v.version) as Obj;
          const plain = new Map((list.resources as Obj[]).map((r) => [r.name, r]));
          for (const r of v.resources as Obj[]) {
            const p = plain.get(r.resource) as Obj;
            expect(p, `${group}/${v.version} ${r.resource}`).to.not.equal(undefined);
            expect(r.responseKind).to.deep.equal({ group, version: v.version, kind: p.kind });
            expect(r.scope).to.equal(p.namespaced ? 'Namespaced' : 'Cluster');
            expect(r.verbs).to.deep.equal(p.verbs);
            for (const sub of (r.subresources ?? []) as Obj[]) {
              expect(plain.get(`${r.resource}/${sub.subresource}`)?.verbs).to.deep.equal(sub.verbs);
              expect(sub.responseKind).to.be.an('object');
            }
          }
        }
      }
    }
  });

  it('every group version has an OpenAPI document whose $refs all resolve', () => {
    const index = openAPIV3Index(scheme) as Obj;
    expect(Object.keys(index.paths)).to.have.length(served.length);
    for (const { reg, version } of served) {
      const d = openAPIV3Document(scheme, reg.group, version) as Obj;
      const schemas = d.components.schemas as Obj;
      JSON.stringify(d, (k, val) => {
        if (k === '$ref') expect(schemas, `${reg.group}/${version} ${val}`).to.have.property(String(val).replace('#/components/schemas/', ''));
        return val;
      });
    }
  });

  it('kubectl explain can go from a resource path to its kind schema (GVK object -> GVK list entry)', () => {
    for (const { reg, version } of served) {
      const d = openAPIV3Document(scheme, reg.group, version) as Obj;
      const prefix = reg.group === '' ? '/api' : `/apis/${reg.group}`;
      for (const kind of reg.kinds.filter((k) => k.versions.some((v) => v.version === version))) {
        const candidates = [
          `${prefix}/${version}/${kind.plural}`,
          `${prefix}/${version}/${kind.plural}/{name}`,
          `${prefix}/${version}/namespaces/{namespace}/${kind.plural}`,
          `${prefix}/${version}/namespaces/{namespace}/${kind.plural}/{name}`,
        ];
        const item = candidates.map((p) => d.paths[p]).find(Boolean) as Obj;
        const op = ['get', 'post', 'put', 'patch', 'delete'].map((m) => item?.[m]).find(Boolean) as Obj;
        const gvk = op?.['x-kubernetes-group-version-kind'] as Obj;
        expect(gvk, `${kind.kind} ${version}`).to.deep.equal({ group: reg.group, version, kind: kind.kind });
        const matches = Object.entries(d.components.schemas as Obj).filter(([, s]) =>
          ((s['x-kubernetes-group-version-kind'] ?? []) as Obj[]).some((e) => sameGVK(e, gvk)),
        );
        const schemaName = kind.versions.find((v) => v.version === version)!.schemaName;
        expect(matches.map(([n]) => n), `${kind.kind} ${version}`).to.deep.equal([schemaName]);
      }
    }
  });

  it('kubectl finds the fieldValidation parameter on every PATCH operation of a kind (once PATCH is served)', () => {
    for (const { reg, version } of served) {
      const d = openAPIV3Document(scheme, reg.group, version) as Obj;
      for (const kind of reg.kinds.filter((k) => k.versions.some((v) => v.version === version))) {
        const gvk = { group: reg.group, version, kind: kind.kind };
        const patches = Object.values(d.paths as Obj)
          .map((p: Obj) => p.patch as Obj | undefined)
          .filter((op): op is Obj => !!op && sameGVK(op['x-kubernetes-group-version-kind'], gvk));
        const expected = SUPPORTED_PATCH_TYPES.length > 0 && kind.verbs.includes('patch');
        expect(patches.length > 0, `${kind.kind} ${version}`).to.equal(expected);
        for (const op of patches) {
          expect((op.parameters as Obj[]).some((p) => p.name === 'fieldValidation' && p.in === 'query')).to.equal(true);
        }
      }
    }
  });
});
