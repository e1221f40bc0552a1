// example.com: the sample user API. Copy this folder to start your own group.
//
// A group folder holds:
//   group.ts                     this file: the group's name and versions
//   <version>/types.ts           the kinds of each version (interfaces with JSDoc markers)
//   <version>/conversion.ts      hooks for fields that differ between a version and the hub
//   <version>/defaults.ts        (optional) defaults that markers cannot express
//   validation.ts                (optional) extra validation rules on internal objects
import type { GroupDef } from '../_meta/group.js';

export const group: GroupDef = {
  name: 'example.com',
  // Preference order: clients that do not ask for a version get v1.
  versions: ['v1', 'v1alpha1'],
  // The internal type the server works on is generated from v1; v1alpha1 converts to and from it.
  hubVersion: 'v1',
  // Objects are stored as v1, whichever version they were written in.
  storageVersion: 'v1',
  // Like a CRD: JSON patch and merge patch only (kubectl apply sends a merge patch).
  strategicMergePatch: false,
};
