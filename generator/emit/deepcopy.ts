// Emits `deepcopy.ts` of a space: one `deepCopy<T>` per type, field by field. Absent fields stay
// absent (null counts as absent, as it does when Kubernetes decodes into typed fields); fields
// that are not declared are not copied.

import type { TypeModel } from '../model.js';
import { FileLocation, Imports, prop, renderFile } from './code.js';
import { copyValue, type CopyContext } from './copy.js';
import { isForeignMeta, spaceFile, tsType, type TypeSpace } from './spaces.js';

export const objectsRuntime = 'runtime/machinery/objects.ts';

export function deepCopyName(typeName: string): string {
  return `deepCopy${typeName}`;
}

export function emitDeepCopy(space: TypeSpace): [string, string] {
  const file = spaceFile(space, 'deepcopy');
  const loc = new FileLocation(file);
  const imports = new Imports();
  const own = space.alias;
  const typesModule = './types.js';
  const metaTypes = loc.toGenerated(spaceFile(space.meta, 'types'));
  const metaDeepCopy = loc.toGenerated(spaceFile(space.meta, 'deepcopy'));
  const typeName = (ref: { name: string; scope: 'meta' | 'version' }): string =>
    isForeignMeta(space, ref)
      ? `${imports.namespace(metaTypes, 'meta')}.${ref.name}`
      : `${imports.namespace(typesModule, own)}.${ref.name}`;

  const body: string[] = [];
  const emitFunction = (type: TypeModel, withTypeMeta: boolean): void => {
    const ctx: CopyContext = {
      imports,
      objectsModule: loc.toProject(objectsRuntime),
      ref: (ref, src) =>
        isForeignMeta(space, ref)
          ? `${imports.value(metaDeepCopy, deepCopyName(ref.name))}(${src})`
          : `${deepCopyName(ref.name)}(${src})`,
      destType: (t) => tsType(t, typeName),
      temp: { n: 0 },
    };
    const self = typeName({ name: type.name, scope: 'version' });
    body.push(`export function ${deepCopyName(type.name)}(src: ${self}): ${self} {`);
    body.push(`  const dst = {} as ${self};`);
    if (withTypeMeta) {
      body.push('  if (src.apiVersion != null) dst.apiVersion = src.apiVersion;');
      body.push('  if (src.kind != null) dst.kind = src.kind;');
    }
    for (const field of type.fields) {
      const from = prop('src', field.name);
      const to = prop('dst', field.name);
      const pre: string[] = [];
      const expr = copyValue(field.type, from, pre, '    ', ctx);
      if (pre.length === 0) {
        body.push(`  if (${from} != null) ${to} = ${expr};`);
      } else {
        body.push(`  if (${from} != null) {`, ...pre, `    ${to} = ${expr};`, '  }');
      }
    }
    body.push('  return dst;', '}', '');
  };
  const kindNames = new Set(space.kinds.map((k) => k.name));
  const typeMeta = space.kind === 'version';
  for (const type of space.types) emitFunction(type, typeMeta && kindNames.has(type.name));
  for (const list of space.lists) emitFunction(list, typeMeta);
  return [file, renderFile(space.sources, imports, body)];
}
