// How the registry turns internal objects into stored bytes and back: internal -> the group's
// storage version -> compact JSON, and stored JSON -> defaults of its version -> internal, with
// metadata.resourceVersion taken from the storage revision (it is never stored in the bytes).
import type { GroupRegistration, JSONObject, KindRegistration } from '../machinery/registration.js';
import type { KeyValue } from '../storage/interface.js';
import type { Scheme } from '../machinery/scheme.js';
import { decodeFromStorage, encodeForStorage } from '../machinery/serializer.js';
import { metadataOf } from './strategy.js';

export class StorageCodec {
  constructor(
    private readonly scheme: Scheme,
    private readonly group: GroupRegistration,
    private readonly kind: KindRegistration,
  ) {}

  encode(internal: JSONObject): Uint8Array {
    // Conversion builds a new object (it shares nothing with its input), so the resourceVersion
    // is dropped from that, not from a copy made first.
    const versioned = this.scheme.fromInternal(internal, {
      group: this.group.group,
      version: this.group.storageVersion,
      kind: this.kind.kind,
    });
    delete metadataOf(versioned).resourceVersion;
    return encodeForStorage(versioned);
  }

  decode(kv: KeyValue): JSONObject {
    const versioned = decodeFromStorage(kv.value);
    // Defaults apply on read too, so fields added to a version later get their default values.
    this.scheme.default(versioned);
    const internal = this.scheme.toInternal(versioned);
    metadataOf(internal).resourceVersion = String(kv.modRevision);
    return internal;
  }
}

/** `/registry/<group or core>/<plural>/` */
export function resourcePrefix(group: string, plural: string): string {
  return `/registry/${group === '' ? 'core' : group}/${plural}/`;
}

/** The key of one object: `<prefix><namespace>/<name>` or `<prefix><name>` (cluster-scoped). */
export function objectKey(prefix: string, namespace: string, name: string): string {
  return namespace === '' ? `${prefix}${name}` : `${prefix}${namespace}/${name}`;
}
