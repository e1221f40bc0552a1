// Byte layout of the LevelDB backend: which keys hold what, and how values are framed.
//
// User keys are stored as their UTF-8 bytes, unchanged. Every internal key starts with 0x00, a
// byte user keys may not start with, so internal keys sort before all user data and no user
// prefix can reach them. Values are framed in binary (no JSON) so reads slice, never parse.

import type { KeyValue, StorageEvent } from './interface.js';

/** First byte of every internal key. */
export const INTERNAL_KEY_BYTE = 0x00;
/** Holds the last committed revision; rewritten in every write batch. */
export const META_REVISION_KEY = Buffer.from('\x00meta/revision', 'latin1');
/** Holds the compacted revision (see HistoryStorage.compactedRevision). */
export const META_COMPACTED_KEY = Buffer.from('\x00meta/compacted', 'latin1');
/** History log entries: prefix + 16-digit zero-padded revision. */
export const EVENT_KEY_PREFIX = '\x00rev/';
const EVENT_KEY_DIGITS = 16;

/** The smallest key any user key can have: everything at or above it is user data. */
export const FIRST_USER_KEY = Buffer.from([0x01]);

export function userKeyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/**
 * The exclusive upper bound of all keys starting with `prefix`: 0xFF never occurs in UTF-8, so
 * prefix + 0xFF is greater than every UTF-8 key with that prefix and less than every other key
 * that sorts after them.
 */
export function prefixUpperBound(prefix: Buffer): Buffer {
  const bound = Buffer.allocUnsafe(prefix.length + 1);
  prefix.copy(bound);
  bound[prefix.length] = 0xff;
  return bound;
}

export function eventKey(revision: number): Buffer {
  return Buffer.from(EVENT_KEY_PREFIX + String(revision).padStart(EVENT_KEY_DIGITS, '0'), 'latin1');
}

export function revisionOfEventKey(key: Buffer): number {
  return Number(key.toString('latin1', EVENT_KEY_PREFIX.length));
}

export const EVENT_LOG_END = prefixUpperBound(Buffer.from(EVENT_KEY_PREFIX, 'latin1'));

// ---- revision counters ----

export function encodeRevision(revision: number): Buffer {
  const buf = Buffer.allocUnsafe(8);
  buf.writeDoubleBE(revision, 0);
  return buf;
}

export function decodeRevision(buf: Uint8Array | undefined): number {
  if (buf === undefined) return 0;
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).readDoubleBE(0);
}

// ---- data values: [createRevision f64][modRevision f64][value bytes] ----

const DATA_HEADER = 16;

export function encodeData(createRevision: number, modRevision: number, value: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(DATA_HEADER + value.byteLength);
  buf.writeDoubleBE(createRevision, 0);
  buf.writeDoubleBE(modRevision, 8);
  buf.set(value, DATA_HEADER);
  return buf;
}

export function decodeData(key: string, buf: Buffer): KeyValue {
  return {
    key,
    value: buf.subarray(DATA_HEADER),
    createRevision: buf.readDoubleBE(0),
    modRevision: buf.readDoubleBE(8),
  };
}

// ---- history events: [type u8][keyLen u32][key][valueLen u32][value][prevLen u32][prev] ----
// prevLen 0xFFFFFFFF means "no prevValue" (ADDED); DELETED stores the value once, since its
// value and prevValue are the same bytes.

const EVENT_TYPES = ['ADDED', 'MODIFIED', 'DELETED'] as const;
const NO_PREV = 0xffffffff;

export function encodeEvent(type: StorageEvent['type'], key: Buffer, value: Uint8Array, prevValue?: Uint8Array): Buffer {
  const prev = type === 'MODIFIED' ? prevValue : undefined;
  const size = 1 + 4 + key.length + 4 + value.byteLength + 4 + (prev?.byteLength ?? 0);
  const buf = Buffer.allocUnsafe(size);
  let at = buf.writeUInt8(EVENT_TYPES.indexOf(type), 0);
  at = buf.writeUInt32BE(key.length, at);
  at += key.copy(buf, at);
  at = buf.writeUInt32BE(value.byteLength, at);
  buf.set(value, at);
  at += value.byteLength;
  if (prev === undefined) {
    buf.writeUInt32BE(NO_PREV, at);
  } else {
    at = buf.writeUInt32BE(prev.byteLength, at);
    buf.set(prev, at);
  }
  return buf;
}

export function decodeEvent(revision: number, buf: Buffer): StorageEvent {
  const type = EVENT_TYPES[buf.readUInt8(0)];
  if (type === undefined) throw new Error(`corrupt history entry at revision ${revision}`);
  let at = 1;
  const keyLen = buf.readUInt32BE(at);
  at += 4;
  const key = buf.toString('utf8', at, at + keyLen);
  at += keyLen;
  const valueLen = buf.readUInt32BE(at);
  at += 4;
  const value = buf.subarray(at, at + valueLen);
  at += valueLen;
  const prevLen = buf.readUInt32BE(at);
  at += 4;
  const event: StorageEvent = { type, key, value, revision };
  if (type === 'DELETED') event.prevValue = value;
  else if (prevLen !== NO_PREV) event.prevValue = buf.subarray(at, at + prevLen);
  return event;
}
