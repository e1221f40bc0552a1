// networking.k8s.io: Ingress and IngressClass. v1 is the hub (internal shape) and storage
// version; v1beta1 is served for old manifests and converted by v1beta1/conversion.ts.
import type { GroupDef } from '../_meta/group.js';

export const group: GroupDef = {
  name: 'networking.k8s.io',
  versions: ['v1', 'v1beta1'],
  hubVersion: 'v1',
  storageVersion: 'v1',
  // A built-in Kubernetes group: kubectl sends it strategic merge patches.
  strategicMergePatch: true,
};
