// Component schemas every OpenAPI document needs besides the generated kinds: the bodies and
// replies of the generic operations (Status, DeleteOptions, Patch, WatchEvent) and the
// autoscaling/v1 Scale that `/scale` subresources speak. Named like kube-apiserver's so that
// clients that look schemas up by name find them. The generated schemas of a group win where a
// name is defined twice; these only fill the gaps.
import type { OpenAPISchema } from '../machinery/registration.js';

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const STATUS_SCHEMA = `${META}.Status`;
export const DELETE_OPTIONS_SCHEMA = `${META}.DeleteOptions`;
export const PATCH_SCHEMA = `${META}.Patch`;
export const WATCH_EVENT_SCHEMA = `${META}.WatchEvent`;
export const SCALE_SCHEMA = 'io.k8s.api.autoscaling.v1.Scale';

export const ref = (name: string): OpenAPISchema => ({ $ref: `#/components/schemas/${name}` });
/** A reference with siblings (description, default) must be wrapped in allOf in OpenAPI 3.0. */
const refWith = (name: string, extra: OpenAPISchema): OpenAPISchema => ({ allOf: [ref(name)], ...extra });

const str = (description: string): OpenAPISchema => ({ type: 'string', description });
const int32 = (description: string): OpenAPISchema => ({ type: 'integer', format: 'int32', description });
const int64 = (description: string): OpenAPISchema => ({ type: 'integer', format: 'int64', description });
const bool = (description: string): OpenAPISchema => ({ type: 'boolean', description });
const strings = (description: string): OpenAPISchema => ({ type: 'array', items: { type: 'string', default: '' }, description });

const API_VERSION = str('The versioned schema of this representation of an object.');
const KIND = str('The REST resource this object represents, in CamelCase.');

type GVK = { group: string; version: string; kind: string };

/** The meta schemas for the document of `group`/`version`. */
export function metaSchemas(group: string, version: string): Record<string, OpenAPISchema> {
  // Option and event types are accepted in every group version, like kube-apiserver registers them.
  const everywhere = (kind: string): GVK[] => {
    const list: GVK[] = [{ group: '', version: 'v1', kind }];
    if (group !== '') list.push({ group, version, kind });
    return list;
  };
  return {
    [STATUS_SCHEMA]: {
      type: 'object',
      description: 'Status is the result of an operation that does not return an object.',
      properties: {
        apiVersion: API_VERSION,
        code: int32('Suggested HTTP status code of this status, 0 if not set.'),
        details: refWith(`${META}.StatusDetails`, { description: 'Extra data about the reason, depending on it.' }),
        kind: KIND,
        message: str('A human-readable description of the status.'),
        metadata: refWith(`${META}.ListMeta`, { description: 'Standard list metadata.', default: {} }),
        reason: str('A machine-readable reason: why the operation ended in Failure (empty when unknown).'),
        status: str('Status of the operation: "Success" or "Failure".'),
      },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Status' }],
    },
    [`${META}.StatusDetails`]: {
      type: 'object',
      description: 'Structured details of a Status: the object concerned and the causes of a failure.',
      properties: {
        causes: { type: 'array', items: refWith(`${META}.StatusCause`, { default: {} }), description: 'The individual causes, where known.' },
        group: str('The group of the resource concerned.'),
        kind: str('The kind of the resource concerned.'),
        name: str('The name of the resource concerned, where there is one.'),
        retryAfterSeconds: int32('Seconds the client should wait before retrying, when the operation may be retried.'),
        uid: str('The UID of the resource concerned, where there is one.'),
      },
    },
    [`${META}.StatusCause`]: {
      type: 'object',
      description: 'One cause of a failed operation.',
      properties: {
        field: str('The field that caused the error, in JSON path notation (for example spec.rules[0].host).'),
        message: str('A human-readable description of the cause.'),
        reason: str('A machine-readable description of the cause.'),
      },
    },
    [DELETE_OPTIONS_SCHEMA]: {
      type: 'object',
      description: 'Options for a delete request.',
      properties: {
        apiVersion: API_VERSION,
        dryRun: strings('When set to All, the deletion is validated but not persisted.'),
        gracePeriodSeconds: int64('Seconds before the object is deleted; 0 deletes immediately.'),
        ignoreStoreReadErrorWithClusterBreakingPotential: bool('Delete even when the stored object cannot be read (unsafe).'),
        kind: KIND,
        orphanDependents: bool('Deprecated: use propagationPolicy. Whether dependents are orphaned.'),
        preconditions: refWith(`${META}.Preconditions`, { description: 'Must hold for the deletion to happen.' }),
        propagationPolicy: str('How dependents are garbage collected: Orphan, Background or Foreground.'),
      },
      'x-kubernetes-group-version-kind': everywhere('DeleteOptions'),
    },
    [`${META}.Preconditions`]: {
      type: 'object',
      description: 'Conditions that must hold before an operation is carried out.',
      properties: {
        resourceVersion: str('The object must have this resourceVersion.'),
        uid: str('The object must have this UID.'),
      },
    },
    [PATCH_SCHEMA]: {
      type: 'object',
      description: 'The body of a PATCH request; its format is given by the request Content-Type.',
    },
    [WATCH_EVENT_SCHEMA]: {
      type: 'object',
      description: 'One event of a watch stream.',
      required: ['type', 'object'],
      properties: {
        object: refWith('io.k8s.apimachinery.pkg.runtime.RawExtension', {
          description: 'The object of the event: the object itself for ADDED, MODIFIED and DELETED, a Status for ERROR.',
        }),
        type: str('ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.'),
      },
      'x-kubernetes-group-version-kind': everywhere('WatchEvent'),
    },
    'io.k8s.apimachinery.pkg.runtime.RawExtension': {
      type: 'object',
      description: 'An embedded object of any kind.',
    },
    [SCALE_SCHEMA]: {
      type: 'object',
      description: 'Scale is the request and response of the scale subresource.',
      properties: {
        apiVersion: API_VERSION,
        kind: KIND,
        metadata: refWith(`${META}.ObjectMeta`, { description: 'Standard object metadata.', default: {} }),
        spec: refWith('io.k8s.api.autoscaling.v1.ScaleSpec', { description: 'The desired scale.', default: {} }),
        status: refWith('io.k8s.api.autoscaling.v1.ScaleStatus', { description: 'The observed scale (read-only).', default: {} }),
      },
      'x-kubernetes-group-version-kind': [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }],
    },
    'io.k8s.api.autoscaling.v1.ScaleSpec': {
      type: 'object',
      description: 'The desired scale.',
      properties: { replicas: int32('The desired number of instances.') },
    },
    'io.k8s.api.autoscaling.v1.ScaleStatus': {
      type: 'object',
      description: 'The observed scale.',
      required: ['replicas'],
      properties: {
        replicas: int32('The observed number of instances.'),
        selector: str('The label selector of the instances, in the string form of a label query.'),
      },
    },
  };
}

/** Minimal stand-ins for the shared meta types, used only when a document references one that
 * the generated schemas of that version do not define (for example a group whose kinds never
 * reference ListMeta directly). */
export const FALLBACK_META_SCHEMAS: Record<string, OpenAPISchema> = {
  [`${META}.ListMeta`]: {
    type: 'object',
    description: 'Metadata of a list.',
    properties: {
      continue: str('Token to fetch the next page of a paginated list.'),
      remainingItemCount: int64('Number of items left after this page, when known.'),
      resourceVersion: str('The version of the list, for watching from it.'),
      selfLink: str('Deprecated and always empty.'),
    },
  },
  [`${META}.ObjectMeta`]: {
    type: 'object',
    description: 'Metadata every persisted object has.',
    properties: {
      annotations: { type: 'object', additionalProperties: { type: 'string', default: '' }, description: 'Unstructured key-value data.' },
      creationTimestamp: { type: 'string', format: 'date-time', description: 'When the object was created.' },
      generation: int64('Sequence number of the desired state.'),
      labels: { type: 'object', additionalProperties: { type: 'string', default: '' }, description: 'Labels to select objects by.' },
      name: str('Name, unique within a namespace.'),
      namespace: str('Namespace of the object.'),
      resourceVersion: str('Opaque version of the object, for concurrency control and watches.'),
      uid: str('Unique identifier for the lifetime of the object.'),
    },
  },
};
