// The JSONPath subset printer columns use (as in a CRD's additionalPrinterColumns): a chain of
// `.field`, `['field.with.dots']`, `[n]`, `[*]` and `.*` steps, evaluated with missing keys
// allowed. Parsed once per column; evaluation returns every value the path reaches.

export type PathStep = { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'all' };

export class JSONPathSyntaxError extends Error {}

/** `.spec.rules[*].host` -> steps. A surrounding `{...}` (kubectl's template form) is accepted. */
export function parseJSONPath(text: string): PathStep[] {
  let src = text.trim();
  if (src.startsWith('{') && src.endsWith('}')) src = src.slice(1, -1).trim();
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new JSONPathSyntaxError(`invalid JSONPath ${JSON.stringify(text)}: ${why}`);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '.') {
      i++;
      if (src[i] === '*') {
        steps.push({ kind: 'all' });
        i++;
        continue;
      }
      const start = i;
      while (i < src.length && src[i] !== '.' && src[i] !== '[') i++;
      if (i === start) {
        // `.` alone is the root; `..` (recursive descent) is not supported.
        if (start === 1 && src.length === 1) break;
        fail('empty field name');
      }
      steps.push({ kind: 'field', name: src.slice(start, i) });
    } else if (c === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) fail('unclosed [');
      const inner = src.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else fail(`unsupported subscript [${inner}]`);
    } else {
      fail(`unexpected ${JSON.stringify(c)}`);
    }
  }
  return steps;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every value `steps` reach in `root`, in document order; missing keys and out-of-range
 * indexes simply reach nothing. */
export function evaluateJSONPath(root: unknown, steps: readonly PathStep[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'field') {
        if (isObject(value) && Object.prototype.hasOwnProperty.call(value, step.name)) next.push(value[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(value)) {
          const at = step.index < 0 ? value.length + step.index : step.index;
          if (at >= 0 && at < value.length) next.push(value[at]);
        }
      } else if (Array.isArray(value)) {
        next.push(...value);
      } else if (isObject(value)) {
        for (const key of Object.keys(value).sort()) next.push(value[key]);
      }
    }
    current = next;
  }
  return current;
}
