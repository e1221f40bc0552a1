// Emits `validation.ts` of a space: one `check<T>(obj, path, errs)` per type that checks JSON
// types, required fields and markers with Kubernetes field paths; kinds get a `validate<Kind>`
// entry point. The internal space adds ObjectMeta rules (runtime/machinery/validation.ts) and the
// group's `validate<Kind>` hook.

import type { FieldMarkers, KindModel, TypeModel, TypeRef } from '../model.js';
import { camelIdentifier, FileLocation, Imports, prop, renderFile, str } from './code.js';
import { isForeignMeta, spaceFile, type TypeSpace } from './spaces.js';

export const validationRuntime = 'runtime/machinery/validation.ts';
const registrationRuntime = 'runtime/machinery/registration.ts';

export function checkName(typeName: string): string {
  return `check${typeName}`;
}

export function validateName(kindName: string): string {
  return `validate${kindName}`;
}

export interface ValidationHooks {
  kinds: string[];
  file?: string;
}

/** What an array's items or a map's values inherit from the field: only the bytes encoding. */
function itemMarkers(m: FieldMarkers): FieldMarkers {
  return m.protobufBytes ? { protobufBytes: true } : {};
}

export function emitValidation(space: TypeSpace, hooks: ValidationHooks = { kinds: [] }): [string, string] {
  const file = spaceFile(space, 'validation');
  const loc = new FileLocation(file);
  const imports = new Imports();
  const rt = loc.toProject(validationRuntime);
  const reg = loc.toProject(registrationRuntime);
  const metaValidation = loc.toGenerated(spaceFile(space.meta, 'validation'));
  const fn = (name: string): string => imports.value(rt, name);
  const JSONObject = (): string => imports.type(reg, 'JSONObject');
  const FieldError = (): string => imports.type(reg, 'FieldError');

  // Hoisted constants (regexps and enum lists) so a validation call allocates nothing for them.
  const constants: string[] = [];
  const constantNames = new Set<string>();
  const constant = (base: string, init: string): string => {
    let name = camelIdentifier(base);
    for (let i = 2; constantNames.has(name); i++) name = `${camelIdentifier(base)}${i}`;
    constantNames.add(name);
    constants.push(`const ${name} = ${init};`);
    return name;
  };

  const body: string[] = [];
  let temp = 0;

  /** Statements checking value `v` (path expression `p`) of type `t` with the field's markers. */
  const checks = (t: TypeRef, m: FieldMarkers, v: string, p: string, out: string[], ind: string, owner: string): void => {
    const inner: string[] = [];
    const push = (line: string): void => void inner.push(`${ind}  ${line}`);
    let guard: string | undefined;
    switch (t.kind) {
      case 'string':
      case 'enum': {
        guard = `${fn('expectString')}(${v}, ${p}, errs)`;
        // Formats Go decodes strictly: a value it cannot read would break every client.
        if (t.kind === 'string' && t.format === 'date-time') push(`${fn('checkDateTime')}(${v}, ${p}, errs);`);
        if (m.protobufBytes) push(`${fn('checkBase64')}(${v}, ${p}, errs);`);
        if (m.minLength !== undefined) push(`${fn('checkMinLength')}(${v}, ${m.minLength}, ${p}, errs);`);
        if (m.maxLength !== undefined) push(`${fn('checkMaxLength')}(${v}, ${m.maxLength}, ${p}, errs);`);
        if (m.pattern !== undefined) {
          const re = constant(`${owner}Pattern`, `new RegExp(${str(m.pattern)})`);
          push(`${fn('checkPattern')}(${v}, ${re}, ${p}, errs);`);
        }
        const values = m.enum ?? (t.kind === 'enum' ? t.values : undefined);
        if (values && values.length > 0) {
          const list = constant(`${owner}Values`, `[${values.map(str).join(', ')}]`);
          push(`${fn('checkEnum')}(${v}, ${list}, ${p}, errs);`);
        }
        break;
      }
      case 'integer':
      case 'number': {
        guard =
          t.kind === 'integer' && t.format === 'int32'
            ? `${fn('expectInteger')}(${v}, ${p}, errs, 'int32')`
            : `${fn(t.kind === 'integer' ? 'expectInteger' : 'expectNumber')}(${v}, ${p}, errs)`;
        if (m.minimum !== undefined) push(`${fn('checkMinimum')}(${v}, ${m.minimum}, ${p}, errs);`);
        if (m.maximum !== undefined) push(`${fn('checkMaximum')}(${v}, ${m.maximum}, ${p}, errs);`);
        if (m.exclusiveMinimum !== undefined) push(`${fn('checkExclusiveMinimum')}(${v}, ${m.exclusiveMinimum}, ${p}, errs);`);
        if (m.exclusiveMaximum !== undefined) push(`${fn('checkExclusiveMaximum')}(${v}, ${m.exclusiveMaximum}, ${p}, errs);`);
        break;
      }
      case 'boolean':
        guard = `${fn('expectBoolean')}(${v}, ${p}, errs)`;
        break;
      case 'intOrString':
        guard = `${fn(t.quantity ? 'expectQuantity' : 'expectIntOrString')}(${v}, ${p}, errs)`;
        break;
      case 'json':
        return;
      case 'array': {
        guard = `${fn('expectArray')}(${v}, ${p}, errs)`;
        if (m.minItems !== undefined) push(`${fn('checkMinItems')}(${v}, ${m.minItems}, ${p}, errs);`);
        if (m.maxItems !== undefined) push(`${fn('checkMaxItems')}(${v}, ${m.maxItems}, ${p}, errs);`);
        if (t.items.kind !== 'json') {
          const n = temp++;
          const loop: string[] = [];
          checks(t.items, itemMarkers(m), `e${n}`, `p${n}`, loop, `${ind}    `, owner);
          inner.push(`${ind}  for (let i${n} = 0; i${n} < ${v}.length; i${n}++) {`);
          inner.push(`${ind}    const e${n} = ${v}[i${n}];`);
          inner.push(`${ind}    const p${n} = \`\${${p}}[\${i${n}}]\`;`);
          inner.push(...loop, `${ind}  }`);
        }
        break;
      }
      case 'map': {
        guard = `${fn('expectObject')}(${v}, ${p}, errs)`;
        if (t.values.kind !== 'json') {
          const n = temp++;
          const loop: string[] = [];
          checks(t.values, itemMarkers(m), `e${n}`, `p${n}`, loop, `${ind}    `, owner);
          inner.push(`${ind}  for (const k${n} of Object.keys(${v})) {`);
          inner.push(`${ind}    const e${n} = ${v}[k${n}];`);
          inner.push(`${ind}    const p${n} = \`\${${p}}[\${k${n}}]\`;`);
          inner.push(...loop, `${ind}  }`);
        }
        break;
      }
      case 'ref': {
        guard = `${fn('expectObject')}(${v}, ${p}, errs)`;
        const target = isForeignMeta(space, t) ? imports.value(metaValidation, checkName(t.name)) : checkName(t.name);
        push(`${target}(${v}, ${p}, errs);`);
        break;
      }
    }
    if (inner.length === 0) out.push(`${ind}${guard};`);
    else out.push(`${ind}if (${guard}) {`, ...inner, `${ind}}`);
  };

  const emitCheck = (type: TypeModel, checkRequired: boolean): void => {
    body.push(`export function ${checkName(type.name)}(obj: ${JSONObject()}, path: string, errs: ${FieldError()}[]): void {`);
    temp = 0;
    for (const field of type.fields) {
      const mustExist = !field.optional && (checkRequired || field.markers.default === undefined);
      if (field.type.kind === 'json' && !mustExist) continue; // any JSON value is valid
      const n = temp++;
      const v = `f${n}`;
      const p = `p${n}`;
      body.push(`  const ${v} = ${prop('obj', field.name)};`);
      const present: string[] = [];
      present.push(`    const ${p} = ${fn('childPath')}(path, ${str(field.name)});`);
      checks(field.type, field.markers, v, p, present, '    ', `${type.name}_${field.name}`);
      if (mustExist) {
        body.push(`  if (${v} == null) {`);
        body.push(`    errs.push(${fn('required')}(${fn('childPath')}(path, ${str(field.name)})));`);
        if (field.type.kind === 'json') body.push('  }');
        else body.push('  } else {', ...present, '  }');
      } else {
        body.push(`  if (${v} != null) {`, ...present, '  }');
      }
    }
    body.push('}', '');
  };

  // Internal objects are validated after defaulting, so a required field with a default is
  // still required there; versioned objects may be validated before their defaults apply.
  const internal = space.kind === 'internal';
  for (const type of space.types) emitCheck(type, internal);

  const hookNames = new Set(hooks.kinds);
  const hookModule = hooks.file ? loc.toProject(hooks.file) : undefined;
  const emitKindEntry = (kind: KindModel): void => {
    if (!internal) {
      body.push(`export function ${validateName(kind.name)}(obj: ${JSONObject()}): ${FieldError()}[] {`);
      body.push(`  const errs: ${FieldError()}[] = [];`);
      body.push(`  ${checkName(kind.name)}(obj, '', errs);`);
      body.push('  return errs;', '}', '');
      return;
    }
    const ctx = imports.type(reg, 'ValidationContext');
    body.push(`export function ${validateName(kind.name)}(obj: ${JSONObject()}, ctx: ${ctx}): ${FieldError()}[] {`);
    body.push(`  const errs: ${FieldError()}[] = [];`);
    body.push(`  ${checkName(kind.name)}(obj, '', errs);`);
    body.push(`  if (${imports.value(loc.toProject('runtime/machinery/objects.ts'), 'isObject')}(obj.metadata)) {`);
    const rules = `{ namespaced: ${kind.scope === 'Namespaced'}, nameFormat: ${str(kind.nameFormat)} }`;
    body.push(`    ${fn('validateObjectMetadata')}(obj.metadata, ${rules}, 'metadata', errs);`);
    body.push('  }');
    if (hookNames.has(kind.name) && hookModule) {
      const hooksNs = imports.namespace(hookModule, 'hooks', false);
      const typed = `${imports.namespace('./types.js', 'internal')}.${kind.name}`;
      body.push(`  errs.push(...${hooksNs}.${validateName(kind.name)}(obj as unknown as ${typed}, ctx));`);
    }
    body.push('  return errs;', '}', '');
  };
  for (const kind of space.kinds) emitKindEntry(kind);

  const all = constants.length > 0 ? [...constants, '', ...body] : body;
  const sources = [...space.sources, ...(hooks.file && hooks.kinds.length > 0 ? [hooks.file] : [])];
  return [file, renderFile(sources, imports, all)];
}
