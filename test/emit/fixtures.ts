// Hand-built ApiModels for the emitter tests (no parser involved): a small set of meta types, an
// `example.com` group (Widget, hub v1 and v1alpha1 with a renamed field) and a `networking.k8s.io`
// style group (Ingress v1 and v1beta1 with differently shaped backends).

import type {
  ApiModel,
  FieldMarkers,
  FieldModel,
  GroupModel,
  KindModel,
  TypeModel,
  TypeRef,
  VersionModel,
} from '../../generator/model.js';

export const S: TypeRef = { kind: 'string' };
export const I32: TypeRef = { kind: 'integer', format: 'int32' };
export const I64: TypeRef = { kind: 'integer', format: 'int64' };
export const BOOL: TypeRef = { kind: 'boolean' };
export const IOS: TypeRef = { kind: 'intOrString' };
export const JSONT: TypeRef = { kind: 'json' };
export const ref = (name: string): TypeRef => ({ kind: 'ref', name, scope: 'version' });
export const metaRef = (name: string): TypeRef => ({ kind: 'ref', name, scope: 'meta' });
export const arr = (items: TypeRef): TypeRef => ({ kind: 'array', items });
export const map = (values: TypeRef): TypeRef => ({ kind: 'map', values });
export const oneOf = (...values: string[]): TypeRef => ({ kind: 'enum', values });

let line = 1;
export function field(name: string, type: TypeRef, opts: { optional?: boolean; markers?: FieldMarkers; file?: string } = {}): FieldModel {
  return {
    name,
    type,
    optional: opts.optional ?? true,
    markers: opts.markers ?? {},
    doc: `${name} of the object.`,
    source: { file: opts.file ?? 'api-defs/test/types.ts', line: line++ },
  };
}

export function type(name: string, fields: FieldModel[], file = 'api-defs/test/types.ts'): TypeModel {
  // Fields built without an explicit file take the type's file.
  const fixed = fields.map((f) => (f.source.file === 'api-defs/test/types.ts' ? { ...f, source: { ...f.source, file } } : f));
  return { name, fields: fixed, doc: `${name} is a test type.`, source: { file, line: line++ } };
}

export function kind(name: string, extra: Partial<KindModel> = {}): KindModel {
  return {
    name,
    listKind: `${name}List`,
    plural: `${name.toLowerCase()}s`,
    singular: name.toLowerCase(),
    shortNames: [],
    categories: [],
    scope: 'Namespaced',
    verbs: ['get', 'list', 'create', 'update', 'patch', 'delete', 'deletecollection', 'watch'],
    subresources: { status: true },
    printColumns: [],
    nameFormat: 'dns1123subdomain',
    selectableFields: [],
    source: { file: 'api-defs/test/types.ts', line: 1 },
    ...extra,
  };
}

const metaFile = 'api-defs/_meta/types.ts';
export function metaTypes(): TypeModel[] {
  const m = (name: string, t: TypeRef, optional = true): FieldModel => field(name, t, { optional, file: metaFile });
  return [
    type('TypeMeta', [m('apiVersion', S), m('kind', S)], metaFile),
    type(
      'ObjectMeta',
      [
        m('name', S),
        m('generateName', S),
        m('namespace', S),
        m('uid', S),
        m('resourceVersion', S),
        m('generation', I64),
        m('creationTimestamp', { kind: 'string', format: 'date-time' }),
        m('labels', map(S)),
        m('annotations', map(S)),
        m('ownerReferences', arr(metaRef('OwnerReference'))),
        m('finalizers', arr(S)),
        m('managedFields', arr(metaRef('ManagedFieldsEntry'))),
      ],
      metaFile,
    ),
    type(
      'OwnerReference',
      [m('apiVersion', S, false), m('kind', S, false), m('name', S, false), m('uid', S, false), m('controller', BOOL)],
      metaFile,
    ),
    type('ManagedFieldsEntry', [m('manager', S), m('operation', S), m('fieldsType', S), m('fieldsV1', JSONT)], metaFile),
    type('ListMeta', [m('resourceVersion', S), m('continue', S), m('remainingItemCount', I64)], metaFile),
    type('LabelSelector', [m('matchLabels', map(S))], metaFile),
  ];
}

function version(group: string, name: string, types: TypeModel[], kinds: KindModel[], hooks: Partial<VersionModel['hooks']> = {}): VersionModel {
  const file = `api-defs/${group}/${name}/types.ts`;
  const retarget = (t: TypeModel): TypeModel => ({
    ...t,
    source: { ...t.source, file },
    fields: t.fields.map((f) => ({ ...f, source: { ...f.source, file } })),
  });
  return {
    name,
    types: types.map(retarget),
    kinds: kinds.map((k) => ({ ...k, source: { ...k.source, file } })),
    hooks: { toInternal: [], fromInternal: [], defaults: [], ...hooks },
    source: { file, line: 1 },
  };
}

/** Widget types; `colorField` is the name of the color field (`paint` in v1alpha1). */
function widgetTypes(colorField: string): TypeModel[] {
  return [
    type('Widget', [
      field('apiVersion', S),
      field('kind', S),
      field('metadata', metaRef('ObjectMeta'), { optional: false }),
      field('spec', ref('WidgetSpec'), { optional: false }),
      field('status', ref('WidgetStatus')),
    ]),
    type('WidgetSpec', [
      field(colorField, oneOf('red', 'green', 'blue'), { markers: { default: 'red' } }),
      field('replicas', I32, { markers: { default: 1, minimum: 0, maximum: 100 } }),
      field('name', S, { markers: { maxLength: 10, pattern: '^[a-z]+$' } }),
      field('template', ref('Template'), { markers: { default: {} } }),
      field('ports', arr(ref('Port')), { markers: { maxItems: 3, listType: 'map', listMapKeys: ['port'] } }),
      field('selector', map(S)),
      field('portsByName', map(ref('Port'))),
      field('matrix', arr(arr(ref('Port')))),
      field('extra', JSONT),
      field('labelSelector', metaRef('LabelSelector')),
      field('size', IOS),
      field('tags', arr(S), { markers: { minItems: 1 } }),
      field('x-weird-name', S),
    ]),
    type('Template', [field('size', S, { markers: { default: 'M' } }), field('layers', arr(ref('Layer')))]),
    type('Layer', [field('name', S, { optional: false }), field('opacity', { kind: 'number' }, { markers: { default: 1 } })]),
    type('Port', [
      field('name', S),
      field('port', I32, { optional: false, markers: { minimum: 1, maximum: 65535 } }),
      field('protocol', oneOf('TCP', 'UDP'), { markers: { default: 'TCP' } }),
    ]),
    type('WidgetStatus', [field('ready', BOOL), field('observedGeneration', I64)]),
  ];
}

export interface WidgetOptions {
  /** Hooks that v1alpha1 declares (default: both WidgetSpec hooks). */
  alphaHooks?: Partial<VersionModel['hooks']>;
}

export function widgetGroup(opts: WidgetOptions = {}): GroupModel {
  const widget = kind('Widget', {
    shortNames: ['wd'],
    categories: ['all'],
    printColumns: [{ name: 'Color', type: 'string', jsonPath: '.spec.color', priority: 0 }],
    subresources: { status: true, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
  });
  return {
    name: 'example.com',
    dir: 'example.com',
    versions: [
      version('example.com', 'v1', widgetTypes('color'), [widget], { defaults: ['Widget'], defaultsFile: 'api-defs/example.com/v1/defaults.ts' }),
      version(
        'example.com',
        'v1alpha1',
        widgetTypes('paint'),
        [widget],
        opts.alphaHooks ?? {
          toInternal: ['WidgetSpec'],
          fromInternal: ['WidgetSpec'],
          conversionFile: 'api-defs/example.com/v1alpha1/conversion.ts',
        },
      ),
    ],
    hubVersion: 'v1',
    storageVersion: 'v1',
    internalFields: { WidgetSpec: [field('internalNote', S, { file: 'api-defs/example.com/internal.ts' })] },
    validationHooks: ['Widget'],
    validationFile: 'api-defs/example.com/validation.ts',
    source: { file: 'api-defs/example.com/group.ts', line: 1 },
  };
}

/** Ingress v1 (hub) and v1beta1, shaped like networking.k8s.io; `hooks` toggles the v1beta1 hooks. */
export function ingressGroup(hooks: boolean): GroupModel {
  const common = (backend: TypeModel, specBackendField: string): TypeModel[] => [
    type('Ingress', [field('metadata', metaRef('ObjectMeta'), { optional: false }), field('spec', ref('IngressSpec')), field('status', ref('IngressStatus'))]),
    type('IngressSpec', [
      field('ingressClassName', S),
      field(specBackendField, ref('IngressBackend')),
      field('rules', arr(ref('IngressRule')), { markers: { listType: 'atomic' } }),
    ]),
    type('IngressRule', [field('host', S), field('http', ref('HTTPIngressRuleValue'))]),
    type('HTTPIngressRuleValue', [field('paths', arr(ref('HTTPIngressPath')), { optional: false })]),
    type('HTTPIngressPath', [
      field('path', S),
      field('pathType', oneOf('Exact', 'Prefix', 'ImplementationSpecific'), {
        optional: specBackendField === 'backend',
        markers: specBackendField === 'backend' ? { default: 'ImplementationSpecific' } : {},
      }),
      field('backend', ref('IngressBackend'), { optional: false }),
    ]),
    backend,
    type('IngressStatus', [field('loadBalancer', JSONT)]),
  ];
  const v1 = common(
    type('IngressBackend', [field('service', ref('IngressServiceBackend')), field('resource', JSONT)]),
    'defaultBackend',
  );
  v1.push(
    type('IngressServiceBackend', [field('name', S, { optional: false }), field('port', ref('ServiceBackendPort'))]),
    type('ServiceBackendPort', [field('name', S), field('number', I32)]),
  );
  const v1beta1 = common(
    type('IngressBackend', [field('serviceName', S), field('servicePort', IOS), field('resource', JSONT)]),
    'backend',
  );
  const ingress = kind('Ingress', { plural: 'ingresses', shortNames: ['ing'] });
  return {
    name: 'networking.k8s.io',
    dir: 'networking.k8s.io',
    versions: [
      version('networking.k8s.io', 'v1', v1, [ingress]),
      version(
        'networking.k8s.io',
        'v1beta1',
        v1beta1,
        [ingress],
        hooks
          ? {
              toInternal: ['IngressSpec', 'IngressBackend'],
              fromInternal: ['IngressSpec', 'IngressBackend'],
              conversionFile: 'api-defs/networking.k8s.io/v1beta1/conversion.ts',
            }
          : {},
      ),
    ],
    hubVersion: 'v1',
    storageVersion: 'v1',
    internalFields: {},
    validationHooks: [],
    source: { file: 'api-defs/networking.k8s.io/group.ts', line: 1 },
  };
}

export function model(groups: GroupModel[]): ApiModel {
  return { metaTypes: metaTypes(), groups };
}
