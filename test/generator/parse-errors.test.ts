// The parser on broken api-defs: every problem is reported with file:line and field path.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseApiDefs } from '../../generator/parse/index.js';
import { fixture, parseErrors, tempTree, widgetTypes } from './helpers.js';

const TYPES = 'api-defs/example.com/v1/types.ts';

describe('api-defs parser: errors in fixtures', () => {
  it('reports an unknown marker', () => {
    expect(parseErrors(fixture('unknown-marker'))).to.deep.equal([`${TYPES}:11: Widget.spec.color: unknown marker @colour`]);
  });

  it('reports bad marker values and invalid regular expressions', () => {
    const errors = parseErrors(fixture('bad-marker-value'));
    expect(errors).to.have.length(3);
    expect(errors[0]).to.equal(`${TYPES}:9: Widget.spec.replicas: bad value for @minimum: 'abc' (expected a number)`);
    expect(errors[1]).to.equal(`${TYPES}:11: Widget.spec.tags: bad value for @listType: 'foo' (expected one of atomic, set, map)`);
    expect(errors[2]).to.match(new RegExp(`^${TYPES}:13: Widget\\.spec\\.name: invalid regular expression in @pattern: `));
  });

  it('reports markers on the wrong type', () => {
    expect(parseErrors(fixture('marker-wrong-type'))).to.deep.equal([
      `${TYPES}:9: Widget.spec.color: @maximum applies to integer and number fields, not string`,
      `${TYPES}:11: Widget.spec.replicas: @maxLength applies to string fields, not integer`,
      `${TYPES}:13: Widget.spec.name: @minItems applies to array fields, not string`,
      `${TYPES}:15: Widget.spec.count: @default "three" does not fit the field: expected integer`,
    ]);
  });

  it('reports a kind without metadata', () => {
    expect(parseErrors(fixture('kind-without-metadata'))).to.deep.equal([
      `${TYPES}:3: Widget: kind Widget has no metadata: ObjectMeta`,
    ]);
  });

  it('reports a missing hub version', () => {
    const errors = parseErrors(fixture('missing-hub-version'));
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^api-defs\/example\.com\/group\.ts:2: missing hub version/);
  });

  it('reports every unsupported TypeScript construct at once', () => {
    expect(parseErrors(fixture('unsupported-types'))).to.deep.equal([
      `${TYPES}:10: Widget.spec.foo: unsupported type 'any'`,
      `${TYPES}:11: Widget.spec.pair: unsupported type '[string, number]' (tuples are not supported)`,
      `${TYPES}:12: Widget.spec.both: unsupported type 'WidgetSpec | Other' (unions of object types are not supported)`,
      `${TYPES}:13: Widget.spec.inline: unsupported type '{ a: string }' (inline object types are not supported; declare an exported interface)`,
      `${TYPES}:14: Widget.spec.callback: unsupported type '() => void' (functions are not supported)`,
      `${TYPES}:15: Widget.spec.mixed: unsupported type 'WidgetSpec & Other' (intersections are not supported)`,
      `${TYPES}:16: Widget.spec.promise: unsupported type 'Promise<string>' (generic types other than Array and Record are not supported)`,
      `${TYPES}:18: Widget.spec.missing: unknown type 'Nowhere'`,
    ]);
  });

  it('reports a hook for an unknown type', () => {
    expect(parseErrors(fixture('hook-unknown-type'))).to.deep.equal([
      'api-defs/example.com/v1/conversion.ts:8: conversion hook WidgetSpcFromInternal is for unknown type ' +
        "'WidgetSpc': example.com/v1 has no type WidgetSpc",
    ]);
  });
});

describe('api-defs parser: more errors', () => {
  /** Errors of a tree whose only version file is `types` (plus `more` files). */
  function errorsOf(types: string, more: Record<string, string> = {}): string[] {
    const tree = tempTree({ 'example.com/v1/types.ts': types, ...more });
    try {
      return parseErrors(tree.dir);
    } finally {
      tree.cleanup();
    }
  }
  /** Errors of a WidgetSpec with the given body, without the file and line. */
  function specErrors(body: string, extra = ''): string[] {
    return errorsOf(widgetTypes(body, extra)).map((e) => e.replace(/^api-defs\/example\.com\/v1\/types\.ts:\d+: /, ''));
  }

  it('checks markers against field types', () => {
    expect(specErrors('  /** @pattern ^a$ */\n  n?: int32;')).to.deep.equal([
      'Widget.spec.n: @pattern applies to string fields, not integer',
    ]);
    expect(specErrors('  /** @listMapKey name */\n  items?: string[];')).to.deep.equal([
      'Widget.spec.items: @listMapKey applies to array of objects fields, not array',
    ]);
    expect(specErrors('  /** @listMapKey name */\n  items?: Item[];', 'export interface Item { name: string }')).to.deep.equal([
      'Widget.spec.items: @listMapKey needs @listType map',
    ]);
    expect(specErrors('  /** @listType map */\n  items?: Item[];', 'export interface Item { name: string }')).to.deep.equal([
      'Widget.spec.items: @listType map needs at least one @listMapKey',
    ]);
    expect(
      specErrors('  /**\n   * @listType map\n   * @listMapKey nmae\n   */\n  items?: Item[];', 'export interface Item { name: string }'),
    ).to.deep.equal(["Widget.spec.items: @listMapKey 'nmae' is not a field of Item"]);
    expect(specErrors('  /** @intOrString */\n  s?: string;')).to.deep.equal([
      'Widget.spec.s: @intOrString applies to number | string fields, not string',
    ]);
    expect(specErrors('  /** @enum a,b */\n  s?: int32;')).to.deep.equal(['Widget.spec.s: @enum applies to string fields, not integer']);
    expect(specErrors('  /** @patchStrategy merge */\n  s?: string;')).to.deep.equal([
      'Widget.spec.s: @patchStrategy applies to array and object fields, not string',
    ]);
    expect(specErrors('  /** @scope Cluster */\n  s?: string;')).to.deep.equal([
      "Widget.spec.s: @scope is a kind marker: put it on the kind's interface, not on a field",
    ]);
  });

  it('checks @default values against the type and the other markers', () => {
    const tree = tempTree({ 'example.com/v1/types.ts': widgetTypes('  /** @default Max */\n  s?: string;') });
    try {
      const spec = parseApiDefs(tree.dir).groups[0].versions[0].types[1];
      expect(spec.fields[0].markers).to.deep.equal({ default: 'Max' });
    } finally {
      tree.cleanup();
    }
    expect(specErrors('  /** @default 200\n   * @maximum 100 */\n  n?: int32;')).to.deep.equal([
      'Widget.spec.n: @default 200 does not fit the field: above @maximum 100',
    ]);
    expect(specErrors("  /** @default \"SCTP\" */\n  p?: 'TCP' | 'UDP';")).to.deep.equal([
      'Widget.spec.p: @default "SCTP" does not fit the field: expected one of TCP, UDP',
    ]);
    expect(specErrors('  /** @default {"colour": 1} */\n  o?: Opts;', 'export interface Opts { color?: string }')).to.deep.equal([
      `Widget.spec.o: @default {"colour":1} does not fit the field: 'colour' is not a field of Opts`,
    ]);
    expect(specErrors('  /** @default {not json} */\n  o?: string;')).to.deep.equal([
      "Widget.spec.o: bad value for @default: '{not json}' (expected JSON, for example 3, \"text\", true, {} or [\"a\"])",
    ]);
  });

  it('checks kind markers', () => {
    const errors = errorsOf(`import type { ObjectMeta, TypeMeta } from '../../_meta/types.js';
/**
 * @scope Global
 * @verbs get,fly
 * @printColumn name=Age type=when jsonPath=.metadata.creationTimestamp
 * @printColumn name=X
 * @subresource scale specReplicasPath=.status.replicas statusReplicasPath=.status.replicas
 * @subresource status
 * @plural Widgets
 * @minimum 3
 * @frobnicate
 */
export interface Widget extends TypeMeta {
  metadata: ObjectMeta;
}
`);
    expect(errors).to.deep.equal([
      `${TYPES}:3: Widget: bad value for @scope: 'Global' (expected Namespaced or Cluster)`,
      `${TYPES}:4: Widget: bad value for @verbs: 'get,fly' (unknown verb fly; verbs are get, list, create, update, patch, delete, deletecollection, watch)`,
      `${TYPES}:5: Widget: bad value for @printColumn: type 'when' (expected one of integer, number, string, boolean, date)`,
      `${TYPES}:6: Widget: bad value for @printColumn: missing type= (expected name=NAME type=TYPE jsonPath=.PATH [priority=N] [description="..."] [format=F])`,
      `${TYPES}:6: Widget: bad value for @printColumn: missing jsonPath= (expected name=NAME type=TYPE jsonPath=.PATH [priority=N] [description="..."] [format=F])`,
      `${TYPES}:7: Widget: bad value for @subresource scale: specReplicasPath '.status.replicas' must start with '.spec.'`,
      `${TYPES}:9: Widget: bad value for @plural: 'Widgets' (expected a lower-case name)`,
      `${TYPES}:10: Widget: @minimum is a field marker: put it on a property, not on the kind Widget`,
      `${TYPES}:11: Widget: unknown marker @frobnicate`,
      `${TYPES}:13: Widget: kind Widget has @subresource status but no status field`,
    ]);
  });

  it('rejects kind markers on plain types, declared list kinds and other extends', () => {
    const errors = errorsOf(`import type { ObjectMeta, TypeMeta } from '../../_meta/types.js';
export interface Widget extends TypeMeta {
  metadata: ObjectMeta;
}
export interface WidgetList extends TypeMeta {
  metadata: ObjectMeta;
}
/** @scope Cluster */
export interface Part extends Widget {
  a?: string;
}
`);
    expect(errors).to.deep.equal([
      `${TYPES}:5: WidgetList: WidgetList is generated for kind Widget; do not declare it`,
      `${TYPES}:8: Part: @scope on Part: interface markers apply only to kinds (interfaces that extend TypeMeta)`,
      `${TYPES}:9: Part: interface Part extends Widget: only 'extends TypeMeta' (for kinds) is supported`,
    ]);
  });

  it('resolves exported aliases and reports broken ones at the alias', () => {
    const errors = errorsOf(
      widgetTypes('  a?: Bad;\n  b?: Bad;\n  c?: Nested;', `export type Bad = any;\nexport type Nested = Bad[];\nexport type Unused = [string];`),
    );
    expect(errors).to.deep.equal([
      `${TYPES}:13: Bad: unsupported type 'any'`,
      `${TYPES}:15: Unused: unsupported type '[string]' (tuples are not supported)`,
    ]);
  });

  it('rejects types imported from another version', () => {
    const errors = errorsOf(widgetTypes('  x?: Other;').replace("import type {", "import type { Other } from '../v2/types.js';\nimport type {"), {
      'example.com/group.ts': `export const group = { name: 'example.com', versions: ['v1', 'v2'], hubVersion: 'v1' };\n`,
      'example.com/v2/types.ts': 'export interface Other { a?: string }\n',
    });
    expect(errors).to.deep.equal([
      `${TYPES}:10: Widget.spec.x: type 'Other' comes from 'types'; only types of this file and _meta/types.ts can be used`,
    ]);
  });

  it('requires a boolean literal for strategicMergePatch', () => {
    const errors = errorsOf(widgetTypes('  a?: string;'), {
      'example.com/group.ts': `export const group = { name: 'example.com', versions: ['v1'], hubVersion: 'v1', strategicMergePatch: 'yes' };\n`,
    });
    expect(errors).to.deep.equal(['api-defs/example.com/group.ts:1: group strategicMergePatch must be true or false']);
  });

  it('checks group.ts and version folders', () => {
    const errors = errorsOf(widgetTypes('  a?: string;'), {
      'example.com/group.ts': `export const group = { name: 'example.com', versions: ['v1', 'v2', 'version3'], hubVersion: 'v9', storageVersion: 'v8', color: 'red' };\n`,
      'example.com/v0/README.md': 'not a version\n',
    });
    expect(errors).to.deep.equal([
      "api-defs/example.com/group.ts:1: unknown group property 'color' (expected name, versions, hubVersion, storageVersion, strategicMergePatch)",
      "api-defs/example.com/group.ts:1: bad version name 'version3' (expected v1, v2beta1, v1alpha2, ...)",
      "api-defs/example.com/group.ts:1: missing hub version: hubVersion 'v9' is not one of the versions (v1, v2, version3)",
      "api-defs/example.com/group.ts:1: storageVersion 'v8' is not one of the versions (v1, v2, version3)",
      "api-defs/example.com/group.ts:1: folder 'example.com/v0' is not one of the versions in group.ts",
      'api-defs/example.com/group.ts:1: version v2 has no example.com/v2/types.ts',
      'api-defs/example.com/group.ts:1: version version3 has no example.com/version3/types.ts',
    ]);
  });

  it('rejects unknown or misnamed hooks in every hook file', () => {
    const errors = errorsOf(widgetTypes('  a?: string;'), {
      'example.com/v1/defaults.ts': 'export function defaultWidget(): void {}\nexport function defaultGizmo(): void {}\nexport const LIMIT = 3;\n',
      'example.com/v1/conversion.ts': 'export function helper(): void {}\n',
      'example.com/validation.ts': 'export function validateWidget(): string[] { return []; }\nexport function validateWidgets(): string[] { return []; }\n',
      'example.com/internal.ts': 'export interface Gizmo { a?: string }\nexport interface WidgetSpec { a?: string; b?: string }\n',
    });
    expect(errors).to.deep.equal([
      "api-defs/example.com/internal.ts:1: Gizmo: internal.ts: Gizmo is not a type of the hub version v1",
      "api-defs/example.com/internal.ts:2: WidgetSpec.a: internal field 'a' already exists in v1 WidgetSpec",
      "api-defs/example.com/v1/conversion.ts:1: unexpected export 'helper': conversion hooks are named <Type>ToInternal or <Type>FromInternal (do not export helpers)",
      "api-defs/example.com/v1/defaults.ts:2: hook defaultGizmo is for unknown kind 'Gizmo': example.com/v1 has no kind Gizmo",
      'api-defs/example.com/v1/defaults.ts:3: hook files may only export functions (and types); found another export',
      "api-defs/example.com/validation.ts:2: hook validateWidgets is for unknown kind 'Widgets': example.com (hub version v1) has no kind Widgets",
    ]);
  });

  it('requires _meta/types.ts and group.ts', () => {
    const tree = tempTree({ 'example.com/v1/types.ts': widgetTypes('  a?: string;'), 'other/v1/types.ts': '' });
    try {
      expect(parseErrors(tree.dir)).to.deep.equal(["api-defs/other/group.ts:1: group folder 'other' has no group.ts"]);
      fs.rmSync(path.join(tree.dir, '_meta'), { recursive: true });
      expect(parseErrors(tree.dir)).to.include('api-defs/_meta/types.ts:1: missing _meta/types.ts');
    } finally {
      tree.cleanup();
    }
  });
});
