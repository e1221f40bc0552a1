// Field checks that need the other types of the version: list map keys and merge keys must be
// fields of the item type, and `@default` values must fit the field's type (objects included).
import type { FieldMarkers, FieldModel, TypeModel, TypeRef } from '../model.js';
import type { FieldMarkerResult, ReportAt } from './field-markers.js';
import { describeType } from './marker-values.js';

export type TypeLookup = (ref: Extract<TypeRef, { kind: 'ref' }>) => TypeModel | undefined;

export function checkFieldAgainstTypes(
  field: FieldModel,
  lines: FieldMarkerResult['lines'],
  lookup: TypeLookup,
  report: ReportAt,
): void {
  const { markers, type } = field;
  const itemType = type.kind === 'array' && type.items.kind === 'ref' ? lookup(type.items) : undefined;
  if (itemType && markers.listMapKeys) {
    for (const key of markers.listMapKeys) {
      const keyField = itemType.fields.find((f) => f.name === key);
      if (!keyField) report(lines.listMapKeys!, `@listMapKey '${key}' is not a field of ${itemType.name}`);
      else if (keyField.optional && keyField.markers.default === undefined) {
        report(lines.listMapKeys!, `@listMapKey '${key}': ${itemType.name}.${key} must be required or have a @default`);
      }
    }
  }
  if (itemType && markers.patchMergeKey && !itemType.fields.some((f) => f.name === markers.patchMergeKey)) {
    report(lines.patchMergeKey!, `@patchMergeKey '${markers.patchMergeKey}' is not a field of ${itemType.name}`);
  }
  if (markers.default !== undefined) {
    const problem = defaultProblem(markers.default, type, markers, lookup, new Set());
    if (problem) report(lines.default!, `@default ${JSON.stringify(markers.default)} does not fit the field: ${problem}`);
  }
}

/** Why `value` is not a valid value of `type` with `markers`, or undefined when it is. */
function defaultProblem(
  value: unknown,
  type: TypeRef,
  markers: FieldMarkers,
  lookup: TypeLookup,
  visiting: Set<string>,
): string | undefined {
  const expected = `expected ${describeType(type)}`;
  switch (type.kind) {
    case 'json':
      return undefined;
    case 'string':
      if (typeof value !== 'string') return expected;
      return stringProblem(value, markers);
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) return `expected one of ${type.values.join(', ')}`;
      return stringProblem(value, markers);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : expected;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return expected;
      if (type.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) return 'out of int32 range';
      return numberProblem(value, markers);
    case 'number':
      if (typeof value !== 'number') return expected;
      return numberProblem(value, markers);
    case 'intOrString':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'string' ? undefined : expected;
    case 'array':
      if (!Array.isArray(value)) return expected;
      if (markers.minItems !== undefined && value.length < markers.minItems) return `fewer than @minItems ${markers.minItems}`;
      if (markers.maxItems !== undefined && value.length > markers.maxItems) return `more than @maxItems ${markers.maxItems}`;
      for (const [i, item] of value.entries()) {
        const problem = defaultProblem(item, type.items, {}, lookup, visiting);
        if (problem) return `[${i}]: ${problem}`;
      }
      return undefined;
    case 'map':
      if (!isPlainObject(value)) return expected;
      for (const [key, item] of Object.entries(value)) {
        const problem = defaultProblem(item, type.values, {}, lookup, visiting);
        if (problem) return `${key}: ${problem}`;
      }
      return undefined;
    case 'ref': {
      if (!isPlainObject(value)) return expected;
      const model = lookup(type);
      if (!model || visiting.has(model.name)) return undefined;
      visiting.add(model.name);
      try {
        for (const [key, item] of Object.entries(value)) {
          const field = model.fields.find((f) => f.name === key);
          if (!field) return `'${key}' is not a field of ${model.name}`;
          const problem = defaultProblem(item, field.type, field.markers, lookup, visiting);
          if (problem) return `${key}: ${problem}`;
        }
      } finally {
        visiting.delete(model.name);
      }
      return undefined;
    }
  }
}

function stringProblem(value: string, markers: FieldMarkers): string | undefined {
  if (markers.minLength !== undefined && value.length < markers.minLength) return `shorter than @minLength ${markers.minLength}`;
  if (markers.maxLength !== undefined && value.length > markers.maxLength) return `longer than @maxLength ${markers.maxLength}`;
  if (markers.pattern !== undefined && !new RegExp(markers.pattern).test(value)) return `does not match @pattern ${markers.pattern}`;
  return undefined;
}

function numberProblem(value: number, markers: FieldMarkers): string | undefined {
  if (markers.minimum !== undefined && value < markers.minimum) return `below @minimum ${markers.minimum}`;
  if (markers.maximum !== undefined && value > markers.maximum) return `above @maximum ${markers.maximum}`;
  if (markers.exclusiveMinimum !== undefined && value <= markers.exclusiveMinimum) return `not above @exclusiveMinimum ${markers.exclusiveMinimum}`;
  if (markers.exclusiveMaximum !== undefined && value >= markers.exclusiveMaximum) return `not below @exclusiveMaximum ${markers.exclusiveMaximum}`;
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
