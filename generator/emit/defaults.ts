// Emits `defaults.ts` of a version: `@default` applies when a field is absent (a fresh literal
// each time); nested defaults apply inside present objects, including ones just defaulted (so
// `@default {}` lets the inner defaults fill it), and inside arrays and maps of objects. A kind's
// function then calls the version's `default<Kind>` hook when there is one.

import type { TypeModel, TypeRef } from '../model.js';
import { FileLocation, Imports, literal, prop, renderFile } from './code.js';
import { objectsRuntime } from './deepcopy.js';
import { isForeignMeta, refOf, resolveRef, spaceFile, tsType, type TypeSpace } from './spaces.js';

export function defaultsName(typeName: string): string {
  return `setDefaults${typeName}`;
}

/** Names of the space's types that have a default somewhere inside (fixpoint over refs). */
export function typesWithDefaults(space: TypeSpace, metaDefaulted: ReadonlySet<string>): Set<string> {
  const result = new Set<string>();
  const needs = (t: TypeRef): boolean => {
    const ref = refOf(t);
    if (!ref) return false;
    if (isForeignMeta(space, ref)) return metaDefaulted.has(ref.name);
    return result.has(ref.name);
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const type of space.types) {
      if (result.has(type.name)) continue;
      if (type.fields.some((f) => f.markers.default !== undefined || needs(f.type))) {
        result.add(type.name);
        changed = true;
      }
    }
  }
  return result;
}

export interface DefaultsHooks {
  /** Kind names with a `default<Kind>` hook. */
  kinds: string[];
  /** Project path of the hook file (api-defs/<group>/<version>/defaults.ts). */
  file?: string;
}

/** Emits the file; returns undefined for a meta space without any default. */
export function emitDefaults(
  space: TypeSpace,
  metaDefaulted: ReadonlySet<string>,
  hooks: DefaultsHooks,
): [string, string] | undefined {
  const defaulted = space.kind === 'meta' ? metaDefaulted : typesWithDefaults(space, metaDefaulted);
  if (space.kind === 'meta' && defaulted.size === 0) return undefined;
  const file = spaceFile(space, 'defaults');
  const loc = new FileLocation(file);
  const imports = new Imports();
  const objects = loc.toProject(objectsRuntime);
  const metaTypes = loc.toGenerated(spaceFile(space.meta, 'types'));
  const metaDefaults = loc.toGenerated(spaceFile(space.meta, 'defaults'));
  const typeName = (ref: { name: string; scope: 'meta' | 'version' }): string =>
    isForeignMeta(space, ref)
      ? `${imports.namespace(metaTypes, 'meta')}.${ref.name}`
      : `${imports.namespace('./types.js', space.alias)}.${ref.name}`;
  const hasDefaults = (t: TypeRef): boolean => {
    const ref = refOf(t);
    if (!ref) return false;
    return isForeignMeta(space, ref) ? metaDefaulted.has(ref.name) : defaulted.has(ref.name);
  };
  const callFor = (ref: { name: string; scope: 'meta' | 'version' }): string =>
    isForeignMeta(space, ref) ? imports.value(metaDefaults, defaultsName(ref.name)) : defaultsName(ref.name);

  // Statements that apply nested defaults to the value in variable `v` (of type t).
  const nested = (t: TypeRef, v: string, out: string[], indent: string, temp: { n: number }): void => {
    const isObject = (): string => imports.value(objects, 'isObject');
    if (t.kind === 'ref') {
      out.push(`${indent}if (${isObject()}(${v})) ${callFor(t)}(${v});`);
    } else if (t.kind === 'array') {
      const n = temp.n++;
      out.push(`${indent}if (Array.isArray(${v})) {`);
      out.push(`${indent}  for (let i${n} = 0; i${n} < ${v}.length; i${n}++) {`);
      out.push(`${indent}    const e${n} = ${v}[i${n}];`);
      nested(t.items, `e${n}`, out, `${indent}    `, temp);
      out.push(`${indent}  }`, `${indent}}`);
    } else if (t.kind === 'map') {
      const n = temp.n++;
      out.push(`${indent}if (${isObject()}(${v})) {`);
      out.push(`${indent}  for (const k${n} of Object.keys(${v})) {`);
      out.push(`${indent}    const e${n} = ${v}[k${n}];`);
      nested(t.values, `e${n}`, out, `${indent}    `, temp);
      out.push(`${indent}  }`, `${indent}}`);
    }
  };

  const kindNames = new Set(space.kinds.map((k) => k.name));
  const hookNames = new Set(hooks.kinds);
  const hookModule = hooks.file ? loc.toProject(hooks.file) : undefined;
  const body: string[] = [];
  const emitFunction = (type: TypeModel): void => {
    const self = typeName({ name: type.name, scope: 'version' });
    body.push(`export function ${defaultsName(type.name)}(obj: ${self}): void {`);
    const temp = { n: 0 };
    for (const field of type.fields) {
      const access = prop('obj', field.name);
      const dflt = field.markers.default;
      if (dflt !== undefined) {
        const value = literal(dflt);
        const cast = typeof dflt === 'object' && dflt !== null ? ` as ${tsType(field.type, typeName)}` : '';
        body.push(`  if (${access} == null) ${access} = ${value}${cast};`);
      }
      if (hasDefaults(field.type)) {
        if (field.type.kind === 'ref') {
          nested(field.type, access, body, '  ', temp);
        } else {
          const v = `f${temp.n++}`;
          body.push(`  const ${v} = ${access};`);
          nested(field.type, v, body, '  ', temp);
        }
      }
    }
    if (kindNames.has(type.name) && hookNames.has(type.name) && hookModule) {
      body.push(`  ${imports.namespace(hookModule, 'hooks', false)}.default${type.name}(obj);`);
    }
    body.push('}', '');
  };
  for (const type of space.types) {
    if (defaulted.has(type.name) || kindNames.has(type.name)) emitFunction(type);
  }
  const sources = [...space.sources, ...(hooks.file && hooks.kinds.length > 0 ? [hooks.file] : [])];
  return [file, renderFile(sources, imports, body)];
}
