// Defaults of core/v1 that markers cannot express. Each hook runs after the marker defaults
// (`@default`) of this version, on objects decoded from the wire.
import type * as v1 from './types.js';

/** Session stickiness timeout used when ClientIP affinity gives none: 3 hours. */
const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

/**
 * Service defaults that depend on other fields: a port's `targetPort` is its `port`; traffic
 * policies are `Cluster` where they apply; ClientIP affinity gets its timeout; LoadBalancers
 * allocate node ports unless told not to.
 */
export function defaultService(obj: v1.Service): void {
  const spec = obj.spec;
  if (!spec) return;
  for (const port of spec.ports ?? []) {
    // 0 and "" count as unset, as in Kubernetes.
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
  const type = spec.type ?? 'ClusterIP';
  if ((type === 'NodePort' || type === 'LoadBalancer') && !spec.externalTrafficPolicy) {
    spec.externalTrafficPolicy = 'Cluster';
  }
  if (type !== 'ExternalName' && !spec.internalTrafficPolicy) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = ((spec.sessionAffinityConfig ??= {}).clientIP ??= {});
    clientIP.timeoutSeconds ??= DEFAULT_CLIENT_IP_TIMEOUT_SECONDS;
  }
}

/**
 * `stringData` is write-only: its values are base64-encoded into `data` (winning over keys
 * already there) and the field is dropped, so it is never stored or returned.
 */
export function defaultSecret(obj: v1.Secret): void {
  if (obj.stringData === undefined) return;
  const data = (obj.data ??= {});
  for (const [key, value] of Object.entries(obj.stringData)) {
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  delete obj.stringData;
}
