// Defaults of autoscaling/v2 HorizontalPodAutoscaler that markers cannot express. Runs after the
// marker defaults (minReplicas 1), on objects decoded from the wire.
//
// Why a hook: scaleUp and scaleDown share the type HPAScalingRules but have different defaults,
// and the default metric applies to an empty list as well as to a missing one.
import type * as v2 from './types.js';

/** Default metric: 80% average CPU utilization. */
const DEFAULT_CPU_UTILIZATION = 80;

export function defaultHorizontalPodAutoscaler(obj: v2.HorizontalPodAutoscaler): void {
  const spec = obj.spec;
  if (!spec) return;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } },
      },
    ];
  }
  // Behavior is filled in only when the user gave one: absent means "controller defaults".
  if (spec.behavior) {
    spec.behavior.scaleUp = withDefaults(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = withDefaults(spec.behavior.scaleDown, scaleDownDefaults());
  }
}

/** Scale up: no stabilization; the larger of +4 pods and +100% per 15 seconds. */
function scaleUpDefaults(): v2.HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** Scale down: up to 100% per 15 seconds. The stabilization window is left to the controller. */
function scaleDownDefaults(): v2.HPAScalingRules {
  return {
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

/** Each field the user provided wins (a provided empty policy list included). */
function withDefaults(given: v2.HPAScalingRules | undefined, defaults: v2.HPAScalingRules): v2.HPAScalingRules {
  if (!given) return defaults;
  const rules: v2.HPAScalingRules = { ...given };
  if (rules.stabilizationWindowSeconds === undefined && defaults.stabilizationWindowSeconds !== undefined) {
    rules.stabilizationWindowSeconds = defaults.stabilizationWindowSeconds;
  }
  if (rules.selectPolicy === undefined) rules.selectPolicy = defaults.selectPolicy;
  if (rules.policies === undefined) rules.policies = defaults.policies;
  return rules;
}
