// authentication.k8s.io: "who am I?" (`kubectl auth whoami`). The review is a @virtual kind:
// created, answered, never stored. kubectl 1.28 and later ask v1; 1.27 asks v1beta1.
import type { GroupDef } from '../_meta/group.js';

export const group: GroupDef = {
  name: 'authentication.k8s.io',
  versions: ['v1', 'v1beta1'],
  hubVersion: 'v1',
};
