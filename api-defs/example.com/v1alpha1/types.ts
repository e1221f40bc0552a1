// example.com/v1alpha1: an older version of Widget. It is the same as v1 except that the
// widget's color was called `paint`; ./conversion.ts maps the two. Fields whose names and types
// match the hub (v1) are converted by the generator without any code.
import type { Condition, ObjectMeta, TypeMeta, int32 } from '../../_meta/types.js';

/**
 * Widget is the sample namespaced kind (v1alpha1 shape: `spec.paint` instead of `spec.color`).
 * @shortName wd
 * @categories all
 * @subresource status
 * @subresource scale specReplicasPath=.spec.replicas statusReplicasPath=.status.replicas labelSelectorPath=.status.selector
 * @printColumn name=Color type=string jsonPath=.spec.paint
 * @selectableField .spec.paint
 * @printColumn name=Size type=integer jsonPath=.spec.size priority=1
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Widget extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /**
   * What the user wants.
   * @default {}
   */
  spec?: WidgetSpec;
  /** What the controller observed; written through the status subresource. */
  status?: WidgetStatus;
}

/** The desired state of a Widget. */
export interface WidgetSpec {
  /** Color of the widget, e.g. `blue` (v1: `color`). */
  paint?: string;
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
  /** Number of replicas currently running. */
  replicas?: int32;
  /** Label selector of the replicas, in string form. */
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
