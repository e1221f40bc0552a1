// One cell of a printer column: the values its JSONPath reached, turned into what the column's
// type promises (as kube-apiserver's CRD table convertor does). A value of the wrong type, or no
// value at all, is a null cell (kubectl prints it empty).
import { ageOf } from './duration.js';

export type Cell = string | number | boolean | null;

/** Go's json.Marshal form of a nested value: object keys sorted. */
function goJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJSON).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJSON(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** How a string column prints one value: text as is, numbers and booleans as text, nested
 * values as compact JSON. */
export function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return goJSON(value);
}

/** The cell for `values` (everything the column's path reached) under column type `type`. */
export function cellFor(type: string, values: readonly unknown[], now: number): Cell {
  if (values.length === 0) return null;
  if (type === 'string') {
    // A wildcard path (`.spec.rules[*].host`) lists every value, comma-separated, as the
    // built-in printers of Ingress and Service do.
    const parts = values.map(textOf).filter((t): t is string => t !== undefined);
    return parts.length === 0 ? null : parts.join(',');
  }
  const value = values[0];
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? ageOf(value, now) : null;
    default:
      return null;
  }
}
