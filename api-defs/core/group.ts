// The core API group ("" on the wire, served at /api/v1).
import type { GroupDef } from '../_meta/group.js';

export const group: GroupDef = {
  name: 'core',
  versions: ['v1'],
  hubVersion: 'v1',
  // A built-in Kubernetes group: kubectl sends it strategic merge patches.
  strategicMergePatch: true,
};
