// The contract between generated code and the runtime.
//
// The generator emits, per group, one `GroupRegistration` (generated/<group>/register.ts) and
// generated/index.ts exports `groups: GroupRegistration[]`. The runtime (Scheme, RESTMapper,
// endpoints, storage codec) is filled only from these tables: it never names a concrete kind.
//
// Objects travel as plain JSON objects. Versioned objects carry `apiVersion` and `kind`;
// internal objects (the hub shape the server works on) carry neither.

/** A JSON object as decoded from the wire (never a class instance). */
export type JSONObject = { [key: string]: unknown };

/** One field-path validation error, shaped like apimachinery's field.Error. */
export interface FieldError {
  /** Kubernetes' cause reason, e.g. "FieldValueRequired", "FieldValueInvalid". */
  type: FieldErrorType;
  /** Field path in Kubernetes notation: `spec.rules[0].http.paths[1].pathType`, `metadata.labels[app]`. */
  field: string;
  /** Human text without the field path, e.g. `Required value`,
   * `Invalid value: -1: must be greater than or equal to 0`. */
  message: string;
}

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTypeInvalid';

/** What kind of write a validation runs for. `old` is the current internal object on update. */
export interface ValidationContext {
  operation: 'create' | 'update';
  old?: JSONObject;
}

/** A printer column from `@printColumn` (same fields as a CRD's additionalPrinterColumns). */
export interface PrinterColumn {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  format?: string;
  description?: string;
  /** 0 = shown by default, > 0 = only with `-o wide`. */
  priority: number;
  /** A simple JSON path such as `.spec.color` or `.metadata.creationTimestamp`. For a computed
   * column, the first path its expression reads (where its description comes from). */
  jsonPath: string;
  /** A computed cell (`@printColumn ... value="count(.data, .binaryData)"`): the expression that
   * runtime/endpoints/table/expression.ts evaluates instead of jsonPath. */
  value?: string;
}

/** The scale subresource's mapping (same fields as a CRD's subresources.scale). */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface Subresources {
  status: boolean;
  scale?: ScaleSubresource;
}

/** An OpenAPI v3 schema object (kept loose: it is data, emitted by the generator). */
export type OpenAPISchema = { [key: string]: unknown };

/** A kind as served at one version of its group. */
export interface VersionedKind {
  version: string;
  /** Applies this version's defaults in place (markers `@default`, nested defaults). */
  defaults(obj: JSONObject): void;
  /** Versioned -> internal. Returns a new object; the input is not mutated. */
  toInternal(obj: JSONObject): JSONObject;
  /** Internal -> versioned. Returns a new object with this version's apiVersion and kind. */
  fromInternal(obj: JSONObject): JSONObject;
  /** Deep copy of a versioned object of this kind (generated, field by field). */
  deepCopy(obj: JSONObject): JSONObject;
  /** Marker validation of a versioned object of this kind (no name rules: those run on internal). */
  validate(obj: JSONObject): FieldError[];
  /** The kind's schema name in `schemas`, e.g. `io.k8s.api.networking.v1.Ingress`. */
  schemaName: string;
  /** The list kind's schema name, e.g. `io.k8s.api.networking.v1.IngressList`. */
  listSchemaName: string;
  /** Field selectors this version supports besides metadata.name and metadata.namespace, from
   * the kind marker `@selectableField .spec.color`, written as a selector names them
   * (`spec.color`, no leading dot). Per version: the paths differ between versions.
   * (Added with selectors; [] when the kind declares none.) */
  selectableFields: string[];
  /** Present when every field of the kind has a `@protobuf` number: decodes the object's own
   * protobuf message (the `raw` of Kubernetes' envelope, without apiVersion/kind) into its JSON
   * form in this version. Throws on malformed bytes (the serializer answers 400). Kinds without
   * it accept JSON and YAML bodies only. (Added with protobuf request decoding.) */
  decodeProtobuf?(raw: Uint8Array): JSONObject;
}

/** A kind of a group, with everything that does not depend on the version. */
export interface KindRegistration {
  kind: string;
  listKind: string;
  /** Resource name, lower-case plural: `ingresses`. */
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  scope: 'Namespaced' | 'Cluster';
  /** Verbs served: get, list, create, update, patch, delete, deletecollection, watch. */
  verbs: string[];
  subresources: Subresources;
  printerColumns: PrinterColumn[];
  /** Every version the kind is served at, in the group's preference order. */
  versions: VersionedKind[];
  /** Present for a `@virtual` kind (create-only, never stored, e.g. an access review): turns the
   * created internal object into the response (an internal object, e.g. with `status` filled).
   * Runs the group's `create<Kind>` hook from api-defs/<group>/virtual.ts. (Added with
   * access reviews.) */
  createVirtual?(obj: JSONObject): JSONObject;
  /** Internal-object operations. */
  internal: {
    deepCopy(obj: JSONObject): JSONObject;
    /** Markers of the hub version + Kubernetes' metadata rules (names, labels, annotations)
     * + the group's hand-written validation hooks. Field paths are internal-shape paths. */
    validate(obj: JSONObject, ctx: ValidationContext): FieldError[];
  };
}

export interface GroupRegistration {
  /** API group name; '' for the core group (api-defs folder `core`, served at /api/v1). */
  group: string;
  /** Versions in preference order; the first is the preferred version. */
  versions: string[];
  preferredVersion: string;
  hubVersion: string;
  storageVersion: string;
  kinds: KindRegistration[];
  /** OpenAPI v3 component schemas per version: every type of that version plus the shared
   * meta types it references, keyed by schema name. */
  schemas: Record<string, Record<string, OpenAPISchema>>;
  /** True when the group's kinds accept `application/strategic-merge-patch+json` (group.ts
   * `strategicMergePatch: true`, as Kubernetes' built-in groups do); absent/false: JSON patch and
   * merge patch only, like a CRD. Emitted by the generator for every group. */
  strategicMergePatch?: boolean;
}
