// Core v1 kinds: Namespace, ConfigMap, Secret, Service, Endpoints, Event. JSON names, optionality,
// list markers and defaults follow Kubernetes' core/v1 so that real manifests decode unchanged.
import type { Condition, IntOrString, MicroTime, ObjectMeta, Time, TypeMeta, int32 } from '../../_meta/types.js';

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
 * @selectableField .status.phase
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Namespace extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Desired behaviour of the namespace.
   * @protobuf 2
   */
  spec?: NamespaceSpec;
  /**
   * Observed state of the namespace.
   * @default {}
   * @protobuf 3
   */
  status?: NamespaceStatus;
}

/** Desired behaviour of a Namespace. */
export interface NamespaceSpec {
  /**
   * Values that must be removed before the namespace's contents are purged and it is deleted.
   * @listType atomic
   * @protobuf 1
   */
  finalizers?: string[];
}

/** Observed state of a Namespace. */
export interface NamespaceStatus {
  /**
   * Lifecycle phase: `Active` while in use, `Terminating` while being deleted.
   * @default "Active"
   * @protobuf 1
   */
  phase?: 'Active' | 'Terminating';
  /**
   * Latest observations of the namespace's state.
   * @patchStrategy merge
   * @patchMergeKey type
   * @listType map
   * @listMapKey type
   * @protobuf 2
   */
  conditions?: NamespaceCondition[];
}

/** One observation of a Namespace's state. */
export interface NamespaceCondition {
  /**
   * Condition type, e.g. `NamespaceDeletionContentFailure`.
   * @protobuf 1
   */
  type: string;
  /**
   * Whether the condition holds.
   * @protobuf 2
   */
  status: 'True' | 'False' | 'Unknown';
  /**
   * When the status last changed.
   * @protobuf 4
   */
  lastTransitionTime?: Time;
  /**
   * Machine-readable reason for the last transition.
   * @protobuf 5
   */
  reason?: string;
  /**
   * Human-readable details about the last transition.
   * @protobuf 6
   */
  message?: string;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap

/**
 * ConfigMap holds non-confidential configuration data for pods to consume.
 * @shortName cm
 * @printColumn name=Data type=integer value="count(.data, .binaryData)"
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface ConfigMap extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * UTF-8 configuration values by key. Keys must not also appear in `binaryData`.
   * @protobuf 2
   */
  data?: Record<string, string>;
  /**
   * Binary configuration values by key, base64-encoded. Keys must not also appear in `data`.
   * @protobuf 3 bytes
   */
  binaryData?: Record<string, string>;
  /**
   * When true, `data` and `binaryData` can no longer be changed.
   * @protobuf 4
   */
  immutable?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Secret

/**
 * Secret holds a small amount of sensitive data such as a password, token or key.
 * @printColumn name=Type type=string jsonPath=.type
 * @selectableField .type
 * @printColumn name=Data type=integer value="count(.data)"
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Secret extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Secret values by key, base64-encoded.
   * @protobuf 2 bytes
   */
  data?: Record<string, string>;
  /**
   * Write-only convenience: plain-text values merged into `data` on write (they win over `data`).
   * Never stored or returned.
   * @protobuf 4
   */
  stringData?: Record<string, string>;
  /**
   * Secret type, used to check its content, e.g. `Opaque` or `kubernetes.io/tls`.
   * @default "Opaque"
   * @protobuf 3
   */
  type?: string;
  /**
   * When true, `data` can no longer be changed.
   * @protobuf 5
   */
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
 * @printColumn name=Cluster-IP type=string value="or(.spec.clusterIP, '<none>')"
 * @printColumn name=External-IP type=string
 *   value="or(join(.status.loadBalancer.ingress[*].ip, .status.loadBalancer.ingress[*].hostname, .spec.externalIPs[*]), .spec.externalName, '<none>')"
 * @printColumn name=Port(s) type=string
 *   value="or(join(each(.spec.ports[*], join(join(@.port, @.nodePort, sep=':'), @.protocol, sep='/'))), '<none>')"
 * @printColumn name=Age type=date jsonPath=.metadata.creationTimestamp
 */
export interface Service extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Desired behaviour of the service.
   * @default {}
   * @protobuf 2
   */
  spec?: ServiceSpec;
  /**
   * Most recently observed status of the service (load balancer, conditions).
   * @protobuf 3
   */
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
   * @protobuf 1
   */
  ports?: ServicePort[];
  /**
   * Traffic goes to pods whose labels match all these pairs. Empty: endpoints are managed externally.
   * @protobuf 2
   */
  selector?: Record<string, string>;
  /**
   * Primary cluster-internal IP; usually allocated by the server. `None` makes a headless service.
   * @protobuf 3
   */
  clusterIP?: string;
  /**
   * Cluster IPs, one per IP family; the first equals `clusterIP`.
   * @listType atomic
   * @protobuf 18
   */
  clusterIPs?: string[];
  /**
   * How the service is exposed.
   * @default "ClusterIP"
   * @protobuf 4
   */
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /**
   * Extra IPs, not managed by Kubernetes, on which nodes also accept traffic for this service.
   * @listType atomic
   * @protobuf 5
   */
  externalIPs?: string[];
  /**
   * Session stickiness: `ClientIP` keeps a client on one endpoint, `None` does not.
   * @default "None"
   * @protobuf 7
   */
  sessionAffinity?: 'ClientIP' | 'None';
  /**
   * Requested load balancer IP, if the provider supports it.
   * @deprecated
   * @protobuf 8
   */
  loadBalancerIP?: string;
  /**
   * Client CIDRs allowed through a provider load balancer.
   * @listType atomic
   * @protobuf 9
   */
  loadBalancerSourceRanges?: string[];
  /**
   * DNS name this service aliases (CNAME), for type ExternalName.
   * @protobuf 10
   */
  externalName?: string;
  /**
   * Routing of external traffic: `Cluster` (any node) or `Local` (node-local endpoints only).
   * @protobuf 11
   */
  externalTrafficPolicy?: 'Cluster' | 'Local';
  /**
   * Node port serving health checks, for LoadBalancer services with Local traffic policy.
   * @protobuf 12
   */
  healthCheckNodePort?: int32;
  /**
   * Publish endpoints of pods even before they are ready.
   * @protobuf 13
   */
  publishNotReadyAddresses?: boolean;
  /**
   * Session affinity settings.
   * @protobuf 14
   */
  sessionAffinityConfig?: SessionAffinityConfig;
  /**
   * IP families the service uses, in order.
   * @listType atomic
   * @protobuf 19
   */
  ipFamilies?: ('IPv4' | 'IPv6')[];
  /**
   * Whether the service is single-stack or dual-stack.
   * @protobuf 17
   */
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  /**
   * Whether node ports are allocated for a LoadBalancer service.
   * @protobuf 20
   */
  allocateLoadBalancerNodePorts?: boolean;
  /**
   * Load balancer implementation to use, e.g. `internal-vip`; empty: the cloud provider default.
   * @protobuf 21
   */
  loadBalancerClass?: string;
  /**
   * Routing of in-cluster traffic: `Cluster` (all endpoints) or `Local` (node-local endpoints).
   * @protobuf 22
   */
  internalTrafficPolicy?: 'Cluster' | 'Local';
  /**
   * Preference for how traffic is spread over endpoints, e.g. `PreferClose`.
   * @protobuf 23
   */
  trafficDistribution?: string;
}

/** One port a Service exposes. */
export interface ServicePort {
  /**
   * Port name, unique within the service; required when there is more than one port.
   * @protobuf 1
   */
  name?: string;
  /**
   * IP protocol of the port.
   * @default "TCP"
   * @protobuf 2
   */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /**
   * Application protocol, e.g. `http` or `kubernetes.io/h2c`.
   * @protobuf 6
   */
  appProtocol?: string;
  /**
   * Port the service listens on.
   * @protobuf 3
   */
  port: int32;
  /**
   * Port number or name on the pods; defaults to `port`.
   * @protobuf 4
   */
  targetPort?: IntOrString;
  /**
   * Port on every node for NodePort and LoadBalancer services; usually allocated by the server.
   * @protobuf 5
   */
  nodePort?: int32;
}

/** Session affinity settings of a Service. */
export interface SessionAffinityConfig {
  /**
   * Settings of ClientIP affinity.
   * @protobuf 1
   */
  clientIP?: ClientIPConfig;
}

/** Settings of ClientIP session affinity. */
export interface ClientIPConfig {
  /**
   * Seconds a session sticks (1 to 86400); defaults to 10800 (3 hours).
   * @minimum 1
   * @maximum 86400
   * @protobuf 1
   */
  timeoutSeconds?: int32;
}

/** Observed state of a Service. */
export interface ServiceStatus {
  /**
   * Status of the service's load balancer, if any.
   * @protobuf 1
   */
  loadBalancer?: LoadBalancerStatus;
  /**
   * Latest observations of the service's state.
   * @patchStrategy merge
   * @patchMergeKey type
   * @listType map
   * @listMapKey type
   * @protobuf 2
   */
  conditions?: Condition[];
}

/** Status of a load balancer. */
export interface LoadBalancerStatus {
  /**
   * Ingress points of the load balancer.
   * @listType atomic
   * @protobuf 1
   */
  ingress?: LoadBalancerIngress[];
}

/** One ingress point of a load balancer: traffic for the service is sent here. */
export interface LoadBalancerIngress {
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
   * How the load balancer forwards to the IP: `VIP` (destination is the IP) or `Proxy`.
   * @protobuf 3
   */
  ipMode?: 'VIP' | 'Proxy';
  /**
   * Per-port status of the ingress point.
   * @listType atomic
   * @protobuf 4
   */
  ports?: PortStatus[];
}

/** Status of one port of a load balancer ingress point. */
export interface PortStatus {
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
   * Problem with the port, as a CamelCase reason; empty when healthy.
   * @protobuf 3
   */
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
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * Groups of addresses that share the same ports.
   * @listType atomic
   * @protobuf 2
   */
  subsets?: EndpointSubset[];
}

/** Addresses that all expose the same ports. */
export interface EndpointSubset {
  /**
   * Ready addresses.
   * @listType atomic
   * @protobuf 1
   */
  addresses?: EndpointAddress[];
  /**
   * Addresses that are not ready (yet) to receive traffic.
   * @listType atomic
   * @protobuf 2
   */
  notReadyAddresses?: EndpointAddress[];
  /**
   * Ports available on every address of this subset.
   * @listType atomic
   * @protobuf 3
   */
  ports?: EndpointPort[];
}

/** One endpoint address. */
export interface EndpointAddress {
  /**
   * IP address of the endpoint.
   * @protobuf 1
   */
  ip: string;
  /**
   * Hostname of the endpoint.
   * @protobuf 3
   */
  hostname?: string;
  /**
   * Node hosting the endpoint.
   * @protobuf 4
   */
  nodeName?: string;
  /**
   * The object (usually a Pod) providing the endpoint.
   * @protobuf 2
   */
  targetRef?: ObjectReference;
}

/** One port of an endpoint. */
export interface EndpointPort {
  /**
   * Port name; must match the Service port's name.
   * @protobuf 1
   */
  name?: string;
  /**
   * Port number.
   * @protobuf 2
   */
  port: int32;
  /**
   * IP protocol of the port.
   * @default "TCP"
   * @protobuf 3
   */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /**
   * Application protocol of the port.
   * @protobuf 4
   */
  appProtocol?: string;
}

// ---------------------------------------------------------------------------------------------
// Event

/**
 * Event reports something that happened to an object (its `involvedObject`): `kubectl describe`
 * lists the events of the object it describes. Events are informative and best-effort.
 * @shortName ev
 * @printColumn name="Last Seen" type=date
 *   value="or(.series.lastObservedTime, .lastTimestamp, .firstTimestamp, .eventTime)"
 *   description="The time at which the most recent occurrence of this event was recorded."
 * @printColumn name=Type type=string jsonPath=.type
 * @printColumn name=Reason type=string jsonPath=.reason
 * @printColumn name=Object type=string value="join(lower(.involvedObject.kind), .involvedObject.name, sep='/')"
 *   description="The object that this event is about."
 * @printColumn name=Subobject type=string jsonPath=.involvedObject.fieldPath priority=1
 * @printColumn name=Source type=string priority=1
 *   value="join(or(.source.component, .reportingComponent), or(.source.host, .reportingInstance), sep=', ')"
 *   description="The component reporting this event."
 * @printColumn name=Message type=string jsonPath=.message
 * @printColumn name="First Seen" type=date value="or(.firstTimestamp, .eventTime)" priority=1
 *   description="The time at which the event was first recorded."
 * @printColumn name=Count type=integer value="or(.series.count, .count, 1)" priority=1
 *   description="The number of times this event has occurred."
 * @printColumn name=Name type=string format=name jsonPath=.metadata.name priority=1
 * @selectableField .involvedObject.kind
 * @selectableField .involvedObject.namespace
 * @selectableField .involvedObject.name
 * @selectableField .involvedObject.uid
 * @selectableField .involvedObject.apiVersion
 * @selectableField .involvedObject.fieldPath
 * @selectableField .reason
 * @selectableField .type
 */
export interface Event extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * The object this event is about.
   * @default {}
   * @protobuf 2
   */
  involvedObject: ObjectReference;
  /**
   * Short, machine-readable reason for the transition into the object's current state, e.g. `Created`.
   * @protobuf 3
   */
  reason?: string;
  /**
   * Human-readable description of what happened.
   * @protobuf 4
   */
  message?: string;
  /**
   * The component that reported this event.
   * @protobuf 5
   */
  source?: EventSource;
  /**
   * When the event was first recorded.
   * @protobuf 6
   */
  firstTimestamp?: Time;
  /**
   * When the most recent occurrence of the event was recorded.
   * @protobuf 7
   */
  lastTimestamp?: Time;
  /**
   * How many times the event has occurred.
   * @protobuf 8
   */
  count?: int32;
  /**
   * Type of the event: `Normal` or `Warning` (new types may be added).
   * @protobuf 9
   */
  type?: string;
  /**
   * When the event was first observed, with microseconds.
   * @protobuf 10
   */
  eventTime?: MicroTime;
  /**
   * The series this event belongs to; absent for a one-off event.
   * @protobuf 11
   */
  series?: EventSeries;
  /**
   * What action was taken, or failed, regarding the involved object.
   * @protobuf 12
   */
  action?: string;
  /**
   * A secondary object, for more complex actions.
   * @protobuf 13
   */
  related?: ObjectReference;
  /**
   * Name of the controller that emitted the event, e.g. `kubernetes.io/kubelet`.
   * @protobuf 14
   */
  reportingComponent?: string;
  /**
   * ID of the controller instance that emitted the event, e.g. `kubelet-xyzf`.
   * @protobuf 15
   */
  reportingInstance?: string;
}

/** The component an event came from. */
export interface EventSource {
  /**
   * Component that generated the event.
   * @protobuf 1
   */
  component?: string;
  /**
   * Node on which the event was generated.
   * @protobuf 2
   */
  host?: string;
}

/** A series of events: something that happened, or keeps happening, repeatedly. */
export interface EventSeries {
  /**
   * Occurrences in this series up to the last heartbeat.
   * @protobuf 1
   */
  count?: int32;
  /**
   * When the last occurrence was observed.
   * @protobuf 2
   */
  lastObservedTime?: MicroTime;
}

/** A reference to any object, possibly to a field inside it. */
export interface ObjectReference {
  /**
   * Kind of the referent.
   * @protobuf 1
   */
  kind?: string;
  /**
   * Namespace of the referent.
   * @protobuf 2
   */
  namespace?: string;
  /**
   * Name of the referent.
   * @protobuf 3
   */
  name?: string;
  /**
   * UID of the referent.
   * @protobuf 4
   */
  uid?: string;
  /**
   * API version of the referent.
   * @protobuf 5
   */
  apiVersion?: string;
  /**
   * Specific resourceVersion the reference points to.
   * @protobuf 6
   */
  resourceVersion?: string;
  /**
   * Path of a field inside the referent, e.g. `spec.containers{web}`.
   * @protobuf 7
   */
  fieldPath?: string;
}
