// Runs a computed cell's expression (expression.ts) on one object. Every expression gives a list
// of values, as a JSONPath does; the column's type then turns the list into the cell (cells.ts).
// "Empty" is Go's zero value, which the built-in printers test for: absent, null, "", 0, false,
// and an empty list or map.
import { textOf } from './cells.js';
import type { CellExpression } from './expression.js';
import { evaluateJSONPath } from './jsonpath.js';

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function nonEmpty(values: readonly unknown[]): unknown[] {
  return values.filter((v) => !isEmptyValue(v));
}

/** A map counts its keys, a list its items, an absent value nothing, any other value one. */
function sizeOf(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object') return Object.keys(value).length;
  return 1;
}

function join(texts: string[], sep: string, max: number | undefined): string {
  if (max === undefined || texts.length <= max) return texts.join(sep);
  return `${texts.slice(0, max).join(sep)} + ${texts.length - max} more...`;
}

/** The values `expr` gives on `root` (the object), with `item` the value `each` is at. */
export function evaluateCell(expr: CellExpression, root: unknown, item: unknown = undefined): unknown[] {
  switch (expr.kind) {
    case 'literal':
      return [expr.value];
    case 'path':
      return evaluateJSONPath(expr.relative ? item : root, expr.steps);
    case 'call':
      break;
  }
  const args = expr.args;
  const arg = (i: number): unknown[] => evaluateCell(args[i]!, root, item);
  switch (expr.name) {
    case 'count': {
      let total = 0;
      for (let i = 0; i < args.length; i++) for (const v of arg(i)) total += sizeOf(v);
      return [total];
    }
    case 'join': {
      const texts: string[] = [];
      for (let i = 0; i < args.length; i++) {
        for (const v of nonEmpty(arg(i))) {
          const t = textOf(v);
          if (t !== undefined) texts.push(t);
        }
      }
      if (texts.length === 0) return [];
      const sep = typeof expr.options['sep'] === 'string' ? expr.options['sep'] : ',';
      const max = typeof expr.options['max'] === 'number' ? expr.options['max'] : undefined;
      return [join(texts, sep, max)];
    }
    case 'or':
      for (let i = 0; i < args.length; i++) {
        const values = nonEmpty(arg(i));
        if (values.length > 0) return values;
      }
      return [];
    case 'ifNonEmpty':
      if (nonEmpty(arg(0)).length > 0) return arg(1);
      return args.length > 2 ? arg(2) : [];
    case 'unique': {
      const byText = new Map<string, unknown>();
      for (let i = 0; i < args.length; i++) {
        for (const v of arg(i)) {
          const t = textOf(v);
          if (t !== undefined && !byText.has(t)) byText.set(t, v);
        }
      }
      return [...byText.keys()].sort().map((t) => byText.get(t));
    }
    case 'each': {
      const out: unknown[] = [];
      for (const v of arg(0)) out.push(...evaluateCell(args[1]!, root, v));
      return out;
    }
    case 'lower':
      return arg(0).map((v) => (typeof v === 'string' ? v.toLowerCase() : v));
  }
}
