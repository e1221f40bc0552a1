// Small, generic object helpers that generated code (deepcopy, conversion, defaults) imports.
// They know no concrete kind. Every helper that writes an object key goes through `setOwn`, so a
// key such as `__proto__` (legal in JSON, and created as an own property by JSON.parse) becomes an
// own data property instead of changing the copy's prototype.

/** True for a JSON object (not null, not an array). */
export function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `obj[key] = value` as an own enumerable property, whatever the key. */
export function setOwn(obj: { [key: string]: unknown }, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** Copies a map whose values are immutable (strings, numbers, booleans). */
export function copyScalarMap<T>(src: Record<string, T>): Record<string, T> {
  const dst: Record<string, T> = {};
  const keys = Object.keys(src);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === '__proto__') setOwn(dst, key, src[key]);
    else dst[key] = src[key]!;
  }
  return dst;
}

/** Copies a map, turning each value with `copyValue` (a deep copy or a conversion). */
export function copyMap<S, D>(src: Record<string, S>, copyValue: (value: S) => D): Record<string, D> {
  const dst: Record<string, D> = {};
  const keys = Object.keys(src);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = copyValue(src[key]!);
    if (key === '__proto__') setOwn(dst, key, value);
    else dst[key] = value;
  }
  return dst;
}

/** Deep copy of any JSON value (fields typed `unknown` in api-defs). */
export function deepCopyJSON<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(deepCopyJSON(value[i]));
    return out as T;
  }
  const src = value as { [key: string]: unknown };
  const out: { [key: string]: unknown } = {};
  const keys = Object.keys(src);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    setOwn(out, key, deepCopyJSON(src[key]));
  }
  return out as T;
}

const hasOwnKey = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** Structural equality of two JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bl = b as unknown[];
    return a.length === bl.length && a.every((v, i) => jsonEqual(v, bl[i]));
  }
  const ao = a as { [key: string]: unknown };
  const bo = b as { [key: string]: unknown };
  const ak = Object.keys(ao);
  return ak.length === Object.keys(bo).length && ak.every((k) => hasOwnKey(bo, k) && jsonEqual(ao[k], bo[k]));
}
