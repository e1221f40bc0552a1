// autoscaling: HorizontalPodAutoscaler. v2 (metrics and behavior) is the hub and storage
// version; v1 (a single CPU target) is converted by v1/conversion.ts, which keeps what v1 cannot
// hold in annotations, as Kubernetes does.
import type { GroupDef } from '../_meta/group.js';

export const group: GroupDef = {
  name: 'autoscaling',
  versions: ['v2', 'v1'],
  hubVersion: 'v2',
  storageVersion: 'v2',
  // A built-in Kubernetes group: kubectl sends it strategic merge patches.
  strategicMergePatch: true,
};
