// Field selectors as the `fieldSelector` query parameter spells them: `metadata.name=a,spec.color!=red`.
// Terms are ANDed; operators `=`, `==`, `!=`; `\,`, `\=` and `\\` escape a value. Every kind
// supports metadata.name and metadata.namespace, plus the fields its version declares with
// `@selectableField`. Syntax and messages follow apimachinery's fields package and the field
// label conversion of kube-apiserver, so a bad selector is the same 400 it would be there.
import { badRequest } from '../machinery/errors.js';
import type { JSONObject } from '../machinery/registration.js';
import { isObject } from '../machinery/objects.js';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  /** The field as the selector names it: `metadata.name`, `spec.color`. */
  field: string;
  operator: FieldOperator;
  value: string;
}

export interface FieldSelector {
  readonly empty: boolean;
  readonly requirements: readonly FieldRequirement[];
  /** True when every field is metadata.name / metadata.namespace (same in every version). */
  readonly metadataOnly: boolean;
  /** Evaluated on a versioned object; an absent field reads as "". */
  matches(obj: JSONObject): boolean;
}

/** The fields every kind can be selected by. */
export const METADATA_FIELDS: readonly string[] = ['metadata.name', 'metadata.namespace'];
const TERM_OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

/** Splits on commas that are not escaped with a backslash. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escaped) escaped = false;
    else if (ch === '\\') escaped = true;
    else if (ch === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The leftmost operator splits the term (kube does not look at escapes here). */
function splitTerm(term: string): { field: string; operator: FieldOperator; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of TERM_OPERATORS) {
      if (term.startsWith(operator, i)) return { field: term.slice(0, i), operator, rhs: term.slice(i + operator.length) };
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') throw badRequest(`invalid field selector: invalid escape sequence: \\${ch}`);
      out += ch;
      escaped = false;
    } else if (ch === '\\') escaped = true;
    else if (ch === ',' || ch === '=') throw badRequest(`invalid field selector: unescaped character in value: ${ch}`);
    else out += ch;
  }
  if (escaped) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** kube-apiserver's wording: kinds with their own field selectors name the label, the others list the two metadata fields. */
function unsupportedField(field: string, selectableFields: readonly string[]): string {
  if (selectableFields.length > 0) return `field label not supported: ${field}`;
  return `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/** The field's value as a selector compares it: strings as they are, numbers and booleans printed, absent as "". */
export function fieldValue(obj: JSONObject, field: string): string {
  let cur: unknown = obj;
  for (const step of field.split('.')) {
    if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, step)) return '';
    cur = cur[step];
  }
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return '';
}

const EVERYTHING: FieldSelector = { empty: true, requirements: [], metadataOnly: true, matches: () => true };

/**
 * Parses a field selector for a kind whose version declares `selectableFields` (written without
 * the leading dot). Absent or empty selects everything; bad syntax or an unknown field -> 400.
 */
export function parseFieldSelector(text: string | undefined | null, selectableFields: readonly string[]): FieldSelector {
  if (text === undefined || text === null || text === '') return EVERYTHING;
  const parts = splitTerms(text).sort();
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (!term) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    requirements.push({ field: term.field, operator: term.operator, value: unescapeValue(term.rhs) });
  }
  for (const { field } of requirements) {
    if (!METADATA_FIELDS.includes(field) && !selectableFields.includes(field)) {
      throw badRequest(unsupportedField(field, selectableFields));
    }
  }
  if (requirements.length === 0) return EVERYTHING;
  return {
    empty: false,
    requirements,
    metadataOnly: requirements.every((r) => METADATA_FIELDS.includes(r.field)),
    matches: (obj) => requirements.every((r) => (fieldValue(obj, r.field) === r.value) !== (r.operator === '!=')),
  };
}
