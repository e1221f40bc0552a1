// autoscaling/v1: the original HorizontalPodAutoscaler, with one CPU utilization target.
// It converts to and from the v2-shaped internal type in ./conversion.ts; what v1 cannot hold
// (other metrics, behavior, metric status, conditions) travels in annotations.
import type { ObjectMeta, Time, TypeMeta, int32, int64 } from '../../_meta/types.js';

/**
 * HorizontalPodAutoscaler scales a workload between `minReplicas` and `maxReplicas` to keep the
 * average CPU utilization of its pods at a target.
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
  spec?: HorizontalPodAutoscalerSpec;
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
   * Target average CPU utilization, as a percentage of the pods' CPU requests.
   * @protobuf 4
   */
  targetCPUUtilizationPercentage?: int32;
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
  currentReplicas: int32;
  /**
   * Replica count the autoscaler last computed.
   * @protobuf 4
   */
  desiredReplicas: int32;
  /**
   * Current average CPU utilization, as a percentage of the pods' CPU requests.
   * @protobuf 5
   */
  currentCPUUtilizationPercentage?: int32;
}
