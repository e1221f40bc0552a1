// The PATCH content types the server implements, and which of them each kind accepts. Read by
// the PATCH handler (which media types it accepts, and the list a 415 names), by discovery
// (whether `patch` is advertised) and by the OpenAPI documents (which request-body types a patch
// operation lists). kubectl reads the OpenAPI list to decide which patch to send (a strategic
// merge patch only when the kind's PATCH operation lists it), so it must never name a type the
// handler rejects.
import type { GroupRegistration } from '../machinery/registration.js';

export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

/** Server-side apply's patch type (the body is YAML or JSON). */
export const APPLY_PATCH_TYPE: PatchType = 'application/apply-patch+yaml';

/** Every patch type runtime/endpoints/handlers/patch.ts implements, in kube-apiserver's order. */
export const SUPPORTED_PATCH_TYPES: readonly PatchType[] = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  APPLY_PATCH_TYPE,
];

/** Accepted by every kind (a CRD accepts these). */
const GENERIC_PATCH_TYPES: readonly PatchType[] = ['application/json-patch+json', 'application/merge-patch+json', APPLY_PATCH_TYPE];

/** The patch types the kinds of `group` accept, in kube-apiserver's order. Strategic merge patch
 * only where group.ts says `strategicMergePatch: true` (Kubernetes' built-in groups); other
 * groups behave like CRDs, which do not accept it. */
export function patchTypesFor(group: Pick<GroupRegistration, 'strategicMergePatch'>): readonly PatchType[] {
  return group.strategicMergePatch === true ? SUPPORTED_PATCH_TYPES : GENERIC_PATCH_TYPES;
}
