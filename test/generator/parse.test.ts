// The parser on a good api-defs tree: the model it builds.
import { expect } from 'chai';
import type { ApiModel, FieldModel, GroupModel, KindModel, TypeModel } from '../../generator/model.js';
import { parseApiDefs } from '../../generator/parse/index.js';
import { pluralOf } from '../../generator/parse/naming.js';
import { fixture } from './helpers.js';

describe('api-defs parser: good tree', () => {
  let model: ApiModel;
  let example: GroupModel;
  before(() => {
    model = parseApiDefs(fixture('good'));
    example = model.groups.find((g) => g.dir === 'example.com')!;
  });
  const type = (version: string, name: string): TypeModel =>
    example.versions.find((v) => v.name === version)!.types.find((t) => t.name === name)!;
  const field = (version: string, typeName: string, name: string): FieldModel =>
    type(version, typeName).fields.find((f) => f.name === name)!;
  const kind = (name: string): KindModel => example.versions[0].kinds.find((k) => k.name === name)!;

  it('reads the meta types', () => {
    expect(model.metaTypes.map((t) => t.name)).to.deep.equal(['TypeMeta', 'ObjectMeta', 'LabelSelector']);
    const objectMeta = model.metaTypes[1];
    expect(objectMeta.fields.find((f) => f.name === 'creationTimestamp')!.type).to.deep.equal({ kind: 'string', format: 'date-time' });
    expect(objectMeta.source).to.deep.equal({ file: 'api-defs/_meta/types.ts', line: 14 });
  });

  it('sorts groups by folder; core is the group ""', () => {
    expect(model.groups.map((g) => g.dir)).to.deep.equal(['core', 'example.com']);
    expect(model.groups[0].name).to.equal('');
    expect(model.groups[0].storageVersion).to.equal('v1');
    expect(example.name).to.equal('example.com');
  });

  it('reads versions in group.ts order, hub and default storage version', () => {
    expect(example.versions.map((v) => v.name)).to.deep.equal(['v1', 'v1alpha1']);
    expect(example.hubVersion).to.equal('v1');
    expect(example.storageVersion).to.equal('v1');
    expect(example.strategicMergePatch).to.equal(false); // not set in group.ts
    expect(example.source).to.deep.equal({ file: 'api-defs/example.com/group.ts', line: 3 });
    expect(example.versions[0].source).to.deep.equal({ file: 'api-defs/example.com/v1/types.ts', line: 1 });
  });

  it('lists types in declaration order and finds the kinds', () => {
    expect(example.versions[0].types.map((t) => t.name)).to.deep.equal([
      'Widget', 'WidgetSpec', 'WidgetPort', 'WidgetOptions', 'WidgetStatus', 'Policy', 'Box',
    ]);
    expect(example.versions[0].kinds.map((k) => k.name)).to.deep.equal(['Widget', 'Policy', 'Box']);
    expect(type('v1', 'Widget').fields.map((f) => f.name)).to.deep.equal(['metadata', 'spec', 'status']);
    expect(field('v1', 'Widget', 'metadata').type).to.deep.equal({ kind: 'ref', name: 'ObjectMeta', scope: 'meta' });
    expect(field('v1', 'Widget', 'spec').type).to.deep.equal({ kind: 'ref', name: 'WidgetSpec', scope: 'version' });
  });

  it('reads kind markers', () => {
    const widget = kind('Widget');
    expect(widget).to.deep.include({
      name: 'Widget',
      listKind: 'WidgetList',
      plural: 'widgets',
      singular: 'widget',
      shortNames: ['wd', 'wdg', 'wdgt'],
      categories: ['all', 'example'],
      scope: 'Namespaced',
      verbs: ['get', 'list', 'create', 'update', 'patch', 'delete', 'deletecollection', 'watch'],
      nameFormat: 'dns1123subdomain',
    });
    expect(widget.printColumns).to.deep.equal([
      { name: 'Color', type: 'string', jsonPath: '.spec.color', priority: 0 },
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', priority: 1, description: 'Desired replicas' },
    ]);
    expect(widget.subresources).to.deep.equal({
      status: true,
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' },
    });
    expect(widget.source).to.deep.equal({ file: 'api-defs/example.com/v1/types.ts', line: 20 });
    expect(type('v1', 'Widget').doc).to.equal('Widget is a thing with a colour.\nIt has two paragraphs of doc.');
  });

  it('applies kind defaults and overrides', () => {
    expect(kind('Policy')).to.deep.include({ plural: 'policies', scope: 'Cluster', verbs: ['get', 'list', 'watch'], nameFormat: 'dns1123label' });
    expect(kind('Policy').subresources).to.deep.equal({ status: false });
    expect(kind('Box')).to.deep.include({ plural: 'boxen', singular: 'boks', listKind: 'BoxList' });
  });

  it('derives English plurals', () => {
    expect(['Widget', 'Policy', 'Gateway', 'Ingress', 'Box', 'Match', 'Mesh', 'Quiz'].map(pluralOf)).to.deep.equal([
      'widgets', 'policies', 'gateways', 'ingresses', 'boxes', 'matches', 'meshes', 'quizes',
    ]);
  });

  it('resolves field types', () => {
    const types = Object.fromEntries(type('v1', 'WidgetSpec').fields.map((f) => [f.name, f.type]));
    expect(types).to.deep.equal({
      color: { kind: 'enum', values: ['red', 'green', 'blue'] },
      replicas: { kind: 'integer', format: 'int32' },
      ratio: { kind: 'number' },
      size: { kind: 'intOrString', quantity: true },
      port: { kind: 'intOrString' },
      ports: { kind: 'array', items: { kind: 'ref', name: 'WidgetPort', scope: 'version' } },
      tags: { kind: 'array', items: { kind: 'string' } },
      labels: { kind: 'map', values: { kind: 'string' } },
      annotations: { kind: 'map', values: { kind: 'string' } },
      selector: { kind: 'ref', name: 'LabelSelector', scope: 'meta' },
      extra: { kind: 'json' },
      nickname: { kind: 'string' },
      mode: { kind: 'enum', values: ['Fast', 'Slow'] },
      expires: { kind: 'string', format: 'date-time' },
      counts: { kind: 'array', items: { kind: 'integer', format: 'int64' } },
      legacy: { kind: 'boolean' },
      created: { kind: 'string', format: 'date-time' },
      options: { kind: 'ref', name: 'WidgetOptions', scope: 'version' },
    });
    expect(field('v1', 'WidgetPort', 'protocol').type).to.deep.equal({ kind: 'enum', values: ['TCP', 'UDP'] });
  });

  it('reads field markers, optionality and docs', () => {
    expect(field('v1', 'WidgetSpec', 'replicas')).to.deep.include({
      optional: true,
      markers: { minimum: 0, maximum: 100, default: 1 },
      doc: 'Desired replicas.',
      source: { file: 'api-defs/example.com/v1/types.ts', line: 38 },
    });
    expect(field('v1', 'WidgetSpec', 'color').markers).to.deep.equal({ default: 'red' });
    expect(field('v1', 'WidgetSpec', 'ratio').markers).to.deep.equal({ exclusiveMinimum: 0 });
    expect(field('v1', 'WidgetSpec', 'port').markers).to.deep.equal({ intOrString: true });
    expect(field('v1', 'WidgetSpec', 'ports').markers).to.deep.equal({
      listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name',
    });
    expect(field('v1', 'WidgetSpec', 'tags').markers).to.deep.equal({ listType: 'set', maxItems: 10, minItems: 1 });
    expect(field('v1', 'WidgetSpec', 'nickname')).to.deep.include({
      optional: true,
      markers: { pattern: '^[a-z]+$', minLength: 1, maxLength: 63 },
    });
    expect(field('v1', 'WidgetSpec', 'mode').markers).to.deep.equal({ enum: ['Fast', 'Slow'], default: 'Fast' });
    expect(field('v1', 'WidgetSpec', 'expires').markers).to.deep.equal({ format: 'date-time' });
    expect(field('v1', 'WidgetSpec', 'legacy')).to.deep.include({ optional: false, markers: {}, doc: '' });
    expect(field('v1', 'WidgetSpec', 'options').markers).to.deep.equal({ default: {} });
    expect(field('v1', 'WidgetPort', 'name').optional).to.equal(false);
  });

  it('finds the hooks', () => {
    const [v1, v1alpha1] = example.versions;
    expect(v1.hooks).to.deep.equal({
      toInternal: [], fromInternal: [], defaults: ['Widget'], defaultsFile: 'api-defs/example.com/v1/defaults.ts',
    });
    expect(v1alpha1.hooks).to.deep.equal({
      toInternal: ['WidgetSpec'],
      fromInternal: ['WidgetSpec'],
      defaults: [],
      conversionFile: 'api-defs/example.com/v1alpha1/conversion.ts',
    });
    expect(example.validationHooks).to.deep.equal(['Widget']);
    expect(example.validationFile).to.equal('api-defs/example.com/validation.ts');
  });

  it('reads internal-only fields', () => {
    expect(Object.keys(example.internalFields)).to.deep.equal(['WidgetSpec']);
    expect(example.internalFields.WidgetSpec.map((f) => [f.name, f.type, f.doc])).to.deep.equal([
      ['observedPaint', { kind: 'string' }, 'Set by the server when converting from v1alpha1.'],
      ['lastSeen', { kind: 'string', format: 'date-time' }, ''],
      ['history', { kind: 'array', items: { kind: 'ref', name: 'WidgetStatus', scope: 'version' } }, ''],
    ]);
    expect(example.internalFields.WidgetSpec[0].source.file).to.equal('api-defs/example.com/internal.ts');
  });

  it('is deterministic and plain data', () => {
    const again = parseApiDefs(fixture('good'));
    expect(JSON.stringify(again)).to.equal(JSON.stringify(model));
    expect(JSON.parse(JSON.stringify(model))).to.deep.equal(model);
  });
});
