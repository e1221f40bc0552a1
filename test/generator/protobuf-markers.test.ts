// The `@protobuf` field marker and the `@virtual` kind marker: parsing, checks, and what the
// emitters make of them (decoders only for fully numbered kinds; createVirtual wiring).
import { expect } from 'chai';
import { emitAll } from '../../generator/emit/index.js';
import { parseApiDefs } from '../../generator/parse/index.js';
import { parseErrors, tempTree, widgetTypes } from './helpers.js';

const TYPES = 'api-defs/example.com/v1/types.ts';

/** A Widget whose kind fields are numbered, with a numbered spec declared by `specBody`. */
function numberedWidget(specBody: string, kindDoc = ''): string {
  return `import type { int32, int64, IntOrString, Quantity, Time, ObjectMeta, TypeMeta } from '../../_meta/types.js';

${kindDoc}
export interface Widget extends TypeMeta {
  /** @protobuf 1 */
  metadata: ObjectMeta;
  /** @protobuf 2 */
  spec: WidgetSpec;
}

export interface WidgetSpec {
${specBody}
}
`;
}

function withTree<T>(files: Record<string, string>, fn: (dir: string) => T): T {
  const tree = tempTree(files);
  try {
    return fn(tree.dir);
  } finally {
    tree.cleanup();
  }
}

describe('@protobuf marker', () => {
  it('parses a number, an embedded path and bytes', () => {
    const spec = '  /** @protobuf 3 */\n  color?: string;\n  /** @protobuf 4.1 */\n  inner?: string;\n  /** @protobuf 5 bytes */\n  data?: Record<string, string>;';
    const model = withTree({ 'example.com/v1/types.ts': widgetTypes(spec) }, (dir) => parseApiDefs(dir));
    const fields = model.groups[0]!.versions[0]!.types.find((t) => t.name === 'WidgetSpec')!.fields;
    expect(fields.map((f) => f.markers)).to.deep.equal([{ protobuf: [3] }, { protobuf: [4, 1] }, { protobuf: [5], protobufBytes: true }]);
  });

  it('rejects bad numbers, bytes on non-strings and duplicates within a type', () => {
    const spec = [
      '  /** @protobuf 0 */\n  a?: string;',
      '  /** @protobuf 19500 */\n  b?: string;',
      '  /** @protobuf two */\n  c?: string;',
      '  /** @protobuf 3 bytes */\n  d?: int32;',
      '  /** @protobuf 4 */\n  e?: string;',
      '  /** @protobuf 4 */\n  f?: string;',
      '  /** @protobuf 5.1 */\n  g?: string;',
      '  /** @protobuf 5 */\n  h?: string;',
    ].join('\n');
    const errors = withTree({ 'example.com/v1/types.ts': widgetTypes(spec) }, (dir) => parseErrors(dir));
    expect(errors).to.have.length(6);
    expect(errors[0]).to.match(new RegExp(`^${TYPES}:\\d+: Widget\\.spec\\.a: bad value for @protobuf: '0'`));
    expect(errors[1]).to.match(/Widget\.spec\.b: bad value for @protobuf: '19500'/);
    expect(errors[2]).to.match(/Widget\.spec\.c: bad value for @protobuf: 'two'/);
    expect(errors[3]).to.match(/Widget\.spec\.d: @protobuf applies to string \(or array or map of string\) with bytes fields, not integer/);
    expect(errors[4]).to.match(/WidgetSpec\.f: duplicate @protobuf 4: field 'e' of WidgetSpec uses it too/);
    expect(errors[5]).to.match(/WidgetSpec\.h: duplicate @protobuf 5: field 'g' of WidgetSpec uses it too/);
  });

  it('emits decoders only for kinds whose fields are all numbered', () => {
    const numbered = numberedWidget('  /** @protobuf 1 */\n  color?: string;');
    const files = withTree({ 'example.com/v1/types.ts': numbered }, (dir) => emitAll(parseApiDefs(dir)));
    // The fixtures' _meta has no numbers, so ObjectMeta has no decoder: neither has Widget.
    expect(files.has('example.com/v1/protobuf.ts')).to.equal(false);
    expect(files.get('example.com/v1/register.ts')).to.not.contain('decodeProtobuf');
  });
});

describe('@virtual kind marker', () => {
  const reviewTypes = (kindDoc: string) => `import type { ObjectMeta, TypeMeta } from '../../_meta/types.js';

/**
${kindDoc}
 */
export interface Review extends TypeMeta {
  metadata: ObjectMeta;
  spec?: ReviewSpec;
  status?: ReviewStatus;
}

export interface ReviewSpec {
  question?: string;
}

export interface ReviewStatus {
  answer?: string;
}
`;
  const hook = `import type * as internal from '../../generated/example.com/internal/types.js';
export function createReview(review: internal.Review): internal.Review {
  review.status = { answer: 'yes' };
  return review;
}
`;

  it('makes a create-only kind wired to its create hook', () => {
    const files = withTree(
      { 'example.com/v1/types.ts': reviewTypes(' * @scope Cluster\n * @virtual'), 'example.com/virtual.ts': hook },
      (dir) => {
        const model = parseApiDefs(dir);
        const kind = model.groups[0]!.versions[0]!.kinds[0]!;
        expect(kind.virtual).to.equal(true);
        expect(kind.verbs).to.deep.equal(['create']);
        expect(model.groups[0]!.virtualHooks).to.deep.equal(['Review']);
        return emitAll(model);
      },
    );
    const register = files.get('example.com/register.ts')!;
    expect(register).to.contain("import * as virtualHooks from '../../api-defs/example.com/virtual.js';");
    expect(register).to.contain('createVirtual: (obj) => virtualHooks.createReview(obj as unknown as internal.Review) as unknown as JSONObject,');
    expect(register).to.contain("verbs: ['create'],");
  });

  it('requires the hook, and refuses other verbs and subresources', () => {
    const errors = withTree(
      { 'example.com/v1/types.ts': reviewTypes(' * @virtual\n * @verbs get,create\n * @subresource status') },
      (dir) => parseErrors(dir),
    );
    expect(errors).to.have.length(3);
    expect(errors[0]).to.match(/Review: @virtual kind Review serves only create; drop @verbs or set it to create$/);
    expect(errors[1]).to.match(/Review: @virtual kind Review cannot have subresources$/);
    expect(errors[2]).to.match(/Review: @virtual kind Review needs a hook 'createReview' in example\.com\/virtual\.ts$/);
  });

  it('rejects a create hook for a kind that is not virtual', () => {
    const errors = withTree({ 'example.com/v1/types.ts': reviewTypes(' * @scope Cluster'), 'example.com/virtual.ts': hook }, (dir) =>
      parseErrors(dir),
    );
    expect(errors).to.deep.equal([
      "api-defs/example.com/virtual.ts:2: hook createReview is for unknown kind 'Review': example.com (the @virtual kinds of hub version v1) has no kind Review",
    ]);
  });
});
