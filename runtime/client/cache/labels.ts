// Label selectors on the client side (listers filter the cache without the server): the
// Kubernetes string syntax `a=b,c!=d,e in (x,y),f notin (z),g,!h` and matchLabels/matchExpressions.
export type LabelOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export class LabelSelector {
  constructor(readonly requirements: LabelRequirement[]) {}

  static everything(): LabelSelector {
    return new LabelSelector([]);
  }

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Record<string, string> | undefined): boolean {
    const ls = labels ?? {};
    return this.requirements.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(ls, r.key);
      const v = ls[r.key];
      switch (r.operator) {
        case 'In':
          return has && r.values.includes(v!);
        case 'NotIn':
          return !has || !r.values.includes(v!);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        case 'Gt':
        case 'Lt': {
          if (!has || !/^-?\d+$/.test(v!)) return false;
          const n = Number(v);
          const bound = Number(r.values[0]);
          return r.operator === 'Gt' ? n > bound : n < bound;
        }
      }
    });
  }

  toString(): string {
    return this.requirements
      .map((r) => {
        switch (r.operator) {
          case 'Exists':
            return r.key;
          case 'DoesNotExist':
            return `!${r.key}`;
          case 'Gt':
            return `${r.key}>${r.values[0]}`;
          case 'Lt':
            return `${r.key}<${r.values[0]}`;
          default:
            if (r.values.length === 1) return `${r.key}${r.operator === 'In' ? '=' : '!='}${r.values[0]}`;
            return `${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`;
        }
      })
      .join(',');
  }
}

const KEY_RE = /^([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function checkKey(key: string, text: string): string {
  if (!KEY_RE.test(key)) throw new Error(`invalid label selector ${JSON.stringify(text)}: invalid label key ${JSON.stringify(key)}`);
  return key;
}

function checkValue(value: string, text: string): string {
  if (value.length > 63 || !VALUE_RE.test(value)) {
    throw new Error(`invalid label selector ${JSON.stringify(text)}: invalid label value ${JSON.stringify(value)}`);
  }
  return value;
}

/** Splits on commas that are not inside a `( ... )` value set. */
function splitTerms(text: string): string[] {
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
  return out.map((t) => t.trim());
}

export function parseLabelSelector(text: string): LabelSelector {
  const trimmed = text.trim();
  if (trimmed === '') return LabelSelector.everything();
  const reqs: LabelRequirement[] = [];
  for (const term of splitTerms(trimmed)) {
    if (term === '') throw new Error(`invalid label selector ${JSON.stringify(text)}: empty term`);
    let m = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m) {
      const values = m[3]!.split(',').map((v) => checkValue(v.trim(), text));
      reqs.push({ key: checkKey(m[1]!, text), operator: m[2] === 'in' ? 'In' : 'NotIn', values });
      continue;
    }
    m = /^([^\s!=<>()]+)\s*(==|=|!=|>|<)\s*([^\s,()]*)$/.exec(term);
    if (m) {
      const op = m[2]!;
      const key = checkKey(m[1]!, text);
      if (op === '>' || op === '<') {
        if (!/^-?\d+$/.test(m[3]!)) throw new Error(`invalid label selector ${JSON.stringify(text)}: ${op} needs an integer`);
        reqs.push({ key, operator: op === '>' ? 'Gt' : 'Lt', values: [m[3]!] });
      } else {
        reqs.push({ key, operator: op === '!=' ? 'NotIn' : 'In', values: [checkValue(m[3]!, text)] });
      }
      continue;
    }
    m = /^(!?)\s*([^\s!=<>()]+)$/.exec(term);
    if (m) {
      reqs.push({ key: checkKey(m[2]!, text), operator: m[1] === '!' ? 'DoesNotExist' : 'Exists', values: [] });
      continue;
    }
    throw new Error(`invalid label selector ${JSON.stringify(text)}: cannot parse ${JSON.stringify(term)}`);
  }
  return new LabelSelector(reqs);
}

export function selectorFromObject(sel: LabelSelectorObject): LabelSelector {
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: 'In', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) throw new Error(`invalid label selector operator ${e.operator}`);
    reqs.push({ key: e.key, operator: e.operator as LabelOperator, values: e.values ?? [] });
  }
  return new LabelSelector(reqs);
}

/** Accepts a selector string, a selector object, a ready LabelSelector, or nothing (everything). */
export function toLabelSelector(sel?: string | LabelSelector | LabelSelectorObject): LabelSelector {
  if (sel === undefined) return LabelSelector.everything();
  if (typeof sel === 'string') return parseLabelSelector(sel);
  if (sel instanceof LabelSelector) return sel;
  return selectorFromObject(sel);
}
