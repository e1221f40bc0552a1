// authorization.k8s.io/v1 self-reviews: "may I do this?" (SelfSubjectAccessReview) and "what may
// I do?" (SelfSubjectRulesReview). JSON names and protobuf numbers follow Kubernetes' types so
// kubectl's requests (sent as protobuf) decode unchanged.
import type { LabelSelectorRequirement, ObjectMeta, TypeMeta } from '../../_meta/types.js';

// ---------------------------------------------------------------------------------------------
// SelfSubjectAccessReview

/**
 * Asks whether the requesting user may perform an action. Not stored: the answer is in `status`.
 * @scope Cluster
 * @virtual
 */
export interface SelfSubjectAccessReview extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * The action being checked: exactly one of resourceAttributes and nonResourceAttributes.
   * @protobuf 2
   */
  spec: SelfSubjectAccessReviewSpec;
  /**
   * The server's answer.
   * @protobuf 3
   */
  status?: SubjectAccessReviewStatus;
}

/** The action a SelfSubjectAccessReview checks. */
export interface SelfSubjectAccessReviewSpec {
  /**
   * An action on a resource.
   * @protobuf 1
   */
  resourceAttributes?: ResourceAttributes;
  /**
   * An action on a non-resource path.
   * @protobuf 2
   */
  nonResourceAttributes?: NonResourceAttributes;
}

/** An action on a resource, as an authorizer sees a resource request. */
export interface ResourceAttributes {
  /**
   * Namespace of the action; empty for cluster-scoped resources (or all namespaces).
   * @protobuf 1
   */
  namespace?: string;
  /**
   * Verb such as get, list, watch, create, update, delete, proxy; `*` means all.
   * @protobuf 2
   */
  verb?: string;
  /**
   * API group of the resource; `*` means all.
   * @protobuf 3
   */
  group?: string;
  /**
   * API version of the resource; `*` means all.
   * @protobuf 4
   */
  version?: string;
  /**
   * Resource type; `*` means all.
   * @protobuf 5
   */
  resource?: string;
  /**
   * Subresource; empty for the main resource.
   * @protobuf 6
   */
  subresource?: string;
  /**
   * Name of the object; empty for any (or for create).
   * @protobuf 7
   */
  name?: string;
  /**
   * Field selector the action is limited to (list, watch, deletecollection).
   * @protobuf 8
   */
  fieldSelector?: FieldSelectorAttributes;
  /**
   * Label selector the action is limited to (list, watch, deletecollection).
   * @protobuf 9
   */
  labelSelector?: LabelSelectorAttributes;
}

/** A field selector an action is limited to: raw text or parsed requirements. */
export interface FieldSelectorAttributes {
  /**
   * The selector as written in a query string.
   * @protobuf 1
   */
  rawSelector?: string;
  /**
   * The parsed selector.
   * @listType atomic
   * @protobuf 2
   */
  requirements?: FieldSelectorRequirement[];
}

/** One field selector requirement, such as `status.phase In (Running)`. */
export interface FieldSelectorRequirement {
  /**
   * The field the requirement applies to.
   * @protobuf 1
   */
  key: string;
  /**
   * How the field relates to the values.
   * @protobuf 2
   */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /**
   * Values for In/NotIn.
   * @listType atomic
   * @protobuf 3
   */
  values?: string[];
}

/** A label selector an action is limited to: raw text or parsed requirements. */
export interface LabelSelectorAttributes {
  /**
   * The selector as written in a query string.
   * @protobuf 1
   */
  rawSelector?: string;
  /**
   * The parsed selector.
   * @listType atomic
   * @protobuf 2
   */
  requirements?: LabelSelectorRequirement[];
}

/** An action on a non-resource URL path such as `/healthz`. */
export interface NonResourceAttributes {
  /**
   * The URL path.
   * @protobuf 1
   */
  path?: string;
  /**
   * The HTTP verb, lower case.
   * @protobuf 2
   */
  verb?: string;
}

/** The answer to an access review. */
export interface SubjectAccessReviewStatus {
  /**
   * Whether the action is allowed.
   * @protobuf 1
   */
  allowed: boolean;
  /**
   * Whether the action is explicitly denied (allowed is then false).
   * @protobuf 4
   */
  denied?: boolean;
  /**
   * Why the action is allowed or denied.
   * @protobuf 2
   */
  reason?: string;
  /**
   * An error the authorizer met while checking; the answer may still be given.
   * @protobuf 3
   */
  evaluationError?: string;
}

// ---------------------------------------------------------------------------------------------
// SelfSubjectRulesReview

/**
 * Lists what the requesting user may do in a namespace. Not stored: the answer is in `status`.
 * @scope Cluster
 * @virtual
 */
export interface SelfSubjectRulesReview extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Which namespace to list the rules for.
   * @protobuf 2
   */
  spec: SelfSubjectRulesReviewSpec;
  /**
   * The server's answer.
   * @protobuf 3
   */
  status?: SubjectRulesReviewStatus;
}

/** The namespace a SelfSubjectRulesReview asks about. */
export interface SelfSubjectRulesReviewSpec {
  /**
   * Namespace to list the rules for.
   * @protobuf 1
   */
  namespace?: string;
}

/** What the user may do: resource and non-resource rules. */
export interface SubjectRulesReviewStatus {
  /**
   * Actions allowed on resources.
   * @listType atomic
   * @protobuf 1
   */
  resourceRules: ResourceRule[];
  /**
   * Actions allowed on non-resource URLs.
   * @listType atomic
   * @protobuf 2
   */
  nonResourceRules: NonResourceRule[];
  /**
   * True when the rules may be incomplete (an authorizer cannot list its rules).
   * @protobuf 3
   */
  incomplete: boolean;
  /**
   * An error met while listing the rules.
   * @protobuf 4
   */
  evaluationError?: string;
}

/** Verbs allowed on resources of some groups; `*` means all. */
export interface ResourceRule {
  /**
   * Allowed verbs.
   * @listType atomic
   * @protobuf 1
   */
  verbs: string[];
  /**
   * API groups the rule covers.
   * @listType atomic
   * @protobuf 2
   */
  apiGroups?: string[];
  /**
   * Resources the rule covers; `*` means all, `pods/status` names a subresource.
   * @listType atomic
   * @protobuf 3
   */
  resources?: string[];
  /**
   * Object names the rule is limited to; empty means all.
   * @listType atomic
   * @protobuf 4
   */
  resourceNames?: string[];
}

/** Verbs allowed on non-resource URLs; `*` means all. */
export interface NonResourceRule {
  /**
   * Allowed verbs.
   * @listType atomic
   * @protobuf 1
   */
  verbs: string[];
  /**
   * URL paths the rule covers; a trailing `*` matches a prefix.
   * @listType atomic
   * @protobuf 2
   */
  nonResourceURLs?: string[];
}
