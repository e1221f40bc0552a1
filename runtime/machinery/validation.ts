// Generic validation helpers that generated validation code imports: FieldError constructors,
// JSON type checks, marker checks (worded like a CRD's OpenAPI validation) and Kubernetes'
// ObjectMeta rules (names, namespace, labels, annotations; worded like apimachinery).
// Nothing here knows a concrete kind.

import type { FieldError } from './registration.js';
import { isObject } from './objects.js';

// ---------------------------------------------------------------------------------------------
// Field paths and error constructors

/** `spec` + `replicas` -> `spec.replicas`; the root path is ''. */
export function childPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** Renders a bad value the way field.Error does: strings quoted, numbers bare. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value) ?? 'null';
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${formatValue(value)}: ${detail}` };
}

export function typeInvalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field, message: `Invalid value: ${formatValue(value)}: ${detail}` };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return { type: 'FieldValueNotSupported', field, message: `Unsupported value: ${formatValue(value)}: supported values: ${list}` };
}

export function tooLong(field: string, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${maxLength} bytes` };
}

export function tooMany(field: string, actual: number, maxItems: number): FieldError {
  return { type: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${maxItems} items` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` };
}

// ---------------------------------------------------------------------------------------------
// JSON type checks: each returns true when the value has the type, and otherwise records a
// FieldValueTypeInvalid error (CRD wording: "<path> in body must be of type integer: "string"").

function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function wrongType(value: unknown, field: string, expected: string, errs: FieldError[]): false {
  errs.push(typeInvalid(field, value, `${field} in body must be of type ${expected}: "${jsonTypeName(value)}"`));
  return false;
}

export function expectString(value: unknown, field: string, errs: FieldError[]): value is string {
  return typeof value === 'string' || wrongType(value, field, 'string', errs);
}

/** Integer formats: int32 is Kubernetes' int32 range; anything else must be an integer a JSON
 * number holds exactly here (beyond 2^53 JSON.parse has already rounded it: refuse, never store
 * a different number than the client sent). */
const INTEGER_RANGES = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;

export function expectInteger(value: unknown, field: string, errs: FieldError[], format: 'int32' | 'int64' = 'int64'): value is number {
  if (!(typeof value === 'number' && Number.isInteger(value))) return wrongType(value, field, 'integer', errs);
  const [min, max] = INTEGER_RANGES[format];
  if (value < min || value > max) {
    errs.push(invalid(field, value, `${field} in body must be an integer between ${min} and ${max}`));
    return false;
  }
  return true;
}

export function expectNumber(value: unknown, field: string, errs: FieldError[]): value is number {
  return (typeof value === 'number' && Number.isFinite(value)) || wrongType(value, field, 'number', errs);
}

export function expectBoolean(value: unknown, field: string, errs: FieldError[]): value is boolean {
  return typeof value === 'boolean' || wrongType(value, field, 'boolean', errs);
}

/** IntOrString / Quantity: an integer or a string. */
export function expectIntOrString(value: unknown, field: string, errs: FieldError[]): value is number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return expectInteger(value, field, errs);
  return typeof value === 'string' || wrongType(value, field, 'integer or string', errs);
}

/** Kubernetes' Quantity text: a signed decimal number with an optional binary-SI (Ki..Ei),
 * decimal-SI (n, u, m, k, M..E) or exponent (e3, E-2) suffix. */
const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** A Quantity: an integer or a string that parses as one (`500m`, `1Gi`, `2.5`). */
export function expectQuantity(value: unknown, field: string, errs: FieldError[]): value is number | string {
  if (!expectIntOrString(value, field, errs)) return false;
  if (typeof value === 'string' && !QUANTITY.test(value)) {
    errs.push(invalid(field, value, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    return false;
  }
  return true;
}

/** RFC 3339 date-times as Go's time.Time reads them (`2024-05-01T12:00:00Z`, fractions and
 * offsets allowed). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export function checkDateTime(value: string, field: string, errs: FieldError[]): void {
  const m = DATE_TIME.exec(value);
  const ok =
    m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31 && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 60;
  if (!ok) errs.push(invalid(field, value, `${field} in body must be of type date-time: "${value}"`));
}

/** Standard base64 with padding, as Go's encoding/json reads []byte. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function checkBase64(value: string, field: string, errs: FieldError[]): void {
  if (!BASE64.test(value)) errs.push(invalid(field, value, 'illegal base64 data'));
}

export function expectArray(value: unknown, field: string, errs: FieldError[]): value is unknown[] {
  return Array.isArray(value) || wrongType(value, field, 'array', errs);
}

export function expectObject(value: unknown, field: string, errs: FieldError[]): value is { [key: string]: unknown } {
  return isObject(value) || wrongType(value, field, 'object', errs);
}

// ---------------------------------------------------------------------------------------------
// Marker checks (CRD wording)

export function checkMinimum(value: number, min: number, field: string, errs: FieldError[]): void {
  if (value < min) errs.push(invalid(field, value, `${field} in body should be greater than or equal to ${min}`));
}

export function checkMaximum(value: number, max: number, field: string, errs: FieldError[]): void {
  if (value > max) errs.push(invalid(field, value, `${field} in body should be less than or equal to ${max}`));
}

export function checkExclusiveMinimum(value: number, min: number, field: string, errs: FieldError[]): void {
  if (value <= min) errs.push(invalid(field, value, `${field} in body should be greater than ${min}`));
}

export function checkExclusiveMaximum(value: number, max: number, field: string, errs: FieldError[]): void {
  if (value >= max) errs.push(invalid(field, value, `${field} in body should be less than ${max}`));
}

/** Length in characters (code points), as OpenAPI counts it. */
function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

export function checkMinLength(value: string, min: number, field: string, errs: FieldError[]): void {
  if (value.length < min || charCount(value) < min) {
    errs.push(invalid(field, value, `${field} in body should be at least ${min} chars long`));
  }
}

export function checkMaxLength(value: string, max: number, field: string, errs: FieldError[]): void {
  if (value.length > max && charCount(value) > max) errs.push(tooLong(field, max));
}

/** `pattern` is unanchored, as in OpenAPI; the message shows the pattern as written. */
export function checkPattern(value: string, pattern: RegExp, field: string, errs: FieldError[]): void {
  if (!pattern.test(value)) {
    const text = pattern.source.replace(/\\\//g, '/');
    errs.push(invalid(field, value, `${field} in body should match '${text}'`));
  }
}

export function checkEnum(value: string, allowed: readonly string[], field: string, errs: FieldError[]): void {
  if (!allowed.includes(value)) errs.push(notSupported(field, value, allowed));
}

export function checkMinItems(value: readonly unknown[], min: number, field: string, errs: FieldError[]): void {
  if (value.length < min) errs.push(invalid(field, value.length, `${field} in body should have at least ${min} items`));
}

export function checkMaxItems(value: readonly unknown[], max: number, field: string, errs: FieldError[]): void {
  if (value.length > max) errs.push(tooMany(field, value.length, max));
}

// ---------------------------------------------------------------------------------------------
// Kubernetes name syntax (apimachinery's util/validation wording). Each returns the problems,
// empty when the value is fine.

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${qualifiedNameFmt})?`;

const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`);
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);
const labelValueRe = new RegExp(`^${labelValueFmt}$`);

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number): string => `must be no more than ${n} characters`;
const emptyError = 'must be non-empty';
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!dns1123SubdomainRe.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        dns1123SubdomainFmt,
        'example.com',
      ),
    );
  }
  return errs;
}

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1123LabelRe.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        dns1123LabelFmt,
        'my-name',
        '123-abc',
      ),
    );
  }
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1035LabelRe.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

/** A label or annotation key: `[prefix/]name`. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push(`prefix part ${emptyError}`);
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    errs.push(
      `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    return errs;
  }
  if (name.length === 0) errs.push(`name part ${emptyError}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRe.test(name)) {
    errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// ObjectMeta rules

/** Rule for metadata.name, from a kind's `@nameFormat`. */
export type NameFormat = 'dns1123subdomain' | 'dns1123label' | 'dns1035label';

export interface ObjectMetaRules {
  namespaced: boolean;
  nameFormat: NameFormat;
}

const nameCheckers: Record<NameFormat, (value: string) => string[]> = {
  dns1123subdomain: isDNS1123Subdomain,
  dns1123label: isDNS1123Label,
  dns1035label: isDNS1035Label,
};

/** Annotations may hold at most 256 KiB (keys plus values). */
export const totalAnnotationSizeLimit = 256 * 1024;

/** Validates label keys and values (errors on the labels path, as apimachinery reports them). */
export function validateLabels(labels: unknown, field: string, errs: FieldError[]): void {
  if (labels == null || !expectObject(labels, field, errs)) return;
  for (const key of Object.keys(labels)) {
    for (const msg of isQualifiedName(key)) errs.push(invalid(field, key, msg));
    const value = labels[key];
    if (!expectString(value, `${field}[${key}]`, errs)) continue;
    for (const msg of isValidLabelValue(value)) errs.push(invalid(field, value, msg));
  }
}

export function validateAnnotations(annotations: unknown, field: string, errs: FieldError[]): void {
  if (annotations == null || !expectObject(annotations, field, errs)) return;
  let size = 0;
  for (const key of Object.keys(annotations)) {
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalid(field, key, msg));
    const value = annotations[key];
    if (!expectString(value, `${field}[${key}]`, errs)) continue;
    size += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (size > totalAnnotationSizeLimit) errs.push(tooLong(field, totalAnnotationSizeLimit));
}

/** `generateName` is a prefix: a trailing '-' is allowed, so it is masked before the check. */
function maskTrailingDash(value: string): string {
  return value.length > 1 && value.endsWith('-') ? `${value.slice(0, -1)}a` : value;
}

/**
 * Kubernetes' ObjectMeta rules for an object about to be written: a name (or generateName) in the
 * kind's format, a namespace exactly when the kind is namespaced, valid labels and annotations.
 * `meta` is the object's metadata, `field` its path (normally `metadata`).
 */
export function validateObjectMetadata(meta: unknown, rules: ObjectMetaRules, field: string, errs: FieldError[]): void {
  if (meta == null) {
    errs.push(required(field));
    return;
  }
  if (!expectObject(meta, field, errs)) return;
  const checkName = nameCheckers[rules.nameFormat];
  const name = meta.name;
  const generateName = meta.generateName;
  const namePath = childPath(field, 'name');
  const generateNamePath = childPath(field, 'generateName');
  if (typeof generateName === 'string' && generateName !== '') {
    for (const msg of checkName(maskTrailingDash(generateName))) errs.push(invalid(generateNamePath, generateName, msg));
  } else if (generateName != null) {
    expectString(generateName, generateNamePath, errs);
  }
  if (name == null || name === '') {
    if (!(typeof generateName === 'string' && generateName !== '')) {
      errs.push(required(namePath, 'name or generateName is required'));
    }
  } else if (expectString(name, namePath, errs)) {
    for (const msg of checkName(name)) errs.push(invalid(namePath, name, msg));
  }

  const namespace = meta.namespace;
  const namespacePath = childPath(field, 'namespace');
  if (rules.namespaced) {
    if (namespace == null || namespace === '') errs.push(required(namespacePath));
    else if (expectString(namespace, namespacePath, errs)) {
      for (const msg of isDNS1123Label(namespace)) errs.push(invalid(namespacePath, namespace, msg));
    }
  } else if (namespace != null && namespace !== '') {
    errs.push(forbidden(namespacePath, 'not allowed on this type'));
  }

  validateLabels(meta.labels, childPath(field, 'labels'), errs);
  validateAnnotations(meta.annotations, childPath(field, 'annotations'), errs);
}
