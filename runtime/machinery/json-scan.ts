// Cheap structural checks on JSON text that JSON.parse cannot do for us: nesting depth (checked
// before parsing, so hostile bodies are refused without building them) and duplicate object keys
// (JSON.parse silently keeps the last one). The common case, no duplicates, costs one character
// scan plus one count of the parsed tree's keys; paths are only computed when the counts differ.

export interface JsonScan {
  /** Deepest `{`/`[` nesting seen, stopping early once `limit` is passed. */
  maxDepth: number;
  /** Object members in the text (every `:` outside strings). */
  members: number;
}

/** Index of the quote closing the string whose opening quote is at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let j = q - 1; j > start && text.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 0) return q;
    i = q + 1;
  }
}

export function scanJson(text: string, limit: number): JsonScan {
  let depth = 0;
  let maxDepth = 0;
  let members = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > maxDepth) {
        maxDepth = depth;
        if (maxDepth > limit) break;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    } else if (c === 58 /* : */) {
      members++;
    }
  }
  return { maxDepth, members };
}

/** Number of own keys in every object of a parsed JSON tree (iterative: depth is already bounded,
 * but no recursion keeps stack use flat). */
export function countKeys(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item);
    } else {
      const rec = v as Record<string, unknown>;
      for (const k of Object.keys(rec)) {
        count++;
        const child = rec[k];
        if (child !== null && typeof child === 'object') stack.push(child);
      }
    }
  }
  return count;
}

type Frame =
  | { kind: 'object'; path: string; keys: Set<string>; expectKey: boolean; key: string }
  | { kind: 'array'; path: string; index: number };

function childPath(frame: Frame | undefined): string {
  if (!frame) return '';
  if (frame.kind === 'array') return `${frame.path}[${frame.index}]`;
  return frame.path === '' ? frame.key : `${frame.path}.${frame.key}`;
}

/** Paths (`metadata.name`, `spec.rules[0].host`) of keys that repeat within one object.
 * Expects text that JSON.parse accepted. */
export function duplicateJsonPaths(text: string): string[] {
  const found: string[] = [];
  const stack: Frame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 123 /* { */) {
      stack.push({ kind: 'object', path: childPath(top), keys: new Set(), expectKey: true, key: '' });
    } else if (c === 91 /* [ */) {
      stack.push({ kind: 'array', path: childPath(top), index: 0 });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      if (top?.kind === 'array') top.index++;
      else if (top?.kind === 'object') top.expectKey = true;
    } else if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        top.key = key;
        top.expectKey = false;
        if (top.keys.has(key)) found.push(top.path === '' ? key : `${top.path}.${key}`);
        else top.keys.add(key);
      }
      i = end;
    }
  }
  return found;
}
