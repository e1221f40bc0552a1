// Namespace lifecycle, the one place the registry treats a kind specially. The namespace kind is
// found from the registrations (core group, resource `namespaces`), never named by type:
// - create: spec.finalizers ["kubernetes"] and status.phase "Active";
// - the system namespaces exist from the first start and may not be deleted;
// - deleting a namespace deletes everything in it first. Kubernetes does this asynchronously
//   (phase Terminating, a controller empties it); we do it synchronously inside the delete, so
//   the response is the namespace as Kubernetes shows it at that moment (Terminating).
import type { GroupRegistration, JSONObject, KindRegistration } from '../machinery/registration.js';
import { forbidden, notFound } from '../machinery/errors.js';
import { isObject } from '../machinery/objects.js';
import type { DeleteLifecycle, Store } from './store.js';
import { metadataOf } from './strategy.js';
import { nowRFC3339 } from './names.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public'] as const;
const NAMESPACE_FINALIZER = 'kubernetes';

/** The registration of the namespace kind, if the core group serves one. */
export function findNamespaceKind(groups: readonly GroupRegistration[]): { group: GroupRegistration; kind: KindRegistration } | undefined {
  const core = groups.find((g) => g.group === '');
  const kind = core?.kinds.find((k) => k.plural === 'namespaces' && k.scope === 'Cluster');
  return core && kind ? { group: core, kind } : undefined;
}

/** Extra prepareForCreate of the namespace kind. */
export function prepareNamespaceForCreate(obj: JSONObject): void {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
  if (!finalizers.includes(NAMESPACE_FINALIZER)) finalizers.push(NAMESPACE_FINALIZER);
  spec.finalizers = finalizers;
  obj.spec = spec;
  const status = isObject(obj.status) ? obj.status : {};
  status.phase = 'Active';
  obj.status = status;
}

/** Where a namespace stands, for admitting new content into it. */
export type NamespacePhase = 'Missing' | 'Active' | 'Terminating';

export function namespacePhase(obj: JSONObject | undefined): NamespacePhase {
  if (obj === undefined) return 'Missing';
  return metadataOf(obj).deletionTimestamp !== undefined ? 'Terminating' : 'Active';
}

/** The admission rule for namespaced writes: 404 for a missing namespace, 403 while terminating. */
export function admitIntoNamespace(name: string, phase: NamespacePhase): void {
  if (phase === 'Missing') throw notFound('', 'namespaces', name);
  if (phase === 'Terminating') {
    throw forbidden('', 'namespaces', name, `unable to create new content in namespace ${name} because it is being terminated`);
  }
}

function markTerminating(obj: JSONObject): void {
  const status = isObject(obj.status) ? obj.status : {};
  status.phase = 'Terminating';
  obj.status = status;
}

/**
 * The namespace kind's delete lifecycle: the namespace is first marked Terminating (so no new
 * content is admitted), then emptied, then removed. `namespaces` is the namespace kind's store and
 * `namespacedStores` every namespaced kind's store (read lazily: built after this lifecycle).
 */
export function namespaceDeleteLifecycle(namespaces: () => Store, namespacedStores: () => Store[]): DeleteLifecycle {
  return {
    admitDelete(obj) {
      const name = String(metadataOf(obj).name ?? '');
      if ((SYSTEM_NAMESPACES as readonly string[]).includes(name)) {
        throw forbidden('', 'namespaces', name, 'this namespace may not be deleted');
      }
    },
    async beforeDelete(obj) {
      const name = String(metadataOf(obj).name ?? '');
      await namespaces().markDeleting('', name, markTerminating);
      for (const store of namespacedStores()) await store.deleteCollection(name);
    },
    deletedObject(obj) {
      metadataOf(obj).deletionTimestamp ??= nowRFC3339();
      markTerminating(obj);
      return obj;
    },
  };
}
