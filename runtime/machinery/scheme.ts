// The Scheme: one index of every served kind, filled from the generated GroupRegistrations, and
// the single place that knows how to default, convert and copy objects by their apiVersion/kind.
// It never names a concrete kind.
import { badRequest } from './errors.js';
import { formatApiVersion, parseApiVersion, ApiVersionSyntaxError, type GroupVersion, type GroupVersionKind } from './gvk.js';
import type { GroupRegistration, JSONObject, KindRegistration, VersionedKind } from './registration.js';

export interface ResolvedKind {
  group: GroupRegistration;
  kind: KindRegistration;
  versioned: VersionedKind;
}

/** How much of a body a "missing/unknown kind" message quotes (Kubernetes quotes it whole). */
const QUOTED_BODY_LIMIT = 1024;

function quoteBody(obj: JSONObject): string {
  const text = JSON.stringify(obj);
  return text.length > QUOTED_BODY_LIMIT ? `${text.slice(0, QUOTED_BODY_LIMIT)}...` : text;
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}\u0000${version}\u0000${kind}`;
}

export class Scheme {
  readonly groups: GroupRegistration[];
  private readonly byGroup = new Map<string, GroupRegistration>();
  private readonly byGVK = new Map<string, ResolvedKind>();

  constructor(groups: GroupRegistration[]) {
    this.groups = groups;
    for (const group of groups) {
      if (this.byGroup.has(group.group)) throw new Error(`API group "${group.group}" is registered twice`);
      this.byGroup.set(group.group, group);
      for (const kind of group.kinds) {
        for (const versioned of kind.versions) {
          this.byGVK.set(gvkKey(group.group, versioned.version, kind.kind), { group, kind, versioned });
        }
      }
    }
  }

  group(name: string): GroupRegistration | undefined {
    return this.byGroup.get(name);
  }

  resolve(gvk: GroupVersionKind): ResolvedKind | undefined {
    return this.byGVK.get(gvkKey(gvk.group, gvk.version, gvk.kind));
  }

  /** apiVersion/kind of a versioned object, checked present and well-formed (400 otherwise). */
  gvkOf(obj: JSONObject): GroupVersionKind {
    const { apiVersion, kind } = obj;
    if (typeof kind !== 'string' || kind === '') throw badRequest(`Object 'Kind' is missing in '${quoteBody(obj)}'`);
    if (typeof apiVersion !== 'string' || apiVersion === '') {
      throw badRequest(`Object 'apiVersion' is missing in '${quoteBody(obj)}'`);
    }
    let gv: GroupVersion;
    try {
      gv = parseApiVersion(apiVersion);
    } catch (err) {
      if (err instanceof ApiVersionSyntaxError) throw badRequest(err.message);
      throw err;
    }
    return { group: gv.group, version: gv.version, kind };
  }

  /** Like resolve, for a versioned object; 400 when its apiVersion/kind is missing or not served. */
  resolveObject(obj: JSONObject): ResolvedKind {
    return this.mustResolve(this.gvkOf(obj));
  }

  private mustResolve(gvk: GroupVersionKind): ResolvedKind {
    const found = this.resolve(gvk);
    if (!found) throw badRequest(`no kind "${gvk.kind}" is registered for version "${formatApiVersion(gvk)}"`);
    return found;
  }

  /** Applies the object's version defaults in place. */
  default(obj: JSONObject): void {
    this.resolveObject(obj).versioned.defaults(obj);
  }

  /** Versioned -> internal (a new object). */
  toInternal(obj: JSONObject): JSONObject {
    return this.resolveObject(obj).versioned.toInternal(obj);
  }

  /** Internal -> the given version (a new object carrying that apiVersion/kind). */
  fromInternal(internal: JSONObject, gvk: GroupVersionKind): JSONObject {
    return this.mustResolve(gvk).versioned.fromInternal(internal);
  }

  /** Versioned -> versioned of the same group and kind, always through internal so hand-written
   * hooks run exactly as they do on the request path. */
  convert(obj: JSONObject, target: GroupVersion): JSONObject {
    const source = this.resolveObject(obj);
    if (target.group !== source.group.group) {
      throw badRequest(
        `cannot convert ${source.kind.kind} from group "${source.group.group}" to group "${target.group}"`,
      );
    }
    const internal = source.versioned.toInternal(obj);
    return this.fromInternal(internal, { group: target.group, version: target.version, kind: source.kind.kind });
  }

  deepCopy(obj: JSONObject): JSONObject {
    return this.resolveObject(obj).versioned.deepCopy(obj);
  }

  /** The version a kind is stored in, with its handlers. */
  storageKind(group: string, kind: string): ResolvedKind | undefined {
    const g = this.byGroup.get(group);
    return g ? this.resolve({ group, version: g.storageVersion, kind }) : undefined;
  }
}
