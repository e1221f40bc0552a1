// example.com/v1: the hub version of the sample group.
//
// How to read this file:
//   - every exported interface is a type; one that `extends TypeMeta` is a kind (served as a
//     resource: Widget -> /apis/example.com/v1/namespaces/<ns>/widgets);
//   - `field?:` is optional, `field:` is required;
//   - JSDoc tags are markers (docs/api-defs.md lists them all); the text before them becomes the
//     field's description in the OpenAPI schema and in `kubectl explain`.
import type { Condition, ObjectMeta, TypeMeta, int32 } from '../../_meta/types.js';

/**
 * Widget is the sample namespaced kind: a spec the user writes, a status a controller reports,
 * and a scale subresource so that `kubectl scale` and autoscalers can drive `spec.replicas`.
 * @shortName wd
 * @categories all
 * @subresource status
 * @subresource scale specReplicasPath=.spec.replicas statusReplicasPath=.status.replicas labelSelectorPath=.status.selector
 * @printColumn name=Color type=string jsonPath=.spec.color
 * @selectableField .spec.color
 * @printColumn name=Size type=integer jsonPath=.spec.size priority=1
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Widget extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /**
   * What the user wants. `@default {}` creates an empty spec when none is sent, so the field
   * defaults inside it (replicas) always apply.
   * @default {}
   */
  spec?: WidgetSpec;
  /** What the controller observed; written through the status subresource. */
  status?: WidgetStatus;
}

/** The desired state of a Widget. */
export interface WidgetSpec {
  /** Color of the widget, e.g. `blue`. Called `paint` in v1alpha1. */
  color?: string;
  /**
   * Size of the widget; never negative.
   * @minimum 0
   */
  size?: int32;
  /**
   * Desired number of replicas; the scale subresource reads and writes this field.
   * @default 1
   * @minimum 0
   */
  replicas?: int32;
}

/** The observed state of a Widget. */
export interface WidgetStatus {
  /** Number of replicas currently running (reported as the scale's status.replicas). */
  replicas?: int32;
  /** Label selector of the replicas, in string form (reported as the scale's status.selector). */
  selector?: string;
  /**
   * Latest observations of the widget's state, one per condition type.
   * @listType map
   * @listMapKey type
   * @patchStrategy merge
   * @patchMergeKey type
   */
  conditions?: Condition[];
}

/**
 * Gadget is the sample cluster-scoped kind: no namespace, served at /apis/example.com/v1/gadgets.
 * It exists in v1 only.
 * @scope Cluster
 * @printColumn name=Model type=string jsonPath=.spec.model
 * @selectableField .spec.model
 * @printColumn name=Count type=integer jsonPath=.spec.count
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Gadget extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /** What the user wants. */
  spec?: GadgetSpec;
}

/** The desired state of a Gadget. */
export interface GadgetSpec {
  /** Model name of the gadget. */
  model?: string;
  /**
   * How many gadgets of this model; never negative.
   * @minimum 0
   */
  count?: int32;
}
