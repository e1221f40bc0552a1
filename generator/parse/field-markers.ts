// Field markers (JSDoc tags on properties): parsed, and checked against the field's type.
// Checks that need other types (list map keys, defaults of object fields) run later, in
// field-checks.ts, once every type of the version is known.
import type { FieldMarkers, TypeRef } from '../model.js';
import type { DocTag } from './jsdoc.js';
import { describeType, parseCount, parseDefault, parseList, parseNumber } from './marker-values.js';

export const KIND_MARKERS: ReadonlySet<string> = new Set([
  'scope', 'plural', 'singular', 'shortName', 'categories', 'printColumn', 'subresource', 'verbs', 'nameFormat',
  'selectableField', 'virtual',
]);
export const FIELD_MARKERS: ReadonlySet<string> = new Set([
  'optional', 'required', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'enum', 'minItems', 'maxItems', 'format', 'listType',
  'listMapKey', 'patchStrategy', 'patchMergeKey', 'intOrString', 'protobuf',
]);
/** Plain JSDoc tags that carry no meaning for the generator. */
export const IGNORED_TAGS: ReadonlySet<string> = new Set(['deprecated', 'see', 'example']);

const REPEATABLE = new Set(['listMapKey']);
const NO_VALUE = new Set(['optional', 'required', 'intOrString']);
const PATCH_STRATEGIES = ['merge', 'replace', 'retainKeys', 'merge,retainKeys'];
const LIST_TYPES = ['atomic', 'set', 'map'] as const;
const FORMAT = /^[A-Za-z0-9][\w-]*$/;
const FIELD_NAME = /^[A-Za-z_$][\w$]*$/;
/** `@protobuf 3`, `@protobuf 2.1` (embedded struct), `@protobuf 2 bytes`. */
const PROTOBUF = /^([0-9]+)(?:\.([0-9]+))?(?:\s+(bytes))?$/;
/** Protobuf field numbers: 1 to 2^29-1, without the range protobuf reserves for itself. */
const MAX_PROTOBUF_FIELD = 536870911;

export interface FieldMarkerResult {
  markers: FieldMarkers;
  /** The field's type after markers that refine it (`@enum`, `@format`). */
  type: TypeRef;
  optional: boolean;
  /** Line of each marker, for errors found later. */
  lines: Partial<Record<keyof FieldMarkers, number>>;
}

export type ReportAt = (line: number, detail: string) => void;

export function readFieldMarkers(tags: DocTag[], declaredType: TypeRef, declaredOptional: boolean, report: ReportAt): FieldMarkerResult {
  const markers: FieldMarkers = {};
  const lines: FieldMarkerResult['lines'] = {};
  let type = declaredType;
  let optional = declaredOptional;
  const seen = new Map<string, DocTag>();

  for (const tag of tags) {
    const { name, value, line } = tag;
    const fail = (detail: string) => report(line, detail);
    const badValue = (expected: string) => fail(`bad value for @${name}: '${value}' (${expected})`);
    const wrongType = (applies: string) =>
      fail(`@${name} applies to ${applies} fields, not ${describeType(declaredType)}`);

    if (IGNORED_TAGS.has(name)) continue;
    if (KIND_MARKERS.has(name)) {
      fail(`@${name} is a kind marker: put it on the kind's interface, not on a field`);
      continue;
    }
    if (!FIELD_MARKERS.has(name)) {
      fail(`unknown marker @${name}`);
      continue;
    }
    if (seen.has(name) && !REPEATABLE.has(name)) {
      fail(`duplicate marker @${name}`);
      continue;
    }
    seen.set(name, tag);
    if (NO_VALUE.has(name) && value !== '') {
      badValue('this marker takes no value');
      continue;
    }

    const kind = declaredType.kind;
    const isNumeric = kind === 'integer' || kind === 'number';
    const isString = kind === 'string' || kind === 'enum';
    switch (name) {
      case 'optional':
      case 'required':
        if (seen.has(name === 'optional' ? 'required' : 'optional')) fail('@optional and @required cannot both be set');
        optional = name === 'optional';
        break;
      case 'default': {
        const parsed = parseDefault(value);
        if (!parsed.ok) badValue('expected JSON, for example 3, "text", true, {} or ["a"]');
        else {
          markers.default = parsed.value;
          lines.default = line;
        }
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const n = parseNumber(value);
        if (n === undefined) badValue('expected a number');
        else if (!isNumeric) wrongType('integer and number');
        else markers[name] = n;
        break;
      }
      case 'minLength':
      case 'maxLength': {
        const n = parseCount(value);
        if (n === undefined) badValue('expected a non-negative integer');
        else if (!isString) wrongType('string');
        else markers[name] = n;
        break;
      }
      case 'minItems':
      case 'maxItems': {
        const n = parseCount(value);
        if (n === undefined) badValue('expected a non-negative integer');
        else if (kind !== 'array') wrongType('array');
        else markers[name] = n;
        break;
      }
      case 'pattern':
        if (value === '') badValue('expected a regular expression');
        else if (!isString) wrongType('string');
        else {
          try {
            new RegExp(value);
            markers.pattern = value;
          } catch (error) {
            fail(`invalid regular expression in @pattern: ${(error as Error).message}`);
          }
        }
        break;
      case 'enum': {
        const values = parseList(value);
        if (!values) badValue('expected a,b,c');
        else if (new Set(values).size !== values.length) badValue('values repeat');
        else if (kind === 'enum') fail('@enum on a field whose type is already a union of string literals');
        else if (kind !== 'string') wrongType('string');
        else {
          markers.enum = values;
          type = { kind: 'enum', values };
        }
        break;
      }
      case 'format':
        if (!FORMAT.test(value)) badValue('expected a format name such as date-time or int32');
        else if (kind !== 'string' && !isNumeric) wrongType('string, integer and number');
        else {
          markers.format = value;
          type = refineFormat(type, value);
        }
        break;
      case 'listType':
        if (!(LIST_TYPES as readonly string[]).includes(value)) badValue(`expected one of ${LIST_TYPES.join(', ')}`);
        else if (kind !== 'array') wrongType('array');
        else if (value === 'set' && declaredType.kind === 'array' && isObject(declaredType.items)) {
          fail('@listType set needs scalar items; use map (with @listMapKey) or atomic for objects');
        } else markers.listType = value as FieldMarkers['listType'];
        break;
      case 'listMapKey':
        if (!FIELD_NAME.test(value)) badValue('expected a field name');
        else if (kind !== 'array' || declaredType.items.kind !== 'ref') wrongType('array of objects');
        else {
          markers.listMapKeys = [...(markers.listMapKeys ?? []), value];
          lines.listMapKeys ??= line;
        }
        break;
      case 'patchStrategy':
        if (!PATCH_STRATEGIES.includes(value)) badValue(`expected one of ${PATCH_STRATEGIES.join(', ')}`);
        else if (kind !== 'array' && kind !== 'ref' && kind !== 'map') wrongType('array and object');
        else markers.patchStrategy = value;
        break;
      case 'patchMergeKey':
        if (!FIELD_NAME.test(value)) badValue('expected a field name');
        else if (kind !== 'array' || declaredType.items.kind !== 'ref') wrongType('array of objects');
        else {
          markers.patchMergeKey = value;
          lines.patchMergeKey = line;
        }
        break;
      case 'intOrString':
        if (kind !== 'intOrString') wrongType('number | string');
        else markers.intOrString = true;
        break;
      case 'protobuf': {
        const match = PROTOBUF.exec(value);
        const numbers = match ? [match[1], match[2]].filter((n) => n !== undefined).map(Number) : [];
        if (!match || !numbers.every(isProtobufFieldNumber)) {
          badValue(`expected a field number from 1 to ${MAX_PROTOBUF_FIELD} (not 19000-19999), optionally .N for an embedded struct and 'bytes'`);
        } else if (match[3] && !isStringish(declaredType)) wrongType('string (or array or map of string) with bytes');
        else {
          markers.protobuf = numbers;
          lines.protobuf = line;
          if (match[3]) markers.protobufBytes = true;
        }
        break;
      }
    }
  }

  const listMapKey = seen.get('listMapKey');
  if (listMapKey && markers.listMapKeys && markers.listType !== 'map') {
    report(listMapKey.line, '@listMapKey needs @listType map');
  }
  if (markers.listType === 'map' && !markers.listMapKeys) {
    report(seen.get('listType')!.line, '@listType map needs at least one @listMapKey');
  }
  return { markers, type, optional, lines };
}

function isProtobufFieldNumber(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_PROTOBUF_FIELD && !(n >= 19000 && n <= 19999);
}

/** A string, or an array or map of strings: what a protobuf `bytes` field can be in JSON. */
function isStringish(type: TypeRef): boolean {
  if (type.kind === 'array') return type.items.kind === 'string';
  if (type.kind === 'map') return type.values.kind === 'string';
  return type.kind === 'string';
}

function isObject(type: TypeRef): boolean {
  return type.kind === 'ref' || type.kind === 'map' || type.kind === 'array';
}

/** `@format` also sets the OpenAPI format carried by the TypeRef where the TypeRef has one. */
function refineFormat(type: TypeRef, format: string): TypeRef {
  if (type.kind === 'string') return { kind: 'string', format };
  if (type.kind === 'integer' && (format === 'int32' || format === 'int64')) return { kind: 'integer', format };
  if (type.kind === 'number' && format === 'double') return { kind: 'number', format };
  return type;
}
