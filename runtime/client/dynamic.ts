// The dynamic client: a ResourceClient for any served kind, found through the RESTMapper the
// generated registration tables fill (the same mapper the server and kubectl-style lookups use).
import { groups as generatedGroups } from '../../generated/index.js';
import type { GroupVersionKind, GroupVersionResource } from '../machinery/gvk.js';
import type { GroupRegistration } from '../machinery/registration.js';
import { RESTMapper, type RESTMapping } from '../machinery/restmapper.js';
import { Scheme } from '../machinery/scheme.js';
import { ResourceClient } from './resource.js';
import type { RESTClient } from './rest.js';
import type { KubeObject, ResourceSpec } from './types.js';

export function specOfMapping(m: RESTMapping): ResourceSpec {
  return { group: m.resource.group, version: m.resource.version, resource: m.resource.resource, kind: m.gvk.kind, namespaced: m.kind.scope === 'Namespaced' };
}

export class DynamicClient {
  readonly mapper: RESTMapper;

  constructor(
    readonly rest: RESTClient,
    groups: GroupRegistration[] = generatedGroups,
  ) {
    this.mapper = new RESTMapper(new Scheme(groups));
  }

  /** The mapping for a group/version/resource; throws when the kind is not known. */
  specFor(gvr: GroupVersionResource): ResourceSpec {
    const m = this.mapper.mappingFor(gvr);
    if (!m) throw new Error(`no kind is registered for the resource ${gvr.resource} in ${gvr.group || 'core'}/${gvr.version}`);
    return specOfMapping(m);
  }

  resource<T extends KubeObject = KubeObject>(gvr: GroupVersionResource, namespace?: string): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, this.specFor(gvr), namespace);
  }

  /** By kind; an empty version picks the group's preferred version. */
  kind<T extends KubeObject = KubeObject>(gvk: GroupVersionKind, namespace?: string): ResourceClient<T> {
    const m = this.mapper.mappingForKind(gvk);
    if (!m) throw new Error(`no resource is registered for the kind ${gvk.kind} in ${gvk.group || 'core'}/${gvk.version}`);
    return new ResourceClient<T>(this.rest, specOfMapping(m), namespace);
  }

  /** As kubectl resolves a name: `ing`, `ingresses`, `ingresses.networking.k8s.io`, `ingresses.v1.networking.k8s.io`. */
  byName<T extends KubeObject = KubeObject>(name: string, namespace?: string): ResourceClient<T> {
    const found = this.mapper.lookup(name);
    if (found.length === 0) throw new Error(`the server doesn't have a resource type "${name}"`);
    return new ResourceClient<T>(this.rest, specOfMapping(found[0]!), namespace);
  }
}
