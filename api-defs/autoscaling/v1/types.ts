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
 * @printColumn name=Reference type=string jsonPath=.spec.scaleTargetRef.name
 * @printColumn name=MinPods type=integer jsonPath=.spec.minReplicas
 * @printColumn name=MaxPods type=integer jsonPath=.spec.maxReplicas
 * @printColumn name=Replicas type=integer jsonPath=.status.currentReplicas
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface HorizontalPodAutoscaler extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /** Desired autoscaling behaviour. */
  spec?: HorizontalPodAutoscalerSpec;
  /** Current state, as last observed by the autoscaler. */
  status?: HorizontalPodAutoscalerStatus;
}

/** Desired behaviour of a HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscalerSpec {
  /** The workload to scale; its pods are the ones measured. */
  scaleTargetRef: CrossVersionObjectReference;
  /**
   * Lowest replica count the autoscaler scales down to.
   * @default 1
   * @minimum 1
   */
  minReplicas?: int32;
  /**
   * Highest replica count the autoscaler scales up to; not less than minReplicas.
   * @minimum 1
   */
  maxReplicas: int32;
  /** Target average CPU utilization, as a percentage of the pods' CPU requests. */
  targetCPUUtilizationPercentage?: int32;
}

/** Identifies an object by API version, kind and name. */
export interface CrossVersionObjectReference {
  /** Kind of the referent, e.g. `Deployment`. */
  kind: string;
  /** Name of the referent. */
  name: string;
  /** API version of the referent, e.g. `apps/v1`. */
  apiVersion?: string;
}

/** Current state of a HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscalerStatus {
  /** The most recent generation the autoscaler observed. */
  observedGeneration?: int64;
  /** When the autoscaler last changed the replica count. */
  lastScaleTime?: Time;
  /** Current replica count of the target, as last seen. */
  currentReplicas: int32;
  /** Replica count the autoscaler last computed. */
  desiredReplicas: int32;
  /** Current average CPU utilization, as a percentage of the pods' CPU requests. */
  currentCPUUtilizationPercentage?: int32;
}
