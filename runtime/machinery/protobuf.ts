// Protobuf wire format reading for the generated decoders (generated/<group>/<version>/protobuf.ts):
// a cursor over one message's bytes that yields (field number, wire type) pairs and reads the
// value at the cursor as the JSON value Kubernetes' types give it. Kubernetes' protobuf messages
// are proto2 as written by gogo-protobuf: never packed, every map a repeated {key=1, value=2}
// entry. Any malformed input throws a ProtobufError; nothing here trusts a length or a count.
import { scanJson } from './json-scan.js';
import type { JSONObject } from './registration.js';

/** Messages nested deeper than this are refused (Kubernetes' types nest a dozen levels at most). */
export const MAX_PROTOBUF_DEPTH = 100;
/** Depth limit of the JSON inside a message's raw-JSON field (FieldsV1, RawExtension). */
const MAX_JSON_DEPTH = 100;

/** Wire types of the protobuf encoding. */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7'];

/** Seconds of Go's zero time (0001-01-01T00:00:00Z): Kubernetes serializes it as null. */
const ZERO_TIME_SECONDS = -62135596800;
/** Largest Unix second of year 9999 (RFC 3339 has four-digit years). */
const MAX_TIME_SECONDS = 253402300799;

/** Malformed protobuf input: the caller turns it into a 400. */
export class ProtobufError extends Error {}

/** A generated decoder of one message type. */
export type MessageDecoder = (bytes: Uint8Array, depth?: number) => JSONObject;

const utf8 = new TextDecoder('utf-8');

export class ProtoReader {
  /** Field number of the value at the cursor (after `next()`). */
  field = 0;
  /** Wire type of the value at the cursor. */
  wire = 0;
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    /** How many messages enclose this one. */
    readonly depth = 0,
  ) {
    if (depth > MAX_PROTOBUF_DEPTH) throw new ProtobufError(`messages are nested more than ${MAX_PROTOBUF_DEPTH} deep`);
  }

  /** Reads the next field's tag; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.buf.length) return false;
    const { lo, hi } = this.varint();
    if (hi !== 0) throw new ProtobufError(`field tag out of range at offset ${this.pos}`);
    this.field = lo >>> 3;
    this.wire = lo & 7;
    if (this.field === 0) throw new ProtobufError(`field number 0 at offset ${this.pos}`);
    if (this.wire > WIRE_FIXED32) throw new ProtobufError(`unknown wire type ${this.wire} for field ${this.field}`);
    if (this.wire === WIRE_END_GROUP) throw new ProtobufError(`unexpected end-group for field ${this.field}`);
    return true;
  }

  /** Skips the value at the cursor (an unknown field). */
  skip(): void {
    switch (this.wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.take(8);
        return;
      case WIRE_BYTES:
        this.take(this.length());
        return;
      case WIRE_FIXED32:
        this.take(4);
        return;
      case WIRE_START_GROUP:
        this.skipGroup();
        return;
      default:
        throw new ProtobufError(`cannot skip wire type ${this.wire}`);
    }
  }

  string(): string {
    return utf8.decode(this.rawBytes());
  }

  /** A `bytes` field as JSON has it: standard base64. */
  bytes(): string {
    return Buffer.from(this.rawBytes()).toString('base64');
  }

  bool(): boolean {
    this.expect(WIRE_VARINT);
    const { lo, hi } = this.varint();
    return lo !== 0 || hi !== 0;
  }

  int32(): number {
    this.expect(WIRE_VARINT);
    return this.varint().lo | 0;
  }

  /** An int64 as a JS number (exact up to 2^53, like any JSON number kapi handles). */
  int64(): number {
    this.expect(WIRE_VARINT);
    const { lo, hi } = this.varint();
    return (hi | 0) * 0x100000000 + lo;
  }

  /** A float field: `double` (fixed64) or `float` (fixed32). */
  double(): number {
    if (this.wire === WIRE_FIXED32) return this.view(4).getFloat32(0, true);
    this.expect(WIRE_FIXED64);
    return this.view(8).getFloat64(0, true);
  }

  /** A nested message, decoded by its generated decoder. */
  message(decode: MessageDecoder): JSONObject {
    return decode(this.rawBytes(), this.depth + 1);
  }

  /** A reader over the nested message at the cursor (for embedded structs JSON inlines). */
  embedded(): ProtoReader {
    return new ProtoReader(this.rawBytes(), this.depth + 1);
  }

  /**
   * IntOrString ({type=1 varint, intVal=2, strVal=3}) or Quantity ({string=1}): both are JSON
   * `number | string` in kapi. Field 1's wire type tells them apart.
   */
  intOrString(): number | string {
    const r = this.embedded();
    let type = 0;
    let intVal = 0;
    let strVal = '';
    let quantity: string | undefined;
    while (r.next()) {
      if (r.field === 1 && r.wire === WIRE_BYTES) quantity = r.string();
      else if (r.field === 1) type = r.int64();
      else if (r.field === 2) intVal = r.int32();
      else if (r.field === 3) strVal = r.string();
      else r.skip();
    }
    if (quantity !== undefined) return quantity;
    return type === 1 ? strVal : intVal;
  }

  /** A meta/v1 Time ({seconds=1, nanos=2}) as an RFC 3339 string in UTC, whole seconds (as
   * Kubernetes keeps it); undefined for the zero time, which JSON writes as null. */
  time(): string | undefined {
    const r = this.embedded();
    let seconds: number | undefined;
    while (r.next()) {
      if (r.field === 1) seconds = r.int64();
      else r.skip(); // nanos are dropped: Time has second precision
    }
    if (seconds === undefined || seconds === ZERO_TIME_SECONDS) return undefined;
    if (seconds < ZERO_TIME_SECONDS || seconds > MAX_TIME_SECONDS) {
      throw new ProtobufError(`time ${seconds} seconds is out of range`);
    }
    return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** A message whose field 1 holds raw JSON bytes (FieldsV1, RawExtension); undefined when empty. */
  json(): unknown {
    const r = this.embedded();
    let raw: Uint8Array | undefined;
    while (r.next()) {
      if (r.field === 1) raw = r.rawBytes();
      else r.skip();
    }
    if (raw === undefined || raw.length === 0) return undefined;
    const text = utf8.decode(raw);
    if (scanJson(text, MAX_JSON_DEPTH).maxDepth > MAX_JSON_DEPTH) {
      throw new ProtobufError(`embedded JSON exceeds the maximum nesting depth of ${MAX_JSON_DEPTH}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new ProtobufError(`embedded JSON is not valid: ${(err as Error).message}`);
    }
  }

  /** One entry of a map field: the {key=1, value=2} message; absent parts take `zero`'s values. */
  entry<K, V>(key: (r: ProtoReader) => K, value: (r: ProtoReader) => V, zeroKey: K, zeroValue: V): [K, V] {
    const r = this.embedded();
    let k = zeroKey;
    let v = zeroValue;
    while (r.next()) {
      if (r.field === 1) k = key(r);
      else if (r.field === 2) v = value(r);
      else r.skip();
    }
    return [k, v];
  }

  // ---- low level --------------------------------------------------------------------------

  private expect(wire: number): void {
    if (this.wire !== wire) {
      throw new ProtobufError(`field ${this.field} has wire type ${WIRE_NAMES[this.wire]}, expected ${WIRE_NAMES[wire]}`);
    }
  }

  /** A length-delimited value's bytes, undecoded. */
  rawBytes(): Uint8Array {
    this.expect(WIRE_BYTES);
    return this.take(this.length());
  }

  private length(): number {
    const { lo, hi } = this.varint();
    const remaining = this.buf.length - this.pos;
    if (hi !== 0 || lo > remaining) {
      throw new ProtobufError(`length of field ${this.field} exceeds the ${remaining} bytes left`);
    }
    return lo;
  }

  private take(n: number): Uint8Array {
    if (n > this.buf.length - this.pos) throw new ProtobufError(`field ${this.field} is truncated`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private view(n: number): DataView {
    const bytes = this.take(n);
    return new DataView(bytes.buffer, bytes.byteOffset, n);
  }

  /** A base-128 varint of up to 10 bytes, as its low and high 32 bits (unsigned). */
  private varint(): { lo: number; hi: number } {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new ProtobufError('truncated varint');
      const b = this.buf[this.pos++]!;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) return { lo: lo >>> 0, hi: hi >>> 0 };
    }
    throw new ProtobufError('varint longer than 10 bytes');
  }

  /** Skips a (deprecated) group up to its matching end-group tag, without recursion. */
  private skipGroup(): void {
    let open = 1;
    while (open > 0) {
      if (this.pos >= this.buf.length) throw new ProtobufError('unterminated group');
      const { lo, hi } = this.varint();
      if (hi !== 0) throw new ProtobufError('field tag out of range');
      const wire = lo & 7;
      if (wire === WIRE_START_GROUP) open++;
      else if (wire === WIRE_END_GROUP) open--;
      else {
        this.wire = wire;
        this.skip();
      }
    }
  }
}

// ---- setting decoded values on the JSON object (used by the generated decoders) ------------

function isZero(value: unknown): boolean {
  return value === undefined || value === '' || value === 0 || value === false;
}

/**
 * An optional scalar: gogo-protobuf writes every non-pointer field, zero values included, and
 * Kubernetes' JSON omits them (omitempty), so a zero value means "absent" here too.
 */
export function setOptional(out: JSONObject, name: string, value: unknown): void {
  if (isZero(value)) delete out[name];
  else defineOwn(out, name, value);
}

/** Appends one element of a repeated field. */
export function pushItem(out: JSONObject, name: string, value: unknown): void {
  const list = out[name];
  if (Array.isArray(list)) list.push(value);
  else defineOwn(out, name, [value]);
}

/** Adds one entry of a map field (a later duplicate key wins, as in protobuf). */
export function setMapEntry(out: JSONObject, name: string, [key, value]: [string, unknown]): void {
  let map = out[name];
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    map = {};
    defineOwn(out, name, map);
  }
  defineOwn(map as JSONObject, key, value);
}

/** Keys come from the client: `__proto__` must become an ordinary own property. */
function defineOwn(obj: JSONObject, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
