// Shared metadata types, written once and imported by every group's types.ts:
//   import type { ObjectMeta, TypeMeta, ... } from '../../_meta/types.js';
// JSON field names follow Kubernetes' meta/v1 exactly, so real manifests decode unchanged.
// The generator reads these declarations (and their JSDoc markers); it never runs them.

// ---- Scalar aliases: the parser maps each alias name to its wire type. ----

/** A 32-bit integer (OpenAPI integer, format int32). */
export type int32 = number;

/** A 64-bit integer (OpenAPI integer, format int64). */
export type int64 = number;

/**
 * An integer or a string, such as a port number or a port name.
 * @intOrString
 */
export type IntOrString = number | string;

/**
 * A resource quantity such as `500m`, `2Gi` or `3`: a string or a plain number on the wire.
 * @intOrString
 */
export type Quantity = number | string;

/** A timestamp in RFC 3339 form, e.g. `2024-05-01T12:00:00Z` (OpenAPI string, format date-time). */
export type Time = string;

/**
 * A timestamp with microseconds, e.g. `2024-05-01T12:00:00.123456Z` (Kubernetes' MicroTime): on
 * the wire the same as Time (a date-time string; protobuf `{seconds, nanos}`).
 */
export type MicroTime = Time;

// ---- Object envelope ----

/** The API version and kind every object carries. */
export interface TypeMeta {
  /**
   * Versioned schema of this object, e.g. `networking.k8s.io/v1`.
   * @protobuf 1
   */
  apiVersion?: string;
  /**
   * The object's kind, in CamelCase, e.g. `Ingress`.
   * @protobuf 2
   */
  kind?: string;
}

/** Metadata every persisted object has: identity, labels, ownership and bookkeeping. */
export interface ObjectMeta {
  /**
   * Name, unique within a namespace (or the cluster, for cluster-scoped kinds).
   * @protobuf 1
   */
  name?: string;
  /**
   * Prefix the server uses to generate a unique name when `name` is empty.
   * @protobuf 2
   */
  generateName?: string;
  /**
   * Namespace the object lives in; empty for cluster-scoped kinds.
   * @protobuf 3
   */
  namespace?: string;
  /**
   * Legacy link to this object; no longer set by the server.
   * @deprecated
   * @protobuf 4
   */
  selfLink?: string;
  /**
   * Unique id assigned by the server on create; never reused.
   * @protobuf 5
   */
  uid?: string;
  /**
   * Opaque version of this object, for optimistic concurrency and watches.
   * @protobuf 6
   */
  resourceVersion?: string;
  /**
   * Sequence number of spec changes, set by the server.
   * @protobuf 7
   */
  generation?: int64;
  /**
   * When the object was created (set by the server).
   * @protobuf 8
   */
  creationTimestamp?: Time;
  /**
   * When the object will be (or started to be) deleted; set by the server on graceful delete.
   * @protobuf 9
   */
  deletionTimestamp?: Time;
  /**
   * Seconds allowed for graceful termination before the object is removed.
   * @protobuf 10
   */
  deletionGracePeriodSeconds?: int64;
  /**
   * Key/value pairs used to organise and select objects.
   * @protobuf 11
   */
  labels?: Record<string, string>;
  /**
   * Arbitrary non-identifying key/value data kept with the object.
   * @protobuf 12
   */
  annotations?: Record<string, string>;
  /**
   * Objects this object depends on; it is garbage-collected when all owners are gone.
   * @patchStrategy merge
   * @patchMergeKey uid
   * @listType map
   * @listMapKey uid
   * @protobuf 13
   */
  ownerReferences?: OwnerReference[];
  /**
   * Keys that must be cleared before the object is deleted from storage.
   * @listType set
   * @patchStrategy merge
   * @protobuf 14
   */
  finalizers?: string[];
  /**
   * Which manager owns which fields (server-side apply bookkeeping).
   * @listType atomic
   * @protobuf 17
   */
  managedFields?: ManagedFieldsEntry[];
}

/** Metadata of a list response. */
export interface ListMeta {
  /**
   * Legacy link to this list; no longer set by the server.
   * @deprecated
   * @protobuf 1
   */
  selfLink?: string;
  /**
   * The version of the collection this list was read at.
   * @protobuf 2
   */
  resourceVersion?: string;
  /**
   * Token for the next page of a paginated list; empty on the last page.
   * @protobuf 3
   */
  continue?: string;
  /**
   * Approximate count of items not yet returned when the list was paginated.
   * @protobuf 4
   */
  remainingItemCount?: int64;
}

/** Identifies an owning object: enough to find it and to tell it apart from a re-created one. */
export interface OwnerReference {
  /**
   * API version of the owner.
   * @protobuf 5
   */
  apiVersion: string;
  /**
   * Kind of the owner.
   * @protobuf 1
   */
  kind: string;
  /**
   * Name of the owner.
   * @protobuf 3
   */
  name: string;
  /**
   * UID of the owner.
   * @protobuf 4
   */
  uid: string;
  /**
   * True when the owner is the managing controller (at most one owner may be).
   * @protobuf 6
   */
  controller?: boolean;
  /**
   * True when the owner cannot be deleted in the foreground before this object is gone.
   * @protobuf 7
   */
  blockOwnerDeletion?: boolean;
}

/** One field manager's record of the fields it set, with the operation it used. */
export interface ManagedFieldsEntry {
  /**
   * Name of the workflow managing these fields.
   * @protobuf 1
   */
  manager?: string;
  /**
   * Operation that set the fields: `Apply` or `Update`.
   * @protobuf 2
   */
  operation?: 'Apply' | 'Update';
  /**
   * API version the fields were set with.
   * @protobuf 3
   */
  apiVersion?: string;
  /**
   * When the fields were last changed.
   * @protobuf 4
   */
  time?: Time;
  /**
   * Format of `fieldsV1`; currently only `FieldsV1`.
   * @protobuf 6
   */
  fieldsType?: string;
  /**
   * The set of managed fields, in the FieldsV1 trie format.
   * @protobuf 7
   */
  fieldsV1?: unknown;
  /**
   * Subresource the fields were set through (empty for the main resource).
   * @protobuf 8
   */
  subresource?: string;
}

// ---- Selectors, conditions, references ----

/** Selects objects by labels: all of `matchLabels` and all `matchExpressions` must hold. */
export interface LabelSelector {
  /**
   * Exact label matches; each entry is an `In` requirement with one value.
   * @protobuf 1
   */
  matchLabels?: Record<string, string>;
  /**
   * Set-based requirements.
   * @listType atomic
   * @protobuf 2
   */
  matchExpressions?: LabelSelectorRequirement[];
}

/** One set-based label requirement, such as `tier In (web, api)`. */
export interface LabelSelectorRequirement {
  /**
   * The label key the requirement applies to.
   * @protobuf 1
   */
  key: string;
  /**
   * How the key relates to the values.
   * @protobuf 2
   */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /**
   * Values for In/NotIn (non-empty); must be empty for Exists/DoesNotExist.
   * @listType atomic
   * @protobuf 3
   */
  values?: string[];
}

/**
 * One aspect of an object's current state, as reported by its controller. Use it as
 * `conditions?: Condition[]` with `@listType map` and `@listMapKey type`.
 */
export interface Condition {
  /**
   * Condition type in CamelCase, e.g. `Ready`, optionally domain-prefixed.
   * @maxLength 316
   * @pattern ^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*[/])?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$
   * @protobuf 1
   */
  type: string;
  /**
   * Whether the condition holds.
   * @protobuf 2
   */
  status: 'True' | 'False' | 'Unknown';
  /**
   * The `metadata.generation` the condition was computed from.
   * @minimum 0
   * @protobuf 3
   */
  observedGeneration?: int64;
  /**
   * When the status last changed.
   * @protobuf 4
   */
  lastTransitionTime: Time;
  /**
   * Machine-readable CamelCase reason for the last transition.
   * @minLength 1
   * @maxLength 1024
   * @pattern ^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$
   * @protobuf 5
   */
  reason: string;
  /**
   * Human-readable details about the last transition.
   * @maxLength 32768
   * @protobuf 6
   */
  message: string;
}

/** Points to an object in the same namespace, by API group, kind and name. */
export interface TypedLocalObjectReference {
  /**
   * API group of the referenced object; empty means the core group.
   * @protobuf 1
   */
  apiGroup?: string;
  /**
   * Kind of the referenced object.
   * @protobuf 2
   */
  kind: string;
  /**
   * Name of the referenced object.
   * @protobuf 3
   */
  name: string;
}
