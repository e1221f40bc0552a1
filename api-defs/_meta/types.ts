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

// ---- Object envelope ----

/** The API version and kind every object carries. */
export interface TypeMeta {
  /** Versioned schema of this object, e.g. `networking.k8s.io/v1`. */
  apiVersion?: string;
  /** The object's kind, in CamelCase, e.g. `Ingress`. */
  kind?: string;
}

/** Metadata every persisted object has: identity, labels, ownership and bookkeeping. */
export interface ObjectMeta {
  /** Name, unique within a namespace (or the cluster, for cluster-scoped kinds). */
  name?: string;
  /** Prefix the server uses to generate a unique name when `name` is empty. */
  generateName?: string;
  /** Namespace the object lives in; empty for cluster-scoped kinds. */
  namespace?: string;
  /**
   * Legacy link to this object; no longer set by the server.
   * @deprecated
   */
  selfLink?: string;
  /** Unique id assigned by the server on create; never reused. */
  uid?: string;
  /** Opaque version of this object, for optimistic concurrency and watches. */
  resourceVersion?: string;
  /** Sequence number of spec changes, set by the server. */
  generation?: int64;
  /** When the object was created (set by the server). */
  creationTimestamp?: Time;
  /** When the object will be (or started to be) deleted; set by the server on graceful delete. */
  deletionTimestamp?: Time;
  /** Seconds allowed for graceful termination before the object is removed. */
  deletionGracePeriodSeconds?: int64;
  /** Key/value pairs used to organise and select objects. */
  labels?: Record<string, string>;
  /** Arbitrary non-identifying key/value data kept with the object. */
  annotations?: Record<string, string>;
  /**
   * Objects this object depends on; it is garbage-collected when all owners are gone.
   * @patchStrategy merge
   * @patchMergeKey uid
   * @listType map
   * @listMapKey uid
   */
  ownerReferences?: OwnerReference[];
  /**
   * Keys that must be cleared before the object is deleted from storage.
   * @listType set
   * @patchStrategy merge
   */
  finalizers?: string[];
  /**
   * Which manager owns which fields (server-side apply bookkeeping).
   * @listType atomic
   */
  managedFields?: ManagedFieldsEntry[];
}

/** Metadata of a list response. */
export interface ListMeta {
  /**
   * Legacy link to this list; no longer set by the server.
   * @deprecated
   */
  selfLink?: string;
  /** The version of the collection this list was read at. */
  resourceVersion?: string;
  /** Token for the next page of a paginated list; empty on the last page. */
  continue?: string;
  /** Approximate count of items not yet returned when the list was paginated. */
  remainingItemCount?: int64;
}

/** Identifies an owning object: enough to find it and to tell it apart from a re-created one. */
export interface OwnerReference {
  /** API version of the owner. */
  apiVersion: string;
  /** Kind of the owner. */
  kind: string;
  /** Name of the owner. */
  name: string;
  /** UID of the owner. */
  uid: string;
  /** True when the owner is the managing controller (at most one owner may be). */
  controller?: boolean;
  /** True when the owner cannot be deleted in the foreground before this object is gone. */
  blockOwnerDeletion?: boolean;
}

/** One field manager's record of the fields it set, with the operation it used. */
export interface ManagedFieldsEntry {
  /** Name of the workflow managing these fields. */
  manager?: string;
  /** Operation that set the fields: `Apply` or `Update`. */
  operation?: 'Apply' | 'Update';
  /** API version the fields were set with. */
  apiVersion?: string;
  /** When the fields were last changed. */
  time?: Time;
  /** Format of `fieldsV1`; currently only `FieldsV1`. */
  fieldsType?: string;
  /** The set of managed fields, in the FieldsV1 trie format. */
  fieldsV1?: unknown;
  /** Subresource the fields were set through (empty for the main resource). */
  subresource?: string;
}

// ---- Selectors, conditions, references ----

/** Selects objects by labels: all of `matchLabels` and all `matchExpressions` must hold. */
export interface LabelSelector {
  /** Exact label matches; each entry is an `In` requirement with one value. */
  matchLabels?: Record<string, string>;
  /**
   * Set-based requirements.
   * @listType atomic
   */
  matchExpressions?: LabelSelectorRequirement[];
}

/** One set-based label requirement, such as `tier In (web, api)`. */
export interface LabelSelectorRequirement {
  /** The label key the requirement applies to. */
  key: string;
  /** How the key relates to the values. */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /**
   * Values for In/NotIn (non-empty); must be empty for Exists/DoesNotExist.
   * @listType atomic
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
   */
  type: string;
  /** Whether the condition holds. */
  status: 'True' | 'False' | 'Unknown';
  /**
   * The `metadata.generation` the condition was computed from.
   * @minimum 0
   */
  observedGeneration?: int64;
  /** When the status last changed. */
  lastTransitionTime: Time;
  /**
   * Machine-readable CamelCase reason for the last transition.
   * @minLength 1
   * @maxLength 1024
   * @pattern ^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$
   */
  reason: string;
  /**
   * Human-readable details about the last transition.
   * @maxLength 32768
   */
  message: string;
}

/** Points to an object in the same namespace, by API group, kind and name. */
export interface TypedLocalObjectReference {
  /** API group of the referenced object; empty means the core group. */
  apiGroup?: string;
  /** Kind of the referenced object. */
  kind: string;
  /** Name of the referenced object. */
  name: string;
}
