// Hand-written validation of networking.k8s.io objects (internal shape), run after the
// generated marker and metadata validation, for rules markers cannot express.
import type { FieldError, ValidationContext } from '../../runtime/machinery/registration.js';
import type * as internal from '../../generated/networking.k8s.io/internal/types.js';

/** The deprecated annotation that named an Ingress's class before `spec.ingressClassName`. */
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/**
 * On create, the deprecated class annotation and `spec.ingressClassName` must agree when both are
 * set. (Updates are not checked, so objects created before the field existed stay writable.)
 * The field path is the one Kubernetes reports: `annotations.<key>`, without `metadata.`.
 */
export function validateIngress(obj: internal.Ingress, ctx: ValidationContext): FieldError[] {
  if (ctx.operation !== 'create') return [];
  const annotation = obj.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
  const className = obj.spec?.ingressClassName;
  if (annotation === undefined || className === undefined || annotation === className) return [];
  return [
    {
      type: 'FieldValueInvalid',
      field: `annotations.${INGRESS_CLASS_ANNOTATION}`,
      message: `Invalid value: ${JSON.stringify(annotation)}: must match \`ingressClassName\` when both are specified`,
    },
  ];
}
