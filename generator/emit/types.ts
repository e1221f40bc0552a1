// Emits `types.ts` of a space: one interface per type. Versioned kinds and lists carry literal
// `apiVersion` and `kind`; internal ones carry neither.

import type { TypeModel } from '../model.js';
import { docComment, FileLocation, Imports, key, renderFile, str } from './code.js';
import { isForeignMeta, spaceFile, tsType, type TypeSpace } from './spaces.js';

export function emitTypes(space: TypeSpace): [string, string] {
  const file = spaceFile(space, 'types');
  const loc = new FileLocation(file);
  const imports = new Imports();
  const metaModule = loc.toGenerated(spaceFile(space.meta, 'types'));
  const refName = (ref: { name: string; scope: 'meta' | 'version' }): string =>
    isForeignMeta(space, ref) ? imports.type(metaModule, ref.name) : ref.name;

  const kindNames = new Set(space.kinds.map((k) => k.name));
  const listNames = new Set(space.lists.map((l) => l.name));
  const body: string[] = [];
  const emitInterface = (type: TypeModel): void => {
    body.push(...docComment(type.doc));
    body.push(`export interface ${type.name} {`);
    if (space.apiVersion && (kindNames.has(type.name) || listNames.has(type.name))) {
      body.push(`  apiVersion: ${str(space.apiVersion)};`);
      body.push(`  kind: ${str(type.name)};`);
    }
    for (const field of type.fields) {
      body.push(...docComment(field.doc, '  '));
      body.push(`  ${key(field.name)}${field.optional ? '?' : ''}: ${tsType(field.type, refName)};`);
    }
    body.push('}', '');
  };
  for (const type of space.types) emitInterface(type);
  for (const list of space.lists) emitInterface(list);
  return [file, renderFile(space.sources, imports, body)];
}
