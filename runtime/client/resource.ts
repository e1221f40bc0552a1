// The generic resource client: every verb for one resource, namespaced or not. Typed clients are
// this class with the kind's types filled in; the dynamic client builds it from the RESTMapper.
import type { Status } from '../machinery/errors.js';
import type { RESTClient, QueryValue } from './rest.js';
import type { Watch } from './watch.js';
import type { DeleteOptions, KubeList, KubeObject, ListOptions, PatchType, ResourceSpec, WriteOptions } from './types.js';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

/** The collection path; `namespace` undefined or '' means all namespaces (or cluster scope). */
export function collectionPath(spec: ResourceSpec, namespace?: string): string {
  const ns = spec.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(spec.group, spec.version)}${ns}/${spec.resource}`;
}

function listQuery(opts: ListOptions = {}): Record<string, QueryValue> {
  return {
    labelSelector: opts.labelSelector,
    fieldSelector: opts.fieldSelector,
    resourceVersion: opts.resourceVersion,
    resourceVersionMatch: opts.resourceVersionMatch,
    limit: opts.limit,
    continue: opts.continue,
    timeoutSeconds: opts.timeoutSeconds,
    allowWatchBookmarks: opts.allowWatchBookmarks,
    sendInitialEvents: opts.sendInitialEvents,
  };
}

function writeQuery(opts: WriteOptions = {}): Record<string, QueryValue> {
  return { dryRun: opts.dryRun, fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation };
}

/** What create/update accept: the kind's type, with apiVersion and kind optional (filled in). */
export type ObjectInput<T extends KubeObject> = Omit<T, 'apiVersion' | 'kind'> & { apiVersion?: string; kind?: string };

export class ResourceClient<T extends KubeObject = KubeObject, L extends KubeList<T> = KubeList<T>> {
  constructor(
    readonly rest: RESTClient,
    readonly spec: ResourceSpec,
    /** '' or undefined: all namespaces for list/watch; required for single-object verbs of namespaced kinds. */
    readonly namespace?: string,
  ) {}

  /** The same resource in another namespace ('' = all namespaces). */
  inNamespace(namespace: string): ResourceClient<T, L> {
    return new ResourceClient<T, L>(this.rest, this.spec, namespace);
  }

  private objectPath(name: string, subresource?: string): string {
    if (this.spec.namespaced && !this.namespace) {
      throw new Error(`${this.spec.resource} is namespaced: choose a namespace for a request by name`);
    }
    if (!name) throw new Error('resource name may not be empty');
    return `${collectionPath(this.spec, this.namespace)}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
  }

  /** For create: the object's namespace wins over the client's only when the client has none. */
  /** The body as sent: apiVersion/kind default to this client's group/version/kind. */
  private stamped(obj: ObjectInput<T>): KubeObject {
    const gv = this.spec.group === '' ? this.spec.version : `${this.spec.group}/${this.spec.version}`;
    return { ...obj, apiVersion: obj.apiVersion ?? gv, kind: obj.kind ?? this.spec.kind } as KubeObject;
  }

  private createPath(obj: KubeObject): string {
    const ns = this.namespace || obj.metadata?.namespace;
    if (this.spec.namespaced && !ns) throw new Error(`${this.spec.resource} is namespaced: choose a namespace to create in`);
    return collectionPath(this.spec, ns);
  }

  private withNamespace(obj: KubeObject): ResourceClient<T, L> {
    const ns = obj.metadata?.namespace;
    return this.spec.namespaced && !this.namespace && ns ? this.inNamespace(ns) : this;
  }

  get(name: string, opts: { resourceVersion?: string } = {}): Promise<T> {
    return this.rest.request<T>({ method: 'GET', path: this.objectPath(name), query: { resourceVersion: opts.resourceVersion } });
  }

  list(opts: ListOptions = {}, signal?: AbortSignal): Promise<L> {
    return this.rest.request<L>({
      method: 'GET',
      path: collectionPath(this.spec, this.namespace),
      query: listQuery(opts),
      ...(signal ? { signal } : {}),
    });
  }

  create(obj: ObjectInput<T>, opts: WriteOptions = {}): Promise<T> {
    const body = this.stamped(obj);
    return this.rest.request<T>({ method: 'POST', path: this.createPath(body), query: writeQuery(opts), body });
  }

  /** PUT of the whole object, addressed by its metadata.name (optimistic concurrency on resourceVersion). */
  update(obj: ObjectInput<T>, opts: WriteOptions = {}): Promise<T> {
    const body = this.stamped(obj);
    const self = this.withNamespace(body);
    return this.rest.request<T>({ method: 'PUT', path: self.objectPath(body.metadata?.name ?? ''), query: writeQuery(opts), body });
  }

  updateStatus(obj: ObjectInput<T>, opts: WriteOptions = {}): Promise<T> {
    const body = this.stamped(obj);
    const self = this.withNamespace(body);
    return this.rest.request<T>({ method: 'PUT', path: self.objectPath(body.metadata?.name ?? '', 'status'), query: writeQuery(opts), body });
  }

  /** `type` json: an RFC 6902 operation list; merge: an RFC 7386 document. */
  patch(name: string, type: PatchType, patch: unknown, opts: WriteOptions & { subresource?: string } = {}): Promise<T> {
    return this.rest.request<T>({
      method: 'PATCH',
      path: this.objectPath(name, opts.subresource),
      query: writeQuery(opts),
      body: patch,
      contentType: PATCH_CONTENT_TYPES[type],
    });
  }

  /** Returns the deleted object (or the object marked for deletion, or a Success Status). */
  delete(name: string, opts: DeleteOptions = {}): Promise<T | Status> {
    const body = Object.keys(opts).length > 0 ? { apiVersion: 'v1', kind: 'DeleteOptions', ...opts } : undefined;
    return this.rest.request<T | Status>({ method: 'DELETE', path: this.objectPath(name), body });
  }

  deleteCollection(listOpts: ListOptions = {}, opts: DeleteOptions = {}): Promise<L | Status> {
    const body = Object.keys(opts).length > 0 ? { apiVersion: 'v1', kind: 'DeleteOptions', ...opts } : undefined;
    return this.rest.request<L | Status>({ method: 'DELETE', path: collectionPath(this.spec, this.namespace), query: listQuery(listOpts), body });
  }

  /** A watch stream: `for await (const ev of await client.watch({resourceVersion}))`. */
  watch(opts: ListOptions = {}, signal?: AbortSignal): Promise<Watch<T>> {
    return this.rest.watch<T>({
      path: collectionPath(this.spec, this.namespace),
      query: { ...listQuery(opts), watch: true },
      ...(signal ? { signal } : {}),
    });
  }
}
