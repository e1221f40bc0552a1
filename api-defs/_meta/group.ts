// The shape of every api-defs/<group>/group.ts. The generator reads the object literal; it never
// runs this file.

/** One API group: its name, the versions it serves, and which version is hub and storage. */
export interface GroupDef {
  /** API group name, e.g. 'networking.k8s.io'; 'core' for the core group (served at /api/v1). */
  name: string;
  /** Served versions in preference order: the first is the preferred version. */
  versions: string[];
  /** The version the internal type is generated from; must be one of `versions`. */
  hubVersion: string;
  /** The version objects are stored in (default: hubVersion). */
  storageVersion?: string;
  /** Whether the group's kinds accept `application/strategic-merge-patch+json` (default false).
   * Set it for Kubernetes' built-in groups: kubectl always sends them a strategic merge patch.
   * Other groups behave like CRDs: JSON patch and merge patch only. */
  strategicMergePatch?: boolean;
}
