// The generator's model: what the parser (generator/parse/) reads out of api-defs/ and what the
// emitters (generator/emit/) turn into generated/. Plain data, no ts-morph objects, so emitters
// can be tested on hand-built models.

/** Where something was declared, for error messages: `api-defs/example.com/v1/types.ts:42`. */
export interface SourceLocation {
  file: string; // path relative to the input root's parent, e.g. "api-defs/example.com/v1/types.ts"
  line: number;
}

/** The shape of a field's value. */
export type TypeRef =
  | { kind: 'string'; format?: string }
  | { kind: 'integer'; format: 'int32' | 'int64' }
  | { kind: 'number'; format?: 'double' }
  | { kind: 'boolean' }
  /** `number | string`, x-kubernetes-int-or-string (IntOrString, Quantity). */
  | { kind: 'intOrString'; /** A Quantity (`500m`, `1Gi`): strings must parse as one. */ quantity?: true }
  /** Any JSON value (`unknown`), x-kubernetes-preserve-unknown-fields. */
  | { kind: 'json' }
  /** A union of string literals, or a string with `@enum`. */
  | { kind: 'enum'; values: string[] }
  | { kind: 'array'; items: TypeRef }
  /** `Record<string, T>` / `{ [key: string]: T }`. */
  | { kind: 'map'; values: TypeRef }
  /** A named object type. `scope` says where it is declared: the shared meta types
   * (api-defs/_meta/types.ts) or this version's types.ts. */
  | { kind: 'ref'; name: string; scope: 'meta' | 'version' };

/** Field markers, already parsed and checked against the field's type. */
export interface FieldMarkers {
  default?: unknown; // any JSON value
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number; // value must be > this
  exclusiveMaximum?: number; // value must be < this
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: string[];
  minItems?: number;
  maxItems?: number;
  format?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  patchStrategy?: string; // "merge", "replace", "retainKeys", "merge,retainKeys"
  patchMergeKey?: string;
  intOrString?: boolean;
  /** `@protobuf N`: the field's number in Kubernetes' protobuf message (upstream generated.proto).
   * `@protobuf N.M` for a field of an embedded Go struct that JSON inlines: field M of the message
   * in field N (IngressRule.http is field 1 of IngressRuleValue, field 2 of IngressRule). */
  protobuf?: number[];
  /** `@protobuf N bytes`: the string (or the map's / array's strings) is a protobuf `bytes` field,
   * base64 in JSON (Secret.data, ConfigMap.binaryData). */
  protobufBytes?: boolean;
}

export interface FieldModel {
  /** JSON field name (the TS property name). */
  name: string;
  type: TypeRef;
  optional: boolean;
  markers: FieldMarkers;
  /** JSDoc text without the tags; becomes the OpenAPI description. */
  doc: string;
  source: SourceLocation;
}

/** A named object type (a TS interface). */
export interface TypeModel {
  name: string;
  fields: FieldModel[];
  doc: string;
  source: SourceLocation;
}

export type Scope = 'Namespaced' | 'Cluster';

export interface PrintColumnModel {
  name: string;
  type: string;
  /** The column's JSONPath; for a computed column, the first path its `value` reads. */
  jsonPath: string;
  priority: number;
  description?: string;
  format?: string;
  /** `value="count(.data, .binaryData)"`: a computed cell (runtime/endpoints/table/expression.ts),
   * already parsed and checked. Absent for a plain JSONPath column. */
  value?: string;
}

export interface ScaleModel {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** Name rule for metadata.name, from `@nameFormat` (default dns1123subdomain). */
export type NameFormat = 'dns1123subdomain' | 'dns1123label' | 'dns1035label';

/** A top-level kind: an interface that extends TypeMeta and has `metadata: ObjectMeta`. Its
 * TypeModel (same name) is in the version's `types`. Kind markers are on the interface. */
export interface KindModel {
  name: string; // "Widget"
  listKind: string; // "WidgetList"
  plural: string; // "widgets"
  singular: string; // "widget"
  shortNames: string[];
  categories: string[];
  scope: Scope;
  verbs: string[];
  subresources: { status: boolean; scale?: ScaleModel };
  printColumns: PrintColumnModel[];
  nameFormat: NameFormat;
  /** `@virtual`: create-only and never stored; a create answers with what the group's
   * `create<Kind>` hook (api-defs/<group>/virtual.ts) makes of the object (access reviews).
   * Absent when false. */
  virtual?: boolean;
  /** Extra field selectors from `@selectableField .spec.color` (repeatable), stored as a field
   * selector names them: `spec.color`. Checked against the kind's fields: a string, integer,
   * boolean or enum field, outside metadata, not inside a list or map. */
  selectableFields: string[];
  source: SourceLocation;
}

/** Hand-written hooks found in a version's conversion.ts / defaults.ts. */
export interface VersionHooks {
  /** Type names T with an exported `TToInternal(src, dst)` in conversion.ts. */
  toInternal: string[];
  /** Type names T with an exported `TFromInternal(src, dst)` in conversion.ts. */
  fromInternal: string[];
  /** Kind names K with an exported `defaultK(obj)` in defaults.ts (runs after marker defaults). */
  defaults: string[];
  conversionFile?: string; // e.g. "api-defs/example.com/v1alpha1/conversion.ts" when present
  defaultsFile?: string;
}

export interface VersionModel {
  name: string; // "v1beta1"
  /** Every named type of this version's types.ts, in declaration order. */
  types: TypeModel[];
  /** The kinds of this version, in declaration order. */
  kinds: KindModel[];
  hooks: VersionHooks;
  source: SourceLocation; // the types.ts file
}

export interface GroupModel {
  /** The API group name: '' for the core group (folder "core"). */
  name: string;
  /** The api-defs folder name: "core", "networking.k8s.io". */
  dir: string;
  /** Versions in preference order (first = preferred). */
  versions: VersionModel[];
  hubVersion: string;
  storageVersion: string;
  /** group.ts `strategicMergePatch`: the kinds accept strategic merge patch (default false). */
  strategicMergePatch?: boolean;
  /** Internal-only fields from api-defs/<group>/internal.ts, by type name (merged into the
   * internal type of the same name). */
  internalFields: Record<string, FieldModel[]>;
  /** Kind names K with an exported `validateK(obj, ctx)` in api-defs/<group>/validation.ts. */
  validationHooks: string[];
  validationFile?: string;
  /** Kind names K with an exported `createK(obj)` in api-defs/<group>/virtual.ts (the `@virtual`
   * kinds of the hub version). Absent when the group has no virtual.ts. */
  virtualHooks?: string[];
  virtualFile?: string;
  source: SourceLocation; // group.ts
}

export interface ApiModel {
  /** The shared meta types from api-defs/_meta/types.ts (ObjectMeta, ListMeta, ...). */
  metaTypes: TypeModel[];
  /** Groups sorted by directory name (deterministic output). */
  groups: GroupModel[];
}

/** A generator error: always names a file and line, and a field path where there is one. */
export class GeneratorError extends Error {
  constructor(
    readonly source: SourceLocation,
    readonly detail: string,
    readonly fieldPath?: string,
  ) {
    super(`${source.file}:${source.line}: ${fieldPath ? fieldPath + ': ' : ''}${detail}`);
  }
}

/** Thrown with every problem found, so the user sees all of them at once. */
export class GeneratorErrors extends Error {
  constructor(readonly errors: GeneratorError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}
