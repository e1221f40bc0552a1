// Core v1 kinds: Namespace, ConfigMap, Secret, Service, Endpoints. JSON names, optionality, list
// markers and defaults follow Kubernetes' core/v1 so that real manifests decode unchanged.
import type { Condition, IntOrString, ObjectMeta, Time, TypeMeta, int32 } from '../../_meta/types.js';

// ---------------------------------------------------------------------------------------------
// Namespace

/**
 * Namespace is a scope for names: namespaced objects live in exactly one namespace.
 * @scope Cluster
 * @nameFormat dns1123label
 * @shortName ns
 * @verbs create,delete,get,list,patch,update,watch
 * @subresource status
 * @printColumn name=Status type=string jsonPath=.status.phase
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Namespace extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /** Desired behaviour of the namespace. */
  spec?: NamespaceSpec;
  /**
   * Observed state of the namespace.
   * @default {}
   */
  status?: NamespaceStatus;
}

/** Desired behaviour of a Namespace. */
export interface NamespaceSpec {
  /**
   * Values that must be removed before the namespace's contents are purged and it is deleted.
   * @listType atomic
   */
  finalizers?: string[];
}

/** Observed state of a Namespace. */
export interface NamespaceStatus {
  /**
   * Lifecycle phase: `Active` while in use, `Terminating` while being deleted.
   * @default "Active"
   */
  phase?: 'Active' | 'Terminating';
  /**
   * Latest observations of the namespace's state.
   * @patchStrategy merge
   * @patchMergeKey type
   * @listType map
   * @listMapKey type
   */
  conditions?: NamespaceCondition[];
}

/** One observation of a Namespace's state. */
export interface NamespaceCondition {
  /** Condition type, e.g. `NamespaceDeletionContentFailure`. */
  type: string;
  /** Whether the condition holds. */
  status: 'True' | 'False' | 'Unknown';
  /** When the status last changed. */
  lastTransitionTime?: Time;
  /** Machine-readable reason for the last transition. */
  reason?: string;
  /** Human-readable details about the last transition. */
  message?: string;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap

/**
 * ConfigMap holds non-confidential configuration data for pods to consume.
 * @shortName cm
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface ConfigMap extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /** UTF-8 configuration values by key. Keys must not also appear in `binaryData`. */
  data?: Record<string, string>;
  /** Binary configuration values by key, base64-encoded. Keys must not also appear in `data`. */
  binaryData?: Record<string, string>;
  /** When true, `data` and `binaryData` can no longer be changed. */
  immutable?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Secret

/**
 * Secret holds a small amount of sensitive data such as a password, token or key.
 * @printColumn name=Type type=string jsonPath=.type
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Secret extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /** Secret values by key, base64-encoded. */
  data?: Record<string, string>;
  /**
   * Write-only convenience: plain-text values merged into `data` on write (they win over `data`).
   * Never stored or returned.
   */
  stringData?: Record<string, string>;
  /**
   * Secret type, used to check its content, e.g. `Opaque` or `kubernetes.io/tls`.
   * @default "Opaque"
   */
  type?: string;
  /** When true, `data` can no longer be changed. */
  immutable?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Service

/**
 * Service exposes a set of pods (chosen by a label selector) under one stable address and port set.
 * @nameFormat dns1035label
 * @shortName svc
 * @categories all
 * @subresource status
 * @printColumn name=Type type=string jsonPath=.spec.type
 * @printColumn name=Cluster-IP type=string jsonPath=.spec.clusterIP
 * @printColumn name=External-IP type=string jsonPath=.status.loadBalancer.ingress[*].ip
 * @printColumn name=Port(s) type=string jsonPath=.spec.ports[*].port
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Service extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /**
   * Desired behaviour of the service.
   * @default {}
   */
  spec?: ServiceSpec;
  /** Most recently observed status of the service (load balancer, conditions). */
  status?: ServiceStatus;
}

/** Desired behaviour of a Service. */
export interface ServiceSpec {
  /**
   * Ports the service exposes.
   * @patchStrategy merge
   * @patchMergeKey port
   * @listType map
   * @listMapKey port
   * @listMapKey protocol
   */
  ports?: ServicePort[];
  /** Traffic goes to pods whose labels match all these pairs. Empty: endpoints are managed externally. */
  selector?: Record<string, string>;
  /** Primary cluster-internal IP; usually allocated by the server. `None` makes a headless service. */
  clusterIP?: string;
  /**
   * Cluster IPs, one per IP family; the first equals `clusterIP`.
   * @listType atomic
   */
  clusterIPs?: string[];
  /**
   * How the service is exposed.
   * @default "ClusterIP"
   */
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /**
   * Extra IPs, not managed by Kubernetes, on which nodes also accept traffic for this service.
   * @listType atomic
   */
  externalIPs?: string[];
  /**
   * Session stickiness: `ClientIP` keeps a client on one endpoint, `None` does not.
   * @default "None"
   */
  sessionAffinity?: 'ClientIP' | 'None';
  /**
   * Requested load balancer IP, if the provider supports it.
   * @deprecated
   */
  loadBalancerIP?: string;
  /**
   * Client CIDRs allowed through a provider load balancer.
   * @listType atomic
   */
  loadBalancerSourceRanges?: string[];
  /** DNS name this service aliases (CNAME), for type ExternalName. */
  externalName?: string;
  /** Routing of external traffic: `Cluster` (any node) or `Local` (node-local endpoints only). */
  externalTrafficPolicy?: 'Cluster' | 'Local';
  /** Node port serving health checks, for LoadBalancer services with Local traffic policy. */
  healthCheckNodePort?: int32;
  /** Publish endpoints of pods even before they are ready. */
  publishNotReadyAddresses?: boolean;
  /** Session affinity settings. */
  sessionAffinityConfig?: SessionAffinityConfig;
  /**
   * IP families the service uses, in order.
   * @listType atomic
   */
  ipFamilies?: ('IPv4' | 'IPv6')[];
  /** Whether the service is single-stack or dual-stack. */
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  /** Whether node ports are allocated for a LoadBalancer service. */
  allocateLoadBalancerNodePorts?: boolean;
  /** Load balancer implementation to use, e.g. `internal-vip`; empty: the cloud provider default. */
  loadBalancerClass?: string;
  /** Routing of in-cluster traffic: `Cluster` (all endpoints) or `Local` (node-local endpoints). */
  internalTrafficPolicy?: 'Cluster' | 'Local';
  /** Preference for how traffic is spread over endpoints, e.g. `PreferClose`. */
  trafficDistribution?: string;
}

/** One port a Service exposes. */
export interface ServicePort {
  /** Port name, unique within the service; required when there is more than one port. */
  name?: string;
  /**
   * IP protocol of the port.
   * @default "TCP"
   */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** Application protocol, e.g. `http` or `kubernetes.io/h2c`. */
  appProtocol?: string;
  /** Port the service listens on. */
  port: int32;
  /** Port number or name on the pods; defaults to `port`. */
  targetPort?: IntOrString;
  /** Port on every node for NodePort and LoadBalancer services; usually allocated by the server. */
  nodePort?: int32;
}

/** Session affinity settings of a Service. */
export interface SessionAffinityConfig {
  /** Settings of ClientIP affinity. */
  clientIP?: ClientIPConfig;
}

/** Settings of ClientIP session affinity. */
export interface ClientIPConfig {
  /**
   * Seconds a session sticks (1 to 86400); defaults to 10800 (3 hours).
   * @minimum 1
   * @maximum 86400
   */
  timeoutSeconds?: int32;
}

/** Observed state of a Service. */
export interface ServiceStatus {
  /** Status of the service's load balancer, if any. */
  loadBalancer?: LoadBalancerStatus;
  /**
   * Latest observations of the service's state.
   * @patchStrategy merge
   * @patchMergeKey type
   * @listType map
   * @listMapKey type
   */
  conditions?: Condition[];
}

/** Status of a load balancer. */
export interface LoadBalancerStatus {
  /**
   * Ingress points of the load balancer.
   * @listType atomic
   */
  ingress?: LoadBalancerIngress[];
}

/** One ingress point of a load balancer: traffic for the service is sent here. */
export interface LoadBalancerIngress {
  /** IP address of the ingress point. */
  ip?: string;
  /** DNS name of the ingress point. */
  hostname?: string;
  /** How the load balancer forwards to the IP: `VIP` (destination is the IP) or `Proxy`. */
  ipMode?: 'VIP' | 'Proxy';
  /**
   * Per-port status of the ingress point.
   * @listType atomic
   */
  ports?: PortStatus[];
}

/** Status of one port of a load balancer ingress point. */
export interface PortStatus {
  /** Port number. */
  port: int32;
  /** IP protocol of the port. */
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Problem with the port, as a CamelCase reason; empty when healthy. */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// Endpoints

/**
 * Endpoints lists the addresses and ports that implement a Service (same name as the Service).
 * @plural endpoints
 * @shortName ep
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Endpoints extends TypeMeta {
  /** Standard object metadata. */
  metadata: ObjectMeta;
  /**
   * Groups of addresses that share the same ports.
   * @listType atomic
   */
  subsets?: EndpointSubset[];
}

/** Addresses that all expose the same ports. */
export interface EndpointSubset {
  /**
   * Ready addresses.
   * @listType atomic
   */
  addresses?: EndpointAddress[];
  /**
   * Addresses that are not ready (yet) to receive traffic.
   * @listType atomic
   */
  notReadyAddresses?: EndpointAddress[];
  /**
   * Ports available on every address of this subset.
   * @listType atomic
   */
  ports?: EndpointPort[];
}

/** One endpoint address. */
export interface EndpointAddress {
  /** IP address of the endpoint. */
  ip: string;
  /** Hostname of the endpoint. */
  hostname?: string;
  /** Node hosting the endpoint. */
  nodeName?: string;
  /** The object (usually a Pod) providing the endpoint. */
  targetRef?: ObjectReference;
}

/** One port of an endpoint. */
export interface EndpointPort {
  /** Port name; must match the Service port's name. */
  name?: string;
  /** Port number. */
  port: int32;
  /**
   * IP protocol of the port.
   * @default "TCP"
   */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** Application protocol of the port. */
  appProtocol?: string;
}

/** A reference to any object, possibly to a field inside it. */
export interface ObjectReference {
  /** Kind of the referent. */
  kind?: string;
  /** Namespace of the referent. */
  namespace?: string;
  /** Name of the referent. */
  name?: string;
  /** UID of the referent. */
  uid?: string;
  /** API version of the referent. */
  apiVersion?: string;
  /** Specific resourceVersion the reference points to. */
  resourceVersion?: string;
  /** Path of a field inside the referent, e.g. `spec.containers{web}`. */
  fieldPath?: string;
}
