// autoscaling/v2: HorizontalPodAutoscaler with metrics of every source type and scaling behavior.
// Defaults markers cannot express (default metric, behavior rules) are in ./defaults.ts.
import type { LabelSelector, ObjectMeta, Quantity, Time, TypeMeta, int32, int64 } from '../../_meta/types.js';

/**
 * HorizontalPodAutoscaler scales a workload (anything with a scale subresource) between
 * `minReplicas` and `maxReplicas` to keep its metrics at their targets.
 * @shortName hpa
 * @categories all
 * @subresource status
 * @printColumn name=Reference type=string value="join(.spec.scaleTargetRef.kind, .spec.scaleTargetRef.name, sep='/')"
 * @printColumn name=MinPods type=integer jsonPath=.spec.minReplicas
 * @printColumn name=MaxPods type=integer jsonPath=.spec.maxReplicas
 * @printColumn name=Replicas type=integer jsonPath=.status.currentReplicas
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface HorizontalPodAutoscaler extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Desired autoscaling behaviour.
   * @protobuf 2
   */
  spec: HorizontalPodAutoscalerSpec;
  /**
   * Current state, as last observed by the autoscaler.
   * @protobuf 3
   */
  status?: HorizontalPodAutoscalerStatus;
}

/** Desired behaviour of a HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscalerSpec {
  /**
   * The workload to scale; its pods are the ones measured.
   * @protobuf 1
   */
  scaleTargetRef: CrossVersionObjectReference;
  /**
   * Lowest replica count the autoscaler scales down to.
   * @default 1
   * @minimum 1
   * @protobuf 2
   */
  minReplicas?: int32;
  /**
   * Highest replica count the autoscaler scales up to; not less than minReplicas.
   * @minimum 1
   * @protobuf 3
   */
  maxReplicas: int32;
  /**
   * Metrics that drive the replica count (the highest resulting count wins). Defaults to 80%
   * average CPU utilization when empty.
   * @listType atomic
   * @protobuf 4
   */
  metrics?: MetricSpec[];
  /**
   * Scaling rules for each direction; missing parts are defaulted when this is present.
   * @protobuf 5
   */
  behavior?: HorizontalPodAutoscalerBehavior;
}

/** Identifies an object by API version, kind and name. */
export interface CrossVersionObjectReference {
  /**
   * Kind of the referent, e.g. `Deployment`.
   * @protobuf 1
   */
  kind: string;
  /**
   * Name of the referent.
   * @protobuf 2
   */
  name: string;
  /**
   * API version of the referent, e.g. `apps/v1`.
   * @protobuf 3
   */
  apiVersion?: string;
}

/** One metric to scale on: `type` names the one source field that is set. */
export interface MetricSpec {
  /**
   * Which source field is set.
   * @protobuf 1
   */
  type: 'Resource' | 'Pods' | 'Object' | 'External' | 'ContainerResource';
  /**
   * A metric describing one Kubernetes object, e.g. requests per second on an Ingress.
   * @protobuf 2
   */
  object?: ObjectMetricSource;
  /**
   * A metric reported by every pod of the target, averaged over the pods.
   * @protobuf 3
   */
  pods?: PodsMetricSource;
  /**
   * A resource (CPU, memory) of the target's pods, as in their requests and limits.
   * @protobuf 4
   */
  resource?: ResourceMetricSource;
  /**
   * A resource of one container in each of the target's pods.
   * @protobuf 7
   */
  containerResource?: ContainerResourceMetricSource;
  /**
   * A metric from outside the cluster, e.g. a queue length.
   * @protobuf 5
   */
  external?: ExternalMetricSource;
}

/** Target for a metric of one Kubernetes object. */
export interface ObjectMetricSource {
  /**
   * The object the metric describes.
   * @protobuf 1
   */
  describedObject: CrossVersionObjectReference;
  /**
   * Target value of the metric.
   * @protobuf 2
   */
  target: MetricTarget;
  /**
   * Name and selector of the metric.
   * @protobuf 3
   */
  metric: MetricIdentifier;
}

/** Target for a per-pod metric. */
export interface PodsMetricSource {
  /**
   * Name and selector of the metric.
   * @protobuf 1
   */
  metric: MetricIdentifier;
  /**
   * Target value of the metric.
   * @protobuf 2
   */
  target: MetricTarget;
}

/** Target for a resource of the target's pods. */
export interface ResourceMetricSource {
  /**
   * Resource name, e.g. `cpu` or `memory`.
   * @protobuf 1
   */
  name: string;
  /**
   * Target value of the resource.
   * @protobuf 2
   */
  target: MetricTarget;
}

/** Target for a resource of one container of the target's pods. */
export interface ContainerResourceMetricSource {
  /**
   * Resource name, e.g. `cpu` or `memory`.
   * @protobuf 1
   */
  name: string;
  /**
   * Target value of the resource.
   * @protobuf 2
   */
  target: MetricTarget;
  /**
   * Name of the container in the target's pods.
   * @protobuf 3
   */
  container: string;
}

/** Target for a metric from outside the cluster. */
export interface ExternalMetricSource {
  /**
   * Name and selector of the metric.
   * @protobuf 1
   */
  metric: MetricIdentifier;
  /**
   * Target value of the metric.
   * @protobuf 2
   */
  target: MetricTarget;
}

/** Names a metric, optionally narrowed by a label selector. */
export interface MetricIdentifier {
  /**
   * Name of the metric.
   * @protobuf 1
   */
  name: string;
  /**
   * Labels passed to the metrics server to narrow the metric; unset means the name alone.
   * @protobuf 2
   */
  selector?: LabelSelector;
}

/** A metric target: a value, an average value, or an average utilization, per `type`. */
export interface MetricTarget {
  /**
   * Which of the target fields is used.
   * @protobuf 1
   */
  type: 'Utilization' | 'Value' | 'AverageValue';
  /**
   * Target value of the metric.
   * @protobuf 2
   */
  value?: Quantity;
  /**
   * Target of the metric's average over the relevant pods.
   * @protobuf 3
   */
  averageValue?: Quantity;
  /**
   * Target average utilization, as a percentage of the pods' resource requests (Resource metrics).
   * @protobuf 4
   */
  averageUtilization?: int32;
}

/** Scaling rules for scaling up and scaling down. */
export interface HorizontalPodAutoscalerBehavior {
  /**
   * Rules for scaling up; default: no stabilization, at most +4 pods or +100% per 15 seconds.
   * @protobuf 1
   */
  scaleUp?: HPAScalingRules;
  /**
   * Rules for scaling down; default: down to minReplicas (up to 100% per 15 seconds).
   * @protobuf 2
   */
  scaleDown?: HPAScalingRules;
}

/** Scaling rules for one direction. */
export interface HPAScalingRules {
  /**
   * Seconds of past recommendations considered, to avoid flapping (0 to 3600).
   * @minimum 0
   * @maximum 3600
   * @protobuf 3
   */
  stabilizationWindowSeconds?: int32;
  /**
   * Which policy applies when several do: the largest change (`Max`), the smallest, or none.
   * @protobuf 1
   */
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  /**
   * Limits on how fast replicas may change.
   * @listType atomic
   * @protobuf 2
   */
  policies?: HPAScalingPolicy[];
}

/** A limit on the change of the replica count over a period. */
export interface HPAScalingPolicy {
  /**
   * Whether `value` is a number of pods or a percentage of the current count.
   * @protobuf 1
   */
  type: 'Pods' | 'Percent';
  /**
   * Permitted change; greater than zero.
   * @exclusiveMinimum 0
   * @protobuf 2
   */
  value: int32;
  /**
   * Length of the period the policy holds for, in seconds (1 to 1800).
   * @exclusiveMinimum 0
   * @maximum 1800
   * @protobuf 3
   */
  periodSeconds: int32;
}

/** Current state of a HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscalerStatus {
  /**
   * The most recent generation the autoscaler observed.
   * @protobuf 1
   */
  observedGeneration?: int64;
  /**
   * When the autoscaler last changed the replica count.
   * @protobuf 2
   */
  lastScaleTime?: Time;
  /**
   * Current replica count of the target, as last seen.
   * @protobuf 3
   */
  currentReplicas?: int32;
  /**
   * Replica count the autoscaler last computed.
   * @protobuf 4
   */
  desiredReplicas: int32;
  /**
   * Last read values of the metrics.
   * @listType atomic
   * @protobuf 5
   */
  currentMetrics?: MetricStatus[];
  /**
   * Conditions for scaling, and whether they are met.
   * @patchStrategy merge
   * @patchMergeKey type
   * @listType map
   * @listMapKey type
   * @protobuf 6
   */
  conditions?: HorizontalPodAutoscalerCondition[];
}

/** A state of a HorizontalPodAutoscaler at a point in time. */
export interface HorizontalPodAutoscalerCondition {
  /**
   * Condition type, e.g. `AbleToScale`, `ScalingActive`, `ScalingLimited`.
   * @protobuf 1
   */
  type: string;
  /**
   * Whether the condition holds.
   * @protobuf 2
   */
  status: 'True' | 'False' | 'Unknown';
  /**
   * When the status last changed.
   * @protobuf 3
   */
  lastTransitionTime?: Time;
  /**
   * Machine-readable reason for the last transition.
   * @protobuf 4
   */
  reason?: string;
  /**
   * Human-readable details about the last transition.
   * @protobuf 5
   */
  message?: string;
}

/** Last read value of one metric: `type` names the one source field that is set. */
export interface MetricStatus {
  /**
   * Which source field is set.
   * @protobuf 1
   */
  type: 'Resource' | 'Pods' | 'Object' | 'External' | 'ContainerResource';
  /**
   * Value of a metric describing one Kubernetes object.
   * @protobuf 2
   */
  object?: ObjectMetricStatus;
  /**
   * Value of a per-pod metric.
   * @protobuf 3
   */
  pods?: PodsMetricStatus;
  /**
   * Value of a resource of the target's pods.
   * @protobuf 4
   */
  resource?: ResourceMetricStatus;
  /**
   * Value of a resource of one container of the target's pods.
   * @protobuf 7
   */
  containerResource?: ContainerResourceMetricStatus;
  /**
   * Value of a metric from outside the cluster.
   * @protobuf 5
   */
  external?: ExternalMetricStatus;
}

/** Current value of a metric of one Kubernetes object. */
export interface ObjectMetricStatus {
  /**
   * Name and selector of the metric.
   * @protobuf 1
   */
  metric: MetricIdentifier;
  /**
   * Current value.
   * @protobuf 2
   */
  current: MetricValueStatus;
  /**
   * The object the metric describes.
   * @protobuf 3
   */
  describedObject: CrossVersionObjectReference;
}

/** Current value of a per-pod metric. */
export interface PodsMetricStatus {
  /**
   * Name and selector of the metric.
   * @protobuf 1
   */
  metric: MetricIdentifier;
  /**
   * Current value.
   * @protobuf 2
   */
  current: MetricValueStatus;
}

/** Current value of a resource of the target's pods. */
export interface ResourceMetricStatus {
  /**
   * Resource name, e.g. `cpu`.
   * @protobuf 1
   */
  name: string;
  /**
   * Current value.
   * @protobuf 2
   */
  current: MetricValueStatus;
}

/** Current value of a resource of one container of the target's pods. */
export interface ContainerResourceMetricStatus {
  /**
   * Resource name, e.g. `cpu`.
   * @protobuf 1
   */
  name: string;
  /**
   * Current value.
   * @protobuf 2
   */
  current: MetricValueStatus;
  /**
   * Name of the container in the target's pods.
   * @protobuf 3
   */
  container: string;
}

/** Current value of a metric from outside the cluster. */
export interface ExternalMetricStatus {
  /**
   * Name and selector of the metric.
   * @protobuf 1
   */
  metric: MetricIdentifier;
  /**
   * Current value.
   * @protobuf 2
   */
  current: MetricValueStatus;
}

/** A metric's current value, average value or average utilization. */
export interface MetricValueStatus {
  /**
   * Current value of the metric.
   * @protobuf 1
   */
  value?: Quantity;
  /**
   * Current average of the metric over the relevant pods.
   * @protobuf 2
   */
  averageValue?: Quantity;
  /**
   * Current average utilization, as a percentage of the pods' resource requests.
   * @protobuf 3
   */
  averageUtilization?: int32;
}
