// The PATCH content types the server implements. One list, read by the PATCH handler (which
// media types it accepts), by discovery (whether `patch` is advertised) and by the OpenAPI
// documents (which request-body types a patch operation lists). kubectl reads the OpenAPI list
// to decide which patch to send, so it must never name a type the handler rejects.

export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

/** Exactly what runtime/endpoints/handlers/patch.ts accepts. Strategic merge and apply come with
 * the kubectl-compatibility work. */
export const SUPPORTED_PATCH_TYPES: readonly PatchType[] = ['application/json-patch+json', 'application/merge-patch+json'];
