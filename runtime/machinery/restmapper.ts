// Resource names <-> kinds, the way kubectl resolves what a user types (`wd`, `widget`,
// `widgets.example.com`, `widgets.v1.example.com`, `Widget`) and the way the server maps a URL's
// group/version/resource to a kind.
import type { GroupVersionKind, GroupVersionResource } from './gvk.js';
import type { GroupRegistration, KindRegistration, VersionedKind } from './registration.js';
import type { Scheme } from './scheme.js';

export interface RESTMapping {
  group: GroupRegistration;
  kind: KindRegistration;
  versioned: VersionedKind;
  resource: GroupVersionResource;
  gvk: GroupVersionKind;
}

function makeMapping(group: GroupRegistration, kind: KindRegistration, versioned: VersionedKind): RESTMapping {
  return {
    group,
    kind,
    versioned,
    resource: { group: group.group, version: versioned.version, resource: kind.plural },
    gvk: { group: group.group, version: versioned.version, kind: kind.kind },
  };
}

/** Does a lower-cased name denote this kind (plural, singular, short name, or kind name)? */
function namesKind(kind: KindRegistration, lower: string): boolean {
  return (
    kind.plural === lower ||
    kind.singular === lower ||
    kind.kind.toLowerCase() === lower ||
    kind.shortNames.some((s) => s.toLowerCase() === lower)
  );
}

export class RESTMapper {
  private readonly byGVR = new Map<string, RESTMapping>();

  constructor(private readonly scheme: Scheme) {
    for (const group of scheme.groups) {
      for (const kind of group.kinds) {
        for (const versioned of kind.versions) {
          const m = makeMapping(group, kind, versioned);
          this.byGVR.set(`${group.group}\u0000${versioned.version}\u0000${kind.plural}`, m);
        }
      }
    }
  }

  mappingFor(gvr: GroupVersionResource): RESTMapping | undefined {
    return this.byGVR.get(`${gvr.group}\u0000${gvr.version}\u0000${gvr.resource}`);
  }

  mappingForKind(gvk: GroupVersionKind): RESTMapping | undefined {
    const group = this.scheme.group(gvk.group);
    const kind = group?.kinds.find((k) => k.kind === gvk.kind);
    if (!group || !kind) return undefined;
    const versioned = gvk.version === '' ? kind.versions[0] : kind.versions.find((v) => v.version === gvk.version);
    return versioned ? makeMapping(group, kind, versioned) : undefined;
  }

  lookup(name: string): RESTMapping[] {
    const lower = name.trim().toLowerCase();
    if (lower === '') return [];
    const found: RESTMapping[] = [];
    const seen = new Set<string>();
    const add = (group: GroupRegistration, kind: KindRegistration, versioned: VersionedKind | undefined): void => {
      if (!versioned) return;
      const key = `${group.group}\u0000${versioned.version}\u0000${kind.kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      found.push(makeMapping(group, kind, versioned));
    };
    const match = (res: string, groupName: string | undefined, version: string | undefined, groupPrefix: boolean): void => {
      for (const group of this.scheme.groups) {
        if (groupName !== undefined) {
          const exact = group.group === groupName;
          const prefix = groupPrefix && group.group.startsWith(`${groupName}.`);
          if (!exact && !prefix) continue;
        }
        for (const kind of group.kinds) {
          if (!namesKind(kind, res)) continue;
          // versions are in the group's preference order: the first is the preferred one
          add(group, kind, version === undefined ? kind.versions[0] : kind.versions.find((v) => v.version === version));
        }
      }
    };

    const parts = lower.split('.');
    if (parts.length === 1) {
      match(lower, undefined, undefined, false);
      return found;
    }
    // `res.version.group` is tried first, then `res.group` with the whole remainder as group.
    if (parts.length >= 3) match(parts[0], parts.slice(2).join('.'), parts[1], false);
    match(parts[0], parts.slice(1).join('.'), undefined, false);
    // kubectl also accepts a leading part of a group (`ingresses.networking`) when nothing exact matched
    if (found.length === 0) match(parts[0], parts.slice(1).join('.'), undefined, true);
    return found;
  }
}
