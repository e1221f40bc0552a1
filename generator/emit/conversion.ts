// Emits `<version>/conversion.ts`: versioned <-> internal converters per reachable type pair.
// Matching fields are copied (refs convert recursively, meta types deep-copy); absent fields stay
// absent; then the type's hand-written hook runs with (src, dst). Kind converters set apiVersion
// and kind on the way out and drop them on the way in.

import { FileLocation, Imports, prop, renderFile, str } from './code.js';
import { copyValue, type CopyContext } from './copy.js';
import { deepCopyName, objectsRuntime } from './deepcopy.js';
import type { ConversionPlan, DirectionPlan } from './conversion-plan.js';
import { isForeignMeta, spaceFile, tsType, type TypeSpace } from './spaces.js';

export function converterName(typeName: string, direction: 'toInternal' | 'fromInternal'): string {
  return `convert${typeName}${direction === 'toInternal' ? 'ToInternal' : 'FromInternal'}`;
}

export function emitConversion(
  versioned: TypeSpace,
  plan: ConversionPlan,
  hookFile: string | undefined,
): [string, string] {
  const file = spaceFile(versioned, 'conversion');
  const loc = new FileLocation(file);
  const imports = new Imports();
  const metaTypes = loc.toGenerated(spaceFile(versioned.meta, 'types'));
  const metaDeepCopy = loc.toGenerated(spaceFile(versioned.meta, 'deepcopy'));
  const internalTypes = loc.toGenerated(`${versioned.dir.replace(/\/[^/]+$/, '')}/internal/types.ts`);
  const hookModule = hookFile ? loc.toProject(hookFile) : undefined;
  const kinds = new Set(plan.kinds);

  const typeIn = (space: TypeSpace) => (ref: { name: string; scope: 'meta' | 'version' }): string => {
    if (isForeignMeta(space, ref)) return `${imports.namespace(metaTypes, 'meta')}.${ref.name}`;
    const module = space.kind === 'internal' ? internalTypes : './types.js';
    return `${imports.namespace(module, space.alias)}.${ref.name}`;
  };

  const body: string[] = [];
  const emitDirection = (dir: DirectionPlan): void => {
    const srcType = typeIn(dir.source);
    const dstType = typeIn(dir.target);
    for (const pair of dir.pairs) {
      const ctx: CopyContext = {
        imports,
        objectsModule: loc.toProject(objectsRuntime),
        ref: (ref, src) =>
          ref.scope === 'meta'
            ? `${imports.value(metaDeepCopy, deepCopyName(ref.name))}(${src})`
            : `${converterName(ref.name, dir.direction)}(${src})`,
        destType: (t) => tsType(t, dstType),
        temp: { n: 0 },
      };
      const self = { name: pair.name, scope: 'version' as const };
      const isKind = kinds.has(pair.name);
      body.push(`export function ${converterName(pair.name, dir.direction)}(src: ${srcType(self)}): ${dstType(self)} {`);
      if (isKind && dir.direction === 'fromInternal') {
        body.push(`  const dst = { apiVersion: ${str(versioned.apiVersion ?? '')}, kind: ${str(pair.name)} } as ${dstType(self)};`);
      } else {
        body.push(`  const dst = {} as ${dstType(self)};`);
      }
      for (const { from, to } of pair.matched) {
        const read = prop('src', from.name);
        const write = prop('dst', to.name);
        const pre: string[] = [];
        const expr = copyValue(from.type, read, pre, '    ', ctx);
        if (pre.length === 0) body.push(`  if (${read} != null) ${write} = ${expr};`);
        else body.push(`  if (${read} != null) {`, ...pre, `    ${write} = ${expr};`, '  }');
      }
      if (dir.hooks.has(pair.name) && hookModule) {
        const hook = `${pair.name}${dir.direction === 'toInternal' ? 'ToInternal' : 'FromInternal'}`;
        body.push(`  ${imports.namespace(hookModule, 'hooks', false)}.${hook}(src, dst);`);
      }
      body.push('  return dst;', '}', '');
    }
  };
  emitDirection(plan.toInternal);
  emitDirection(plan.fromInternal);
  const internalSources = plan.toInternal.target.sources;
  const sources = [...versioned.sources, ...internalSources, ...(hookFile ? [hookFile] : [])];
  return [file, renderFile(sources, imports, body)];
}
