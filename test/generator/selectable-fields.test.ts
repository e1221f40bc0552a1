// The `@selectableField` kind marker: parsed into KindModel.selectableFields (without the leading
// dot, as a field selector names the field), checked against the kind's fields.
import { expect } from 'chai';
import { parseApiDefs } from '../../generator/parse/index.js';
import { parseErrors, tempTree } from './helpers.js';

const TYPES = 'api-defs/example.com/v1/types.ts';

function widgetWith(markers: string[]): string {
  return `import type { int32, ObjectMeta, TypeMeta } from '../../_meta/types.js';

/**
${markers.map((m) => ` * ${m}`).join('\n')}
 */
export interface Widget extends TypeMeta {
  metadata: ObjectMeta;
  spec?: WidgetSpec;
  status?: WidgetStatus;
}

export interface WidgetSpec {
  color?: 'red' | 'green';
  size?: int32;
  enabled?: boolean;
  owner?: string;
  tags?: string[];
  labels?: Record<string, string>;
}

export interface WidgetStatus {
  phase?: string;
}
`;
}

function parse(markers: string[]) {
  const tree = tempTree({ 'example.com/v1/types.ts': widgetWith(markers) });
  try {
    return parseApiDefs(tree.dir).groups[0].versions[0].kinds[0];
  } finally {
    tree.cleanup();
  }
}

function errors(markers: string[]): string[] {
  const tree = tempTree({ 'example.com/v1/types.ts': widgetWith(markers) });
  try {
    return parseErrors(tree.dir);
  } finally {
    tree.cleanup();
  }
}

describe('api-defs parser: @selectableField', () => {
  it('reads string, enum, integer and boolean fields in declaration order', () => {
    const kind = parse([
      '@selectableField .spec.color',
      '@selectableField .spec.size',
      '@selectableField .spec.enabled',
      '@selectableField .status.phase',
    ]);
    expect(kind.selectableFields).to.deep.equal(['spec.color', 'spec.size', 'spec.enabled', 'status.phase']);
  });

  it('defaults to none', () => {
    expect(parse([]).selectableFields).to.deep.equal([]);
  });

  it('rejects bad paths, metadata, duplicates, missing and non-scalar fields', () => {
    const errs = errors([
      '@selectableField spec.color', // line 4
      '@selectableField .metadata.name',
      '@selectableField .spec.owner',
      '@selectableField .spec.owner',
      '@selectableField .spec.missing',
      '@selectableField .spec',
      '@selectableField .spec.tags',
      '@selectableField .spec.labels.app',
    ]);
    expect(errs).to.deep.equal([
      `${TYPES}:4: Widget: bad value for @selectableField: 'spec.color' (expected a field path such as '.spec.color')`,
      `${TYPES}:5: Widget: bad value for @selectableField: '.metadata.name' (metadata fields cannot be selectable fields; metadata.name and metadata.namespace always are)`,
      `${TYPES}:7: Widget: duplicate @selectableField .spec.owner`,
      `${TYPES}:13: Widget: @selectableField .spec.missing: Widget has no field .spec.missing`,
      `${TYPES}:13: Widget: @selectableField .spec: must name a string, integer, boolean or enum field, not an object`,
      `${TYPES}:13: Widget: @selectableField .spec.tags: must name a string, integer, boolean or enum field, not a list`,
      `${TYPES}:13: Widget: @selectableField .spec.labels.app: Widget has no field .spec.labels.app`,
    ]);
  });

  it('allows at most 8 per kind', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `@selectableField .spec.f${i}`);
    const errs = errors(nine);
    expect(errs.some((e) => e.includes('more than 8 @selectableField markers'))).to.equal(true);
  });
});
