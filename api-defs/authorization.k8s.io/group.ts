// authorization.k8s.io: the access reviews kubectl asks before it acts (`kubectl auth can-i`).
// They are @virtual kinds: created, answered, never stored.
import type { GroupDef } from '../_meta/group.js';

export const group: GroupDef = {
  name: 'authorization.k8s.io',
  versions: ['v1'],
  hubVersion: 'v1',
};
