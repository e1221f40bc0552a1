// Conversion of autoscaling/v1 HorizontalPodAutoscaler to and from the internal (v2-shaped) one.
//
// The generator converts every matching field (metadata, scaleTargetRef, min/maxReplicas,
// observedGeneration, lastScaleTime, current/desiredReplicas); these kind-level hooks run after it
// and cover every other field of spec and status:
//   internal -> v1: targetCPUUtilizationPercentage is the first cpu Utilization metric; the other
//     metrics, behavior, status currentMetrics and conditions are kept as JSON in four annotations;
//     currentCPUUtilizationPercentage comes from the cpu entry of currentMetrics.
//   v1 -> internal: the annotations are read back (metrics first, then the cpu target; 80% cpu if
//     nothing is left) and removed, so they are never stored nor shown in v2. Malformed annotation
//     values are ignored.
import type * as v1 from './types.js';
import type * as internal from '../../../generated/autoscaling/internal/types.js';

const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
const ROUND_TRIP_ANNOTATIONS = [
  METRICS_ANNOTATION,
  BEHAVIOR_ANNOTATION,
  CURRENT_METRICS_ANNOTATION,
  CONDITIONS_ANNOTATION,
];

/** Used when v1 gives no target at all, as v2 defaulting would. */
const DEFAULT_CPU_UTILIZATION = 80;

export function HorizontalPodAutoscalerToInternal(
  src: v1.HorizontalPodAutoscaler,
  dst: internal.HorizontalPodAutoscaler,
): void {
  const saved = takeRoundTripAnnotations(dst.metadata);

  if (dst.spec) {
    const metrics: internal.MetricSpec[] = parseList<internal.MetricSpec>(saved[METRICS_ANNOTATION]) ?? [];
    const target = src.spec?.targetCPUUtilizationPercentage;
    if (target !== undefined) metrics.push(cpuUtilizationMetric(target));
    if (metrics.length === 0) metrics.push(cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION));
    dst.spec.metrics = metrics;
    const behavior = parseObject<internal.HorizontalPodAutoscalerBehavior>(saved[BEHAVIOR_ANNOTATION]);
    if (behavior !== undefined) dst.spec.behavior = behavior;
  }

  if (dst.status) {
    // The annotation has every current metric, so it replaces the one rebuilt from the cpu value.
    const current = src.status?.currentCPUUtilizationPercentage;
    const currentMetrics =
      parseList<internal.MetricStatus>(saved[CURRENT_METRICS_ANNOTATION]) ??
      (current !== undefined ? [cpuUtilizationStatus(current)] : undefined);
    if (currentMetrics !== undefined) dst.status.currentMetrics = currentMetrics;
    const conditions = parseList<internal.HorizontalPodAutoscalerCondition>(saved[CONDITIONS_ANNOTATION]);
    if (conditions !== undefined) dst.status.conditions = conditions;
  }
}

export function HorizontalPodAutoscalerFromInternal(
  src: internal.HorizontalPodAutoscaler,
  dst: v1.HorizontalPodAutoscaler,
): void {
  // Values already there (set directly through v2) are replaced by what the object holds now.
  takeRoundTripAnnotations(dst.metadata);
  const annotations: Record<string, string> = {};

  const metrics: internal.MetricSpec[] = src.spec?.metrics ?? [];
  const cpuIndex = metrics.findIndex(isCpuUtilizationMetric);
  const cpuTarget = cpuIndex >= 0 ? metrics[cpuIndex].resource?.target.averageUtilization : undefined;
  if (dst.spec && cpuTarget !== undefined) dst.spec.targetCPUUtilizationPercentage = cpuTarget;
  const otherMetrics = metrics.filter((_, i) => i !== cpuIndex);
  if (otherMetrics.length > 0) annotations[METRICS_ANNOTATION] = JSON.stringify(otherMetrics);
  if (src.spec?.behavior !== undefined) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(src.spec.behavior);

  const currentMetrics: internal.MetricStatus[] = src.status?.currentMetrics ?? [];
  if (currentMetrics.length > 0) annotations[CURRENT_METRICS_ANNOTATION] = JSON.stringify(currentMetrics);
  const cpuCurrent = currentMetrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const cpuUtilization = cpuCurrent?.resource?.current.averageUtilization;
  if (dst.status && cpuUtilization !== undefined) dst.status.currentCPUUtilizationPercentage = cpuUtilization;
  const conditions = src.status?.conditions ?? [];
  if (conditions.length > 0) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(conditions);

  if (Object.keys(annotations).length > 0) {
    dst.metadata.annotations = { ...dst.metadata.annotations, ...annotations };
  }
}

function cpuUtilizationMetric(averageUtilization: number): internal.MetricSpec {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } };
}

function cpuUtilizationStatus(averageUtilization: number): internal.MetricStatus {
  return { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization } } };
}

/** The metric v1's targetCPUUtilizationPercentage stands for: Resource cpu, Utilization target. */
function isCpuUtilizationMetric(metric: internal.MetricSpec): boolean {
  const resource = metric.resource;
  return (
    metric.type === 'Resource' &&
    resource?.name === 'cpu' &&
    resource.target?.type === 'Utilization' &&
    typeof resource.target.averageUtilization === 'number'
  );
}

/**
 * Removes the four round-trip annotations from `meta` (dropping an emptied map rather than
 * leaving `{}`) and returns their values.
 */
function takeRoundTripAnnotations(meta: { annotations?: Record<string, string> } | undefined): Record<string, string> {
  const taken: Record<string, string> = {};
  const annotations = meta?.annotations;
  if (!meta || !annotations) return taken;
  for (const key of ROUND_TRIP_ANNOTATIONS) {
    if (key in annotations) {
      taken[key] = annotations[key];
      delete annotations[key];
    }
  }
  if (Object.keys(annotations).length === 0) delete meta.annotations;
  return taken;
}

/**
 * A JSON array of objects that each have a string `type` (metrics, metric statuses and
 * conditions all do), or undefined when absent or malformed.
 */
function parseList<T>(text: string | undefined): T[] | undefined {
  const value = parseJSON(text);
  if (!Array.isArray(value) || !value.every((item) => isPlainObject(item) && typeof item.type === 'string')) {
    return undefined;
  }
  return value as T[];
}

/** A JSON object, or undefined when absent or malformed. */
function parseObject<T>(text: string | undefined): T | undefined {
  const value = parseJSON(text);
  return isPlainObject(value) ? (value as T) : undefined;
}

function parseJSON(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
