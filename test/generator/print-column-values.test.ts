// `@printColumn ... value="..."`: computed printer cells. The parser checks the expression
// (runtime/endpoints/table/expression.ts), keeps it in PrintColumnModel.value, and sets jsonPath to
// the first path it reads; a bad expression is an error with file:line. Also the `format=name`
// column that takes the Name column's place, and the emitted registration (`value` on the column).
import { expect } from 'chai';
import { emitGroupRegister } from '../../generator/emit/register.js';
import { parseApiDefs } from '../../generator/parse/index.js';
import { parseErrors, tempTree } from './helpers.js';

const TYPES = 'api-defs/example.com/v1/types.ts';

/** Widget's types.ts with these kind markers; the first marker is on line 4. */
function widgetWith(markers: string[]): string {
  return `import type { int32, ObjectMeta, TypeMeta } from '../../_meta/types.js';

/**
${markers.map((m) => ` * ${m}`).join('\n')}
 */
export interface Widget extends TypeMeta {
  metadata: ObjectMeta;
  spec?: WidgetSpec;
}

export interface WidgetSpec {
  color?: string;
  size?: int32;
  tags?: string[];
  labels?: Record<string, string>;
  parts?: WidgetPart[];
}

export interface WidgetPart {
  name?: string;
  alias?: string;
}
`;
}

function withTree<T>(markers: string[], run: (dir: string) => T): T {
  const tree = tempTree({ 'example.com/v1/types.ts': widgetWith(markers) });
  try {
    return run(tree.dir);
  } finally {
    tree.cleanup();
  }
}

const columnsOf = (markers: string[]) => withTree(markers, (dir) => parseApiDefs(dir).groups[0].versions[0].kinds[0].printColumns);
const errorsOf = (markers: string[]) => withTree(markers, (dir) => parseErrors(dir));

describe('@printColumn value= (computed cells)', () => {
  it('keeps the expression and takes the first path it reads as the jsonPath', () => {
    expect(
      columnsOf([
        '@printColumn name=Entries type=integer value="count(.spec.tags, .spec.labels)"',
        `@printColumn name=Color type=string value="or(.spec.color, '<none>')"`,
        `@printColumn name=Parts type=string priority=1`,
        ` value="join(unique(each(.spec.parts[*], or(@.alias, @.name))), sep=', ', max=3)"`,
        `@printColumn name=Tagged type=string value="ifNonEmpty(.spec.tags, 'yes', 'no')"`,
      ]),
    ).to.deep.equal([
      { name: 'Entries', type: 'integer', jsonPath: '.spec.tags', priority: 0, value: 'count(.spec.tags, .spec.labels)' },
      { name: 'Color', type: 'string', jsonPath: '.spec.color', priority: 0, value: "or(.spec.color, '<none>')" },
      {
        name: 'Parts',
        type: 'string',
        jsonPath: '.spec.parts[*]',
        priority: 1,
        value: "join(unique(each(.spec.parts[*], or(@.alias, @.name))), sep=', ', max=3)",
      },
      { name: 'Tagged', type: 'string', jsonPath: '.spec.tags', priority: 0, value: "ifNonEmpty(.spec.tags, 'yes', 'no')" },
    ]);
  });

  it('reports bad expressions with file:line', () => {
    const bad = (value: string) => `${TYPES}:4: Widget: bad value for @printColumn: value '${value}': `;
    expect(errorsOf(['@printColumn name=A type=integer value="cnt(.spec.tags)"'])).to.deep.equal([
      `${bad('cnt(.spec.tags)')}unknown function 'cnt' (functions: count, join, or, ifNonEmpty, unique, each, lower) at column 1`,
    ]);
    expect(errorsOf(['@printColumn name=A type=string value="join(.spec.tags, glue=\'-\')"'])).to.deep.equal([
      `${bad("join(.spec.tags, glue='-')")}join() has no option 'glue' (options: sep, max) at column 18`,
    ]);
    expect(errorsOf(['@printColumn name=A type=string value="join(.spec.tags, max=0)"'])).to.deep.equal([
      `${bad('join(.spec.tags, max=0)')}join() option max must be a positive integer at column 22`,
    ]);
    expect(errorsOf(['@printColumn name=A type=string value="or(.spec.color"'])).to.deep.equal([
      `${bad('or(.spec.color')}expected ',' or ')' in or() at the end`,
    ]);
    expect(errorsOf(['@printColumn name=A type=string value="ifNonEmpty(.spec.tags)"'])).to.deep.equal([
      `${bad('ifNonEmpty(.spec.tags)')}ifNonEmpty() needs at least 2 arguments at column 1`,
    ]);
    expect(errorsOf(['@printColumn name=A type=string value="or(@.name)"'])).to.deep.equal([
      `${bad('or(@.name)')}'@' paths only work inside the second argument of each() at column 4`,
    ]);
    expect(errorsOf(['@printColumn name=A type=string value="or(.spec[?(@.x)])"'])).to.deep.equal([
      `${bad('or(.spec[?(@.x)])')}invalid JSONPath ".spec[?(@.x)]": unsupported subscript [?(@.x)] at column 4`,
    ]);
    expect(errorsOf([`@printColumn name=A type=string value="or('a', 'b')"`])).to.deep.equal([
      `${bad("or('a', 'b')")}it reads no field (use a path such as '.spec.color')`,
    ]);
  });

  it('checks the value against the column type', () => {
    expect(errorsOf(['@printColumn name=A type=date value="count(.spec.tags)"'])).to.deep.equal([
      `${TYPES}:4: Widget: bad value for @printColumn: value 'count(.spec.tags)': it gives a number, which a date column cannot show (use type=integer)`,
    ]);
    expect(errorsOf(['@printColumn name=A type=integer value="join(.spec.tags)"'])).to.deep.equal([
      `${TYPES}:4: Widget: bad value for @printColumn: value 'join(.spec.tags)': it gives text, which an integer column cannot show (use type=string)`,
    ]);
  });

  it('takes jsonPath= or value=, not both, and one of them', () => {
    expect(errorsOf(['@printColumn name=A type=integer jsonPath=.spec.size value="count(.spec.tags)"'])).to.deep.equal([
      `${TYPES}:4: Widget: bad value for @printColumn: give jsonPath= or value=, not both (value= names its own paths)`,
    ]);
    expect(errorsOf(['@printColumn name=A type=integer value=""'])).to.have.length(1);
  });

  it('allows one format=name column, which replaces the Name column', () => {
    expect(columnsOf(['@printColumn name=Name type=string format=name jsonPath=.metadata.name priority=1'])).to.deep.equal([
      { name: 'Name', type: 'string', jsonPath: '.metadata.name', priority: 1, format: 'name' },
    ]);
    expect(
      errorsOf([
        '@printColumn name=Name type=string format=name jsonPath=.metadata.name',
        '@printColumn name=Other type=string format=name jsonPath=.spec.color',
      ]),
    ).to.deep.equal([
      `${TYPES}:5: Widget: bad value for @printColumn: only one column can have format=name (it takes the place of the Name column)`,
    ]);
  });

  it('emits computed columns with their value expression', () => {
    const model = withTree(
      ['@printColumn name=Entries type=integer value="count(.spec.tags, .spec.labels)"', '@printColumn name=Color type=string jsonPath=.spec.color'],
      (dir) => parseApiDefs(dir),
    );
    const group = model.groups[0];
    const internal = { kinds: group.versions[0].kinds, types: group.versions[0].types } as Parameters<typeof emitGroupRegister>[1];
    const [, text] = emitGroupRegister(group, internal, new Map([['Widget', ['v1']]]));
    expect(text).to.include(
      "{ name: 'Entries', type: 'integer', priority: 0, jsonPath: '.spec.tags', value: 'count(.spec.tags, .spec.labels)' },",
    );
    expect(text).to.include("{ name: 'Color', type: 'string', priority: 0, jsonPath: '.spec.color' },");
  });
});
