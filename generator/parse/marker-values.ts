// Small parsers for marker values, shared by field and kind markers.
import type { TypeRef } from '../model.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const COUNT = /^\d+$/;
const BARE_WORD = /^[A-Za-z_][\w.-]*$/;

export function parseNumber(value: string): number | undefined {
  return NUMBER.test(value) ? Number(value) : undefined;
}

/** A non-negative integer. */
export function parseCount(value: string): number | undefined {
  return COUNT.test(value) ? Number(value) : undefined;
}

/** `a,b, c` -> ['a','b','c']; undefined when an item is empty. */
export function parseList(value: string): string[] | undefined {
  const items = value.split(',').map((s) => s.trim());
  return items.length === 0 || items.some((s) => s === '') ? undefined : items;
}

/** `@default` values are JSON; a bare word such as `Always` is taken as that string. */
export function parseDefault(value: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return BARE_WORD.test(value) ? { ok: true, value } : { ok: false };
  }
}

/** `key=value key="quoted value" key='x'` -> entries, or the offending text. */
export function parseKeyValues(text: string): { ok: true; entries: [string, string][] } | { ok: false; at: string } {
  const entries: [string, string][] = [];
  const pattern = /\s*([A-Za-z][\w]*)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+))\s*/y;
  let index = 0;
  const input = text.trim();
  while (index < input.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(input);
    if (!match) return { ok: false, at: input.slice(index) };
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? match[4]);
    entries.push([match[1], value]);
    index = pattern.lastIndex;
  }
  return { ok: true, entries };
}

/** "string", "integer", "array", "object WidgetSpec"... for messages. */
export function describeType(type: TypeRef): string {
  switch (type.kind) {
    case 'intOrString':
      return 'int-or-string';
    case 'json':
      return 'unknown (any JSON)';
    case 'enum':
      return 'enum (string literals)';
    case 'ref':
      return `object ${type.name}`;
    default:
      return type.kind;
  }
}
