// Conversion of networking.k8s.io/v1beta1 Ingress to and from the internal (v1-shaped) Ingress.
// The generator converts every field whose name and type match; these hooks run afterwards and
// fill in the two differences:
//   - IngressSpec: v1beta1 `backend` <-> internal `defaultBackend`;
//   - IngressBackend: v1beta1 `serviceName`/`servicePort` <-> internal `service {name, port}`.
// The IngressBackend hooks also run for every rules[].http.paths[].backend.
// The `kubernetes.io/ingress.class` annotation and `spec.ingressClassName` are deliberately
// never converted into each other.
import type * as v1beta1 from './types.js';
import type * as internal from '../../../generated/networking.k8s.io/internal/types.js';

export function IngressSpecToInternal(src: v1beta1.IngressSpec, dst: internal.IngressSpec): void {
  if (src.backend !== undefined) dst.defaultBackend = backendToInternal(src.backend);
}

export function IngressSpecFromInternal(src: internal.IngressSpec, dst: v1beta1.IngressSpec): void {
  if (src.defaultBackend !== undefined) dst.backend = backendFromInternal(src.defaultBackend);
}

export function IngressBackendToInternal(src: v1beta1.IngressBackend, dst: internal.IngressBackend): void {
  const service = serviceToInternal(src);
  if (service !== undefined) dst.service = service;
}

export function IngressBackendFromInternal(src: internal.IngressBackend, dst: v1beta1.IngressBackend): void {
  if (src.service !== undefined) Object.assign(dst, serviceFromInternal(src.service));
}

/** A whole backend, for `spec.backend`, which the generated code does not convert. */
function backendToInternal(src: v1beta1.IngressBackend): internal.IngressBackend {
  const dst: internal.IngressBackend = {};
  if (src.resource !== undefined) dst.resource = { ...src.resource };
  const service = serviceToInternal(src);
  if (service !== undefined) dst.service = service;
  return dst;
}

function backendFromInternal(src: internal.IngressBackend): v1beta1.IngressBackend {
  const dst: v1beta1.IngressBackend = {};
  if (src.service !== undefined) Object.assign(dst, serviceFromInternal(src.service));
  if (src.resource !== undefined) dst.resource = { ...src.resource };
  return dst;
}

/**
 * A service backend exists when the name is non-empty, the port is a non-zero integer, or the
 * port is a string (even an empty one). Integer ports become `port.number`, string ports
 * `port.name`, even when the string looks like a number.
 */
function serviceToInternal(src: v1beta1.IngressBackend): internal.IngressServiceBackend | undefined {
  const name = src.serviceName ?? '';
  const port = src.servicePort;
  const hasIntPort = typeof port === 'number' && port !== 0;
  const hasStringPort = typeof port === 'string';
  if (name === '' && !hasIntPort && !hasStringPort) return undefined;
  const servicePort: internal.ServiceBackendPort = {};
  if (hasIntPort) servicePort.number = port;
  // An empty name is the zero value: it is left out, as Kubernetes omits it on the wire.
  if (hasStringPort && port !== '') servicePort.name = port;
  return { name, port: servicePort };
}

/** A non-empty port name wins over the number; otherwise the port is the (integer) number. */
function serviceFromInternal(src: internal.IngressServiceBackend): v1beta1.IngressBackend {
  const portName = src.port?.name ?? '';
  return {
    // An empty name is the zero value, left out as Kubernetes' `omitempty` does.
    ...(src.name !== '' ? { serviceName: src.name } : {}),
    servicePort: portName !== '' ? portName : (src.port?.number ?? 0),
  };
}
