// Type spaces: the three places a generated type lives (shared meta types, one version of a
// group, a group's internal types), with name resolution and output file locations. The
// emitters work on spaces, so the same code emits deepcopy/defaults/validation for all three.

import type { FieldModel, GroupModel, KindModel, SourceLocation, TypeModel, TypeRef, VersionModel } from '../model.js';

export type SpaceKind = 'meta' | 'version' | 'internal';

export interface TypeSpace {
  kind: SpaceKind;
  /** Output folder relative to the output root: `_meta`, `example.com/v1`, `example.com/internal`. */
  dir: string;
  /** Namespace alias used for this space's types in other files: `meta`, `v1`, `internal`. */
  alias: string;
  /** Own types in declaration order (kinds without apiVersion/kind fields). */
  types: TypeModel[];
  byName: Map<string, TypeModel>;
  kinds: KindModel[];
  /** Generated `<Kind>List` types, in kind order. */
  lists: TypeModel[];
  /** `apiVersion` value of a version space (`networking.k8s.io/v1`, `v1` for core). */
  apiVersion?: string;
  /** Fields that exist only in the internal space (internal.ts), by type name. */
  internalOnly: Map<string, Set<string>>;
  /** The api-defs files this space is generated from (for headers). */
  sources: string[];
  meta: MetaSpace;
}

export interface MetaSpace {
  byName: Map<string, TypeModel>;
  dir: string;
}

export const metaDir = '_meta';

/** Is `name` one of TypeMeta's fields (generated as literals on versioned kinds, absent internally). */
export function isTypeMetaField(name: string): boolean {
  return name === 'apiVersion' || name === 'kind';
}

function stripTypeMeta(type: TypeModel, isKind: boolean): TypeModel {
  if (!isKind) return type;
  return { ...type, fields: type.fields.filter((f) => !isTypeMetaField(f.name)) };
}

function listType(kind: KindModel, source: SourceLocation): TypeModel {
  const field = (name: string, type: TypeRef, doc: string): FieldModel => ({
    name,
    type,
    optional: false,
    markers: {},
    doc,
    source,
  });
  return {
    name: kind.listKind,
    doc: `${kind.listKind} is a list of ${kind.name} objects.`,
    source,
    fields: [
      field('metadata', { kind: 'ref', name: 'ListMeta', scope: 'meta' }, "Standard list metadata."),
      field('items', { kind: 'array', items: { kind: 'ref', name: kind.name, scope: 'version' } }, `Items is the list of ${kind.name}.`),
    ],
  };
}

export function groupApiVersion(group: GroupModel, version: string): string {
  return group.name === '' ? version : `${group.name}/${version}`;
}

export function metaSpace(metaTypes: TypeModel[]): TypeSpace {
  const byName = new Map(metaTypes.map((t) => [t.name, t]));
  const meta: MetaSpace = { byName, dir: metaDir };
  return {
    kind: 'meta',
    dir: metaDir,
    alias: 'meta',
    types: metaTypes,
    byName,
    kinds: [],
    lists: [],
    internalOnly: new Map(),
    sources: [...new Set(metaTypes.map((t) => t.source.file))],
    meta,
  };
}

export function versionSpace(group: GroupModel, version: VersionModel, meta: MetaSpace): TypeSpace {
  const kindNames = new Set(version.kinds.map((k) => k.name));
  const types = version.types.map((t) => stripTypeMeta(t, kindNames.has(t.name)));
  return {
    kind: 'version',
    dir: `${group.dir}/${version.name}`,
    alias: version.name,
    types,
    byName: new Map(types.map((t) => [t.name, t])),
    kinds: version.kinds,
    lists: version.kinds.map((k) => listType(k, k.source)),
    apiVersion: groupApiVersion(group, version.name),
    internalOnly: new Map(),
    sources: [version.source.file],
    meta,
  };
}

/** The internal space: the hub version's types plus internal-only fields. */
export function internalSpace(group: GroupModel, hub: VersionModel, meta: MetaSpace): TypeSpace {
  const kindNames = new Set(hub.kinds.map((k) => k.name));
  const internalOnly = new Map<string, Set<string>>();
  const types = hub.types.map((t) => {
    const base = stripTypeMeta(t, kindNames.has(t.name));
    const extra = group.internalFields[t.name] ?? [];
    if (extra.length === 0) return base;
    internalOnly.set(t.name, new Set(extra.map((f) => f.name)));
    return { ...base, fields: [...base.fields, ...extra] };
  });
  const extraSources = Object.values(group.internalFields).flatMap((fs) => fs.map((f) => f.source.file));
  return {
    kind: 'internal',
    dir: `${group.dir}/internal`,
    alias: 'internal',
    types,
    byName: new Map(types.map((t) => [t.name, t])),
    kinds: hub.kinds,
    lists: hub.kinds.map((k) => listType(k, k.source)),
    internalOnly,
    sources: [hub.source.file, ...extraSources],
    meta,
  };
}

/** Where a ref points: true when it is a shared meta type seen from another space. */
export function isForeignMeta(space: TypeSpace, ref: { scope: 'meta' | 'version' }): boolean {
  return space.kind !== 'meta' && ref.scope === 'meta';
}

/** The TypeModel a ref names, or undefined when it names nothing known. */
export function resolveRef(space: TypeSpace, ref: { name: string; scope: 'meta' | 'version' }): TypeModel | undefined {
  if (space.kind === 'meta' || ref.scope === 'meta') return space.meta.byName.get(ref.name);
  return space.byName.get(ref.name) ?? space.lists.find((l) => l.name === ref.name);
}

/** Values that are immutable and copied by assignment. */
export function isScalar(t: TypeRef): boolean {
  return (
    t.kind === 'string' ||
    t.kind === 'integer' ||
    t.kind === 'number' ||
    t.kind === 'boolean' ||
    t.kind === 'intOrString' ||
    t.kind === 'enum'
  );
}

/** Every ref reachable inside a TypeRef (through arrays and maps). */
export function refOf(t: TypeRef): Extract<TypeRef, { kind: 'ref' }> | undefined {
  if (t.kind === 'ref') return t;
  if (t.kind === 'array') return refOf(t.items);
  if (t.kind === 'map') return refOf(t.values);
  return undefined;
}

/**
 * Renders a TypeRef as a TS type. `refName` names a referenced type in the current file
 * (qualified or not); enums become unions of literals.
 */
export function tsType(t: TypeRef, refName: (ref: Extract<TypeRef, { kind: 'ref' }>) => string): string {
  switch (t.kind) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'intOrString':
      return 'number | string';
    case 'json':
      return 'unknown';
    case 'enum':
      return t.values.length === 0 ? 'string' : t.values.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(' | ');
    case 'array': {
      const inner = tsType(t.items, refName);
      return /[|&]/.test(inner) && !/^Record</.test(inner) ? `(${inner})[]` : `${inner}[]`;
    }
    case 'map':
      return `Record<string, ${tsType(t.values, refName)}>`;
    case 'ref':
      return refName(t);
  }
}

/** The generated file for a space: `<dir>/<name>.ts`. */
export function spaceFile(space: { dir: string }, name: string): string {
  return `${space.dir}/${name}.ts`;
}
