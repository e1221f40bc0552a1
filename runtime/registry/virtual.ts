// Create of a `@virtual` kind (Kubernetes' access reviews): the object is never stored; the
// kind's generated `createVirtual` (the group's hand-written hook) turns it into the answer.
// Only the namespace rule of a normal create applies: reviews have no name, uid or version.
import { badRequest } from '../machinery/errors.js';
import type { JSONObject, KindRegistration } from '../machinery/registration.js';
import { metadataOf } from './strategy.js';

/** Runs a virtual create of internal object `obj` in `namespace` ('' for cluster-scoped kinds). */
export function createVirtual(kind: KindRegistration, namespace: string, obj: JSONObject): JSONObject {
  if (!kind.createVirtual) throw new Error(`kind ${kind.kind} is not virtual`);
  const meta = metadataOf(obj);
  if (kind.scope === 'Namespaced') {
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = namespace;
  } else {
    delete meta.namespace;
  }
  return kind.createVirtual(obj);
}
