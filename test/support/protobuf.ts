// A tiny protobuf writer for tests: builds wire-format bytes field by field, the way
// gogo-protobuf lays out Kubernetes' messages, plus the `k8s\0` envelope around them.

export type Bytes = Uint8Array;

export function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

export function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function tag(field: number, wire: number): Bytes {
  return varint((field << 3) | wire);
}

/** A varint field (int32, int64, bool, enum). */
export function num(field: number, value: number | bigint | boolean): Bytes {
  return concat(tag(field, 0), varint(typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

/** A length-delimited field (string, bytes, message). */
export function len(field: number, payload: Bytes | string): Bytes {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return concat(tag(field, 2), varint(bytes.length), bytes);
}

/** A message field built from its own fields. */
export function msg(field: number, ...fields: Bytes[]): Bytes {
  return len(field, concat(...fields));
}

/** One map entry (a repeated {key=1, value=2} message). */
export function entry(field: number, key: string, value: Bytes | string): Bytes {
  return msg(field, len(1, key), len(2, value));
}

export function fixed64(field: number, value: number): Bytes {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, value, true);
  return concat(tag(field, 1), b);
}

export function fixed32(field: number, value: number): Bytes {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, value, true);
  return concat(tag(field, 5), b);
}

/** Kubernetes' envelope: magic, then runtime.Unknown {typeMeta=1, raw=2, contentEncoding=3, contentType=4}. */
export function envelope(apiVersion: string, kind: string, raw: Bytes, extra: Bytes = new Uint8Array(0)): Bytes {
  return concat(Uint8Array.from([0x6b, 0x38, 0x73, 0x00]), msg(1, len(1, apiVersion), len(2, kind)), len(2, raw), extra);
}
