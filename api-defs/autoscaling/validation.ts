// Hand-written validation of autoscaling objects (internal shape, so a v1 and a v2 object are
// judged alike), for the rules between fields that markers cannot express.
import type { FieldError, ValidationContext } from '../../runtime/machinery/registration.js';
import type * as internal from '../../generated/autoscaling/internal/types.js';

const invalid = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
});

/** Kubernetes' replica bounds, and a Resource metric's utilization target above zero. */
export function validateHorizontalPodAutoscaler(obj: internal.HorizontalPodAutoscaler, _ctx: ValidationContext): FieldError[] {
  const spec = obj.spec;
  if (spec === undefined) return [];
  const errs: FieldError[] = [];
  const min = spec.minReplicas;
  if (min !== undefined && min < 1) errs.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (spec.maxReplicas < 1) errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than 0'));
  else if (min !== undefined && spec.maxReplicas < min) {
    errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  (spec.metrics ?? []).forEach((metric, i) => {
    const utilization = metric.resource?.target?.averageUtilization;
    if (utilization !== undefined && utilization <= 0) {
      errs.push(invalid(`spec.metrics[${i}].resource.target.averageUtilization`, utilization, 'must be greater than 0'));
    }
  });
  return errs;
}
