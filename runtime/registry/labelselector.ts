// Label selectors as the `labelSelector` query parameter spells them: `a=b,c!=d,e in (x,y),
// f notin (z),g,!h`. Parsing failures are 400s, as in kube-apiserver.
import { badRequest } from '../machinery/errors.js';

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type LabelSelector = (labels: Record<string, string>) => boolean;

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseRequirement(raw: string): Requirement {
  const text = raw.trim();
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(text);
  if (setMatch) {
    const values = setMatch[3].split(',').map((v) => v.trim());
    return { op: setMatch[2] as 'in' | 'notin', key: setMatch[1], values };
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s,]*)$/.exec(text);
  if (cmp) return { op: cmp[2] === '!=' ? 'neq' : 'eq', key: cmp[1], value: cmp[3] };
  const notExists = /^!\s*([^=!\s()]+)$/.exec(text);
  if (notExists) return { op: 'notexists', key: notExists[1] };
  if (/^[^=!\s()]+$/.test(text)) return { op: 'exists', key: text };
  throw badRequest(`unable to parse requirement: ${JSON.stringify(text)}`);
}

function matches(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.op) {
    case 'eq':
      return value === req.value;
    case 'neq':
      return value !== req.value;
    case 'in':
      return has && req.values.includes(value as string);
    case 'notin':
      return !has || !req.values.includes(value as string);
    case 'exists':
      return has;
    case 'notexists':
      return !has;
  }
}

/** Parses a selector; an absent or empty one selects everything. */
export function parseLabelSelector(text: string | undefined | null): LabelSelector {
  if (text === undefined || text === null || text.trim() === '') return () => true;
  const reqs = splitTopLevel(text).map(parseRequirement);
  return (labels) => reqs.every((r) => matches(r, labels));
}
