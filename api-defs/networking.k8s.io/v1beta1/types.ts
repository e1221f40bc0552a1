// networking.k8s.io/v1beta1: the older shape of Ingress, served so that old manifests keep working.
// It differs from v1 in two places, converted by ./conversion.ts:
//   - spec.backend (v1: spec.defaultBackend);
//   - a backend names its Service as serviceName/servicePort (v1: service {name, port}).
// Unlike v1, a path's pathType is optional and defaults to ImplementationSpecific.
import type {
  IntOrString,
  ObjectMeta,
  TypeMeta,
  TypedLocalObjectReference,
  int32,
} from '../../_meta/types.js';

/**
 * Ingress routes external HTTP(S) traffic to Services by host and path, and can terminate TLS.
 * @shortName ing
 * @subresource status
 * @printColumn name=Class type=string value="or(.spec.ingressClassName, '<none>')"
 *   description="The name of the IngressClass resource that should be used for additional configuration"
 * @printColumn name=Hosts type=string value="or(join(.spec.rules[*].host, max=3), '*')"
 *   description="Hosts that incoming requests are matched against before the ingress rule"
 * @printColumn name=Address type=string
 *   value="join(unique(each(.status.loadBalancer.ingress[*], or(@.ip, @.hostname))))"
 *   description="Address is a list containing ingress points for the load-balancer"
 * @printColumn name=Ports type=string value="ifNonEmpty(.spec.tls, '80, 443', '80')"
 *   description="Ports of TLS configurations that open"
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Ingress extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Desired routing.
   * @protobuf 2
   */
  spec?: IngressSpec;
  /**
   * Observed state, set by the ingress controller.
   * @protobuf 3
   */
  status?: IngressStatus;
}

/** Desired routing of an Ingress. */
export interface IngressSpec {
  /**
   * Name of the IngressClass (a cluster resource) whose controller implements this Ingress.
   * Independent of the deprecated `kubernetes.io/ingress.class` annotation.
   * @protobuf 4
   */
  ingressClassName?: string;
  /**
   * Backend for requests that match no rule (v1: `defaultBackend`).
   * @protobuf 1
   */
  backend?: IngressBackend;
  /**
   * TLS settings; entries with different hosts share port 443 through SNI.
   * @listType atomic
   * @protobuf 2
   */
  tls?: IngressTLS[];
  /**
   * Host rules; requests matching none go to the default backend.
   * @listType atomic
   * @protobuf 3
   */
  rules?: IngressRule[];
}

/** TLS settings for a set of hosts. */
export interface IngressTLS {
  /**
   * Hosts covered by the certificate; empty means the controller's wildcard host.
   * @listType atomic
   * @protobuf 1
   */
  hosts?: string[];
  /**
   * Secret holding the certificate and key used to terminate TLS on port 443.
   * @protobuf 2
   */
  secretName?: string;
}

/** Observed state of an Ingress. */
export interface IngressStatus {
  /**
   * Current status of the load balancer.
   * @protobuf 1
   */
  loadBalancer?: IngressLoadBalancerStatus;
}

/** Status of an Ingress load balancer. */
export interface IngressLoadBalancerStatus {
  /**
   * Ingress points of the load balancer.
   * @listType atomic
   * @protobuf 1
   */
  ingress?: IngressLoadBalancerIngress[];
}

/** One ingress point of a load balancer. */
export interface IngressLoadBalancerIngress {
  /**
   * IP address of the ingress point.
   * @protobuf 1
   */
  ip?: string;
  /**
   * DNS name of the ingress point.
   * @protobuf 2
   */
  hostname?: string;
  /**
   * Per-port status of the ingress point.
   * @listType atomic
   * @protobuf 4
   */
  ports?: IngressPortStatus[];
}

/** Status of one port of an ingress point. */
export interface IngressPortStatus {
  /**
   * Port number.
   * @protobuf 1
   */
  port: int32;
  /**
   * IP protocol of the port.
   * @protobuf 2
   */
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /**
   * Problem with the port, as a CamelCase reason (optionally domain-prefixed); empty when healthy.
   * @maxLength 316
   * @pattern ^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*[/])?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$
   * @protobuf 3
   */
  error?: string;
}

/** Routes requests for one host (or every host, when `host` is empty). */
export interface IngressRule {
  /**
   * Fully qualified domain name, or a wildcard such as `*.example.com`; not an IP.
   * @protobuf 1
   */
  host?: string;
  /**
   * HTTP routes of this host.
   * @protobuf 2.1
   */
  http?: HTTPIngressRuleValue;
}

/** HTTP routes: paths mapped to backends. */
export interface HTTPIngressRuleValue {
  /**
   * Paths and their backends.
   * @listType atomic
   * @protobuf 1
   */
  paths: HTTPIngressPath[];
}

/** A path and the backend its requests go to. */
export interface HTTPIngressPath {
  /**
   * Path matched against the request's URL path; must start with `/` for Exact and Prefix.
   * @protobuf 1
   */
  path?: string;
  /**
   * How `path` is matched: `Exact`, `Prefix` (element-wise on `/`), or `ImplementationSpecific`
   * (up to the IngressClass).
   * @default "ImplementationSpecific"
   * @protobuf 3
   */
  pathType?: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  /**
   * Where matching requests are sent.
   * @protobuf 2
   */
  backend: IngressBackend;
}

/** Where traffic goes: a Service port, or another resource (not both). */
export interface IngressBackend {
  /**
   * Name of the Service, in the Ingress's namespace.
   * @protobuf 1
   */
  serviceName?: string;
  /**
   * Port of the Service, by number or by name.
   * @protobuf 2
   */
  servicePort?: IntOrString;
  /**
   * Another resource in the Ingress's namespace; excludes serviceName and servicePort.
   * @protobuf 3
   */
  resource?: TypedLocalObjectReference;
}

/**
 * IngressClass names an ingress controller (and its parameters) that Ingresses can refer to.
 * @scope Cluster
 * @printColumn name=Controller type=string jsonPath=.spec.controller
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface IngressClass extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Controller and parameters of the class.
   * @protobuf 2
   */
  spec?: IngressClassSpec;
}

/** Controller and parameters of an IngressClass. */
export interface IngressClassSpec {
  /**
   * Domain-prefixed name of the implementing controller, e.g. `example.com/ingress-controller`.
   * Immutable.
   * @maxLength 250
   * @protobuf 1
   */
  controller?: string;
  /**
   * Custom resource holding extra controller configuration.
   * @protobuf 2
   */
  parameters?: IngressClassParametersReference;
}

/** Reference to the resource that configures an IngressClass's controller. */
export interface IngressClassParametersReference {
  /**
   * API group of the resource; empty means the core group.
   * @protobuf 1
   */
  apiGroup?: string;
  /**
   * Kind of the resource.
   * @protobuf 2
   */
  kind: string;
  /**
   * Name of the resource.
   * @protobuf 3
   */
  name: string;
  /**
   * Whether the resource is cluster-scoped (`Cluster`) or namespaced (`Namespace`).
   * @default "Cluster"
   * @protobuf 4
   */
  scope?: 'Cluster' | 'Namespace';
  /**
   * Namespace of the resource; required when `scope` is `Namespace`.
   * @protobuf 5
   */
  namespace?: string;
}
