// Emitter tests on hand-built models: conversion, missing-hook errors, defaults, deepcopy
// independence, validation messages, determinism, and that the emitted code type-checks.

import { expect } from 'chai';
import { emitAll } from '../../generator/emit/index.js';
import { GeneratorErrors } from '../../generator/model.js';
import type { FieldError, GroupRegistration, JSONObject } from '../../runtime/machinery/registration.js';
import { emitToTemp, type EmittedTree } from './harness.js';
import { ingressGroup, model, widgetGroup } from './fixtures.js';

const hookFiles: Record<string, string> = {
  'api-defs/example.com/v1alpha1/conversion.ts': `
import type * as v1alpha1 from '../../../generated/example.com/v1alpha1/types.js';
import type * as internal from '../../../generated/example.com/internal/types.js';
export function WidgetSpecToInternal(src: v1alpha1.WidgetSpec, dst: internal.WidgetSpec): void {
  if (src.paint !== undefined) dst.color = src.paint;
}
export function WidgetSpecFromInternal(src: internal.WidgetSpec, dst: v1alpha1.WidgetSpec): void {
  if (src.color !== undefined) dst.paint = src.color;
}
`,
  'api-defs/example.com/v1/defaults.ts': `
import type * as v1 from '../../../generated/example.com/v1/types.js';
export function defaultWidget(obj: v1.Widget): void {
  if (obj.spec.name === undefined) obj.spec.name = 'auto';
}
`,
  'api-defs/example.com/validation.ts': `
import type * as internal from '../../generated/example.com/internal/types.js';
import type { FieldError, ValidationContext } from '../../runtime/machinery/registration.js';
export function validateWidget(obj: internal.Widget, ctx: ValidationContext): FieldError[] {
  if (obj.spec.name === 'reserved') return [{ type: 'FieldValueForbidden', field: 'spec.name', message: 'Forbidden: reserved (' + ctx.operation + ')' }];
  return [];
}
`,
  'api-defs/networking.k8s.io/v1beta1/conversion.ts': `
import type * as v1beta1 from '../../../generated/networking.k8s.io/v1beta1/types.js';
import type * as internal from '../../../generated/networking.k8s.io/internal/types.js';
import { convertIngressBackendFromInternal, convertIngressBackendToInternal } from '../../../generated/networking.k8s.io/v1beta1/conversion.js';
export function IngressSpecToInternal(src: v1beta1.IngressSpec, dst: internal.IngressSpec): void {
  if (src.backend !== undefined) dst.defaultBackend = convertIngressBackendToInternal(src.backend);
}
export function IngressSpecFromInternal(src: internal.IngressSpec, dst: v1beta1.IngressSpec): void {
  if (src.defaultBackend !== undefined) dst.backend = convertIngressBackendFromInternal(src.defaultBackend);
}
export function IngressBackendToInternal(src: v1beta1.IngressBackend, dst: internal.IngressBackend): void {
  const port = src.servicePort;
  if ((src.serviceName ?? '') !== '' || typeof port === 'string' || (typeof port === 'number' && port !== 0)) {
    dst.service = { name: src.serviceName ?? '' };
    if (typeof port === 'string') dst.service.port = { name: port };
    else if (typeof port === 'number') dst.service.port = { number: port };
  }
}
export function IngressBackendFromInternal(src: internal.IngressBackend, dst: v1beta1.IngressBackend): void {
  if (src.service === undefined) return;
  dst.serviceName = src.service.name;
  const port = src.service.port;
  if (port?.name) dst.servicePort = port.name;
  else if (port?.number !== undefined) dst.servicePort = port.number;
}
`,
};

type Conversion = Record<string, (obj: unknown) => JSONObject>;
type Defaults = Record<string, (obj: unknown) => void>;
type Validation = Record<string, (obj: unknown, ctx?: unknown) => FieldError[]>;

function fullWidget(): JSONObject {
  return {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'ns', labels: { app: 'x' }, annotations: { a: 'b' }, ownerReferences: [{ apiVersion: 'v1', kind: 'K', name: 'o', uid: 'u' }], managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': { 'f:color': {} } } }] },
    spec: {
      color: 'green',
      replicas: 3,
      name: 'abc',
      template: { size: 'L', layers: [{ name: 'a', opacity: 0.5 }] },
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      selector: JSON.parse('{"app": "x", "__proto__": "evil"}') as JSONObject,
      portsByName: { http: { port: 80 } },
      matrix: [[{ port: 1 }], [{ port: 2 }, { port: 3 }]],
      extra: { nested: { list: [1, { deep: true }] } },
      labelSelector: { matchLabels: { a: 'b' } },
      size: '1Gi',
      tags: ['t1', 't2'],
      'x-weird-name': 'yes',
    },
    status: { ready: true, observedGeneration: 2 },
  };
}

describe('emitters (generated code on hand-built models)', function () {
  this.timeout(60000);
  let tree: EmittedTree;
  before(async () => {
    tree = await emitToTemp(model([widgetGroup(), ingressGroup(true)]), hookFiles);
  });
  after(async () => {
    await tree?.remove();
  });

  it('emits every file with the generated header', () => {
    for (const name of ['_meta/types.ts', 'example.com/internal/types.ts', 'example.com/v1alpha1/conversion.ts', 'example.com/register.ts', 'index.ts']) {
      expect(tree.files.get(name), name).to.match(/^\/\/ Code generated by apigen from .*; DO NOT EDIT\.\n/);
    }
  });

  it('type-checks the emitted code with the hook files', () => {
    expect(tree.typeCheck()).to.deep.equal([]);
  });

  it('is deterministic', () => {
    const a = emitAll(model([widgetGroup(), ingressGroup(true)]));
    const b = emitAll(model([widgetGroup(), ingressGroup(true)]));
    expect([...a.keys()]).to.deep.equal([...b.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).to.equal(v);
  });

  it('converts matching fields both ways, keeps absent fields absent and calls the hooks', async () => {
    const conv = await tree.load<Conversion>('example.com/v1alpha1/conversion.ts');
    const alpha = { ...fullWidget(), apiVersion: 'example.com/v1alpha1' } as JSONObject;
    const spec = alpha.spec as JSONObject;
    spec.paint = spec.color;
    delete spec.color;
    const internal = conv.convertWidgetToInternal!(alpha);
    expect(internal).to.not.have.property('apiVersion');
    expect(internal).to.not.have.property('kind');
    expect((internal.spec as JSONObject).color).to.equal('green');
    expect(internal.spec).to.not.have.property('paint');
    expect((internal.spec as JSONObject).matrix).to.deep.equal(spec.matrix);
    const back = conv.convertWidgetFromInternal!(internal);
    expect(Object.keys(back).slice(0, 2)).to.deep.equal(['apiVersion', 'kind']);
    expect(JSON.parse(JSON.stringify(back))).to.deep.equal(JSON.parse(JSON.stringify(alpha)));
    const sparse = conv.convertWidgetToInternal!({ apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'x' }, spec: {} });
    expect(sparse).to.deep.equal({ metadata: { name: 'x' }, spec: {} });
    expect(Object.keys(sparse.spec as object)).to.deep.equal([]);
  });

  it('converts Ingress v1beta1 backends through hooks (ING-1, ING-2, ING-3)', async () => {
    const conv = await tree.load<Conversion>('networking.k8s.io/v1beta1/conversion.ts');
    const beta = {
      apiVersion: 'networking.k8s.io/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'i' },
      spec: { backend: { serviceName: 'test-backend', servicePort: 8080 }, rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { serviceName: '', servicePort: 'https' } }] } }] },
    };
    const internal = conv.convertIngressToInternal!(beta);
    expect(internal.spec).to.deep.equal({
      defaultBackend: { service: { name: 'test-backend', port: { number: 8080 } } },
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: '', port: { name: 'https' } } } }] } }],
    });
    expect(conv.convertIngressFromInternal!(internal)).to.deep.equal(beta);
  });

  it('hub conversion is a field copy that drops internal-only fields', async () => {
    const conv = await tree.load<Conversion>('example.com/v1/conversion.ts');
    const internal = conv.convertWidgetToInternal!(fullWidget());
    (internal.spec as JSONObject).internalNote = 'secret';
    const out = conv.convertWidgetFromInternal!(internal);
    expect(out).to.deep.equal(JSON.parse(JSON.stringify(fullWidget())));
  });

  it('applies defaults, nested ones inside a defaulted {} and in arrays and maps, then the hook', async () => {
    const defaults = await tree.load<Defaults>('example.com/v1/defaults.ts');
    const obj: JSONObject = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { replicas: 0, ports: [{ port: 1 }, { port: 2, protocol: 'UDP' }], portsByName: { a: { port: 3 } }, matrix: [[{ port: 4 }]] },
    };
    defaults.setDefaultsWidget!(obj);
    expect(obj.spec).to.deep.equal({
      replicas: 0,
      ports: [{ port: 1, protocol: 'TCP' }, { port: 2, protocol: 'UDP' }],
      portsByName: { a: { port: 3, protocol: 'TCP' } },
      matrix: [[{ port: 4, protocol: 'TCP' }]],
      color: 'red',
      template: { size: 'M' },
      name: 'auto',
    });
    // Each default is a fresh value.
    const other: JSONObject = { metadata: {}, spec: {} };
    defaults.setDefaultsWidget!(other);
    expect((other.spec as JSONObject).template).to.not.equal((obj.spec as JSONObject).template);
    // v1beta1 defaults pathType on every path; v1 does not.
    const beta = await tree.load<Defaults>('networking.k8s.io/v1beta1/defaults.ts');
    const ing: JSONObject = { metadata: {}, spec: { rules: [{ http: { paths: [{ path: '/' }, { path: '/x', pathType: 'Exact' }] } }] } };
    beta.setDefaultsIngress!(ing);
    expect(ing).to.deep.nested.include({ 'spec.rules[0].http.paths[0].pathType': 'ImplementationSpecific', 'spec.rules[0].http.paths[1].pathType': 'Exact' });
  });

  it('deep copies are independent of the original (every nested map, array and object)', async () => {
    const dc = await tree.load<Conversion>('example.com/v1/deepcopy.ts');
    const original = fullWidget();
    const snapshot = JSON.stringify(original);
    const copy = dc.deepCopyWidget!(original);
    expect(JSON.stringify(copy)).to.equal(snapshot);
    const mutate = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const v of value) mutate(v);
        value.push('added');
      } else if (value !== null && typeof value === 'object') {
        const obj = value as Record<string, unknown>;
        for (const k of Object.keys(obj)) mutate(obj[k]);
        obj.addedByTest = 1;
      }
    };
    mutate(copy);
    expect(JSON.stringify(original)).to.equal(snapshot);
    // `__proto__` map keys stay own data properties and do not change the prototype.
    const selector = (dc.deepCopyWidget!(fullWidget()).spec as JSONObject).selector as object;
    expect(Object.getPrototypeOf(selector)).to.equal(Object.prototype);
    expect(Object.keys(selector)).to.include('__proto__');
  });

  it('validates markers with Kubernetes paths and messages', async () => {
    const val = await tree.load<Validation>('example.com/v1/validation.ts');
    const obj = fullWidget();
    Object.assign(obj.spec as JSONObject, {
      color: 'pink',
      replicas: -1,
      name: 'ABCDEFGHIJKL',
      ports: [{ port: 0 }, { name: 'x' }, { port: 'http' }, { port: 1 }],
      tags: [],
      size: true,
      matrix: [[{ port: 1 }, { port: 70000 }]],
    });
    const errs = val.validateWidget!(obj);
    const byField = Object.fromEntries(errs.map((e) => [e.field + ' ' + e.type, e.message]));
    expect(byField).to.deep.include({
      'spec.color FieldValueNotSupported': 'Unsupported value: "pink": supported values: "red", "green", "blue"',
      'spec.replicas FieldValueInvalid': 'Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
      'spec.name FieldValueTooLong': 'Too long: may not be more than 10 bytes',
      'spec.name FieldValueInvalid': 'Invalid value: "ABCDEFGHIJKL": spec.name in body should match \'^[a-z]+$\'',
      'spec.ports FieldValueTooMany': 'Too many: 4: must have at most 3 items',
      'spec.ports[0].port FieldValueInvalid': 'Invalid value: 0: spec.ports[0].port in body should be greater than or equal to 1',
      'spec.ports[1].port FieldValueRequired': 'Required value',
      'spec.ports[2].port FieldValueTypeInvalid': 'Invalid value: "http": spec.ports[2].port in body must be of type integer: "string"',
      'spec.tags FieldValueInvalid': 'Invalid value: 0: spec.tags in body should have at least 1 items',
      'spec.size FieldValueTypeInvalid': 'Invalid value: true: spec.size in body must be of type integer or string: "boolean"',
      'spec.matrix[0][1].port FieldValueInvalid': 'Invalid value: 70000: spec.matrix[0][1].port in body should be less than or equal to 65535',
    });
    expect(errs).to.have.length(11);
    expect(val.validateWidget!({ metadata: {}, spec: { selector: { app: 3 } } })).to.deep.equal([
      { type: 'FieldValueTypeInvalid', field: 'spec.selector[app]', message: 'Invalid value: 3: spec.selector[app] in body must be of type string: "integer"' },
    ]);
    // v1 Ingress paths need a pathType (ING-4).
    const ingress = await tree.load<Validation>('networking.k8s.io/v1/validation.ts');
    const ingErrs = ingress.validateIngress!({ metadata: { name: 'i' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: {} }, { path: '/', backend: {} }] } }] } });
    expect(ingErrs).to.deep.equal([{ type: 'FieldValueRequired', field: 'spec.rules[0].http.paths[1].pathType', message: 'Required value' }]);
  });

  it('internal validation adds metadata rules and the group hook', async () => {
    const val = await tree.load<Validation>('example.com/internal/validation.ts');
    const ok = { metadata: { name: 'w', namespace: 'ns' }, spec: {} };
    expect(val.validateWidget!(ok, { operation: 'create' })).to.deep.equal([]);
    const bad = { metadata: { name: 'Bad_Name', labels: { 'a/b/c': 'x', ok: 'not valid!' } }, spec: { name: 'reserved' } };
    const errs = val.validateWidget!(bad, { operation: 'create' });
    expect(errs.map((e) => `${e.field}: ${e.message}`)).to.deep.equal([
      "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'metadata.namespace: Required value',
      "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      "metadata.labels: Invalid value: \"not valid!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      'spec.name: Forbidden: reserved (create)',
    ]);
    expect(val.validateWidget!({ metadata: { namespace: 'ns' }, spec: {} }, { operation: 'create' })).to.deep.equal([
      { type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' },
    ]);
    expect(val.validateWidget!({ metadata: { generateName: 'web-', namespace: 'ns' }, spec: {} }, { operation: 'create' })).to.deep.equal([]);
  });

  it('registers groups, kinds and schemas', async () => {
    const index = await tree.load<{ groups: GroupRegistration[] }>('index.ts');
    expect(index.groups.map((g) => g.group)).to.deep.equal(['example.com', 'networking.k8s.io']);
    const [example, networking] = index.groups as [GroupRegistration, GroupRegistration];
    expect(example.preferredVersion).to.equal('v1');
    const widget = example.kinds[0]!;
    expect(widget.versions.map((v) => v.version)).to.deep.equal(['v1', 'v1alpha1']);
    expect(widget.versions[1]!.schemaName).to.equal('com.example.v1alpha1.Widget');
    expect(networking.kinds[0]!.versions[0]!.listSchemaName).to.equal('io.k8s.api.networking.v1.IngressList');
    const schema = networking.schemas.v1!['io.k8s.api.networking.v1.Ingress']!;
    expect(schema['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' }]);
    expect(networking.schemas.v1!).to.have.property('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(networking.schemas.v1!).to.have.property('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta');
    const backend = networking.schemas.v1beta1!['io.k8s.api.networking.v1beta1.IngressBackend']!;
    expect((backend.properties as JSONObject).servicePort).to.deep.include({ 'x-kubernetes-int-or-string': true });
    // The registered functions run end to end: v1beta1 in, v1 out.
    const ing = networking.kinds[0]!;
    const beta = ing.versions[1]!;
    const obj: JSONObject = { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 'svc', servicePort: 80 } }] } }] } };
    beta.defaults(obj);
    expect(beta.validate(obj)).to.deep.equal([]);
    const v1 = ing.versions[0]!.fromInternal(beta.toInternal(obj));
    expect(v1.spec).to.deep.equal({ rules: [{ http: { paths: [{ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'svc', port: { number: 80 } } } }] } }] });
  });
});

describe('emitters: conversion without hooks fails and names every field', () => {
  const errorsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (e) {
      expect(e).to.be.instanceOf(GeneratorErrors);
      return (e as GeneratorErrors).errors.map((x) => `${x.fieldPath} | ${x.message}`);
    }
    expect.fail('emitAll did not throw');
  };

  it('a renamed field without hooks names spec.<field> in both directions', () => {
    const errs = errorsOf(() => emitAll(model([widgetGroup({ alphaHooks: {} })])));
    expect(errs).to.have.length(2);
    expect(errs[0]).to.match(/^spec\.paint \| api-defs\/example\.com\/v1alpha1\/types\.ts:\d+: spec\.paint: not converted from v1alpha1 to internal: no field "paint" in internal WidgetSpec; write hook WidgetSpecToInternal\(src, dst\) in api-defs\/example\.com\/v1alpha1\/conversion\.ts/);
    expect(errs[1]).to.match(/^spec\.color \| api-defs\/example\.com\/v1alpha1\/types\.ts:\d+: spec\.color: not converted from internal to v1alpha1: .*WidgetSpecFromInternal/);
  });

  it('lists every unmatched path of Ingress v1beta1, nested ones included', () => {
    const errs = errorsOf(() => emitAll(model([ingressGroup(false)])));
    expect(errs.map((e) => e.split(' | ')[0])).to.deep.equal([
      'spec.backend',
      'spec.rules[].http.paths[].backend.serviceName',
      'spec.rules[].http.paths[].backend.servicePort',
      'spec.defaultBackend',
      'spec.rules[].http.paths[].backend.service',
    ]);
  });

  it('a hook on an enclosing type covers the nested unmatched fields', () => {
    const group = ingressGroup(false);
    group.versions[1]!.hooks = { toInternal: ['Ingress'], fromInternal: ['Ingress'], defaults: [], conversionFile: 'api-defs/networking.k8s.io/v1beta1/conversion.ts' };
    expect(() => emitAll(model([group]))).to.not.throw();
  });
});
