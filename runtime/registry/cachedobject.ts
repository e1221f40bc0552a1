// One stored object as list and watch hand it out: its stored bytes and revision, decoded to the
// internal form only when first needed, and converted + encoded at most once per API version no
// matter how many lists and watchers ask (kube-apiserver's cachingObject does the same). The
// objects it returns are shared: callers read them and never mutate them.
import type { GroupVersionKind } from '../machinery/gvk.js';
import type { JSONObject } from '../machinery/registration.js';
import type { KeyValue } from '../storage/interface.js';

/** How a resource's stored bytes become objects (the Store's codec and the Scheme). */
export interface ObjectCodec {
  /** Stored value -> a new internal object with metadata.resourceVersion = modRevision. */
  decode(kv: KeyValue): JSONObject;
  /** Internal -> a new object in the given version. */
  toVersion(internal: JSONObject, gvk: GroupVersionKind): JSONObject;
}

interface VersionedForm {
  obj?: JSONObject;
  json?: string;
}

function versionKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}`;
}

export class CachedObject {
  private decoded?: JSONObject;
  /** Usually one or two versions are asked for: a tiny list beats a Map here. */
  private forms: { key: string; form: VersionedForm }[] = [];

  constructor(
    readonly key: string,
    readonly value: Uint8Array,
    readonly modRevision: number,
    private readonly codec: ObjectCodec,
  ) {}

  /** The same stored content reported at another revision (a deletion's resourceVersion). */
  atRevision(revision: number): CachedObject {
    return revision === this.modRevision ? this : new CachedObject(this.key, this.value, revision, this.codec);
  }

  /** A fresh internal object the caller owns. */
  decodeFresh(): JSONObject {
    return this.codec.decode({ key: this.key, value: this.value, createRevision: 0, modRevision: this.modRevision });
  }

  /** The shared internal object (read only). */
  internal(): JSONObject {
    this.decoded ??= this.decodeFresh();
    return this.decoded;
  }

  private form(gvk: GroupVersionKind): VersionedForm {
    const key = versionKey(gvk);
    for (const entry of this.forms) if (entry.key === key) return entry.form;
    const form: VersionedForm = {};
    this.forms.push({ key, form });
    return form;
  }

  /** The shared object in `gvk`'s version (read only). */
  versioned(gvk: GroupVersionKind): JSONObject {
    const form = this.form(gvk);
    form.obj ??= this.codec.toVersion(this.internal(), gvk);
    return form.obj;
  }

  /** Compact JSON of the object in `gvk`'s version, computed once. */
  json(gvk: GroupVersionKind): string {
    const form = this.form(gvk);
    if (form.json === undefined) {
      form.json = JSON.stringify(form.obj ?? this.codec.toVersion(this.internal(), gvk));
    }
    return form.json;
  }
}
