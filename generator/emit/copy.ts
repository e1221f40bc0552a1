// Statement generator for copying a value of a given TypeRef: used by deepcopy (copy) and
// conversion (copy with refs converted). Arrays become plain for-loops, maps go through the
// prototype-safe helpers of runtime/machinery/objects.ts, `json` values are copied generically.

import type { TypeRef } from '../model.js';
import type { Imports } from './code.js';
import { isScalar } from './spaces.js';

export interface CopyContext {
  imports: Imports;
  /** Import path of runtime/machinery/objects.ts from the file being generated. */
  objectsModule: string;
  /** Expression that copies (or converts) one value of a named type. */
  ref(ref: Extract<TypeRef, { kind: 'ref' }>, src: string): string;
  /** TS type of a copied value (declares loop accumulators). */
  destType(t: TypeRef): string;
  /** Counter for unique temporaries within one function. */
  temp: { n: number };
}

/**
 * Appends to `out` (indented by `indent`) the statements needed to copy `src`, and returns an
 * expression holding the copy.
 */
export function copyValue(t: TypeRef, src: string, out: string[], indent: string, ctx: CopyContext): string {
  if (isScalar(t)) return src;
  switch (t.kind) {
    case 'json':
      return `${ctx.imports.value(ctx.objectsModule, 'deepCopyJSON')}(${src})`;
    case 'ref':
      return ctx.ref(t, src);
    case 'array': {
      if (isScalar(t.items)) return `${src}.slice()`;
      const n = ctx.temp.n++;
      const from = `a${n}`;
      const acc = `out${n}`;
      const i = `i${n}`;
      out.push(`${indent}const ${from} = ${src};`);
      out.push(`${indent}const ${acc}: ${ctx.destType(t)} = [];`);
      const inner: string[] = [];
      const expr = copyValue(t.items, `${from}[${i}]`, inner, `${indent}  `, ctx);
      const loop = `for (let ${i} = 0; ${i} < ${from}.length; ${i}++)`;
      if (inner.length === 0) {
        out.push(`${indent}${loop} ${acc}.push(${expr});`);
      } else {
        out.push(`${indent}${loop} {`, ...inner, `${indent}  ${acc}.push(${expr});`, `${indent}}`);
      }
      return acc;
    }
    case 'map': {
      if (isScalar(t.values)) return `${ctx.imports.value(ctx.objectsModule, 'copyScalarMap')}(${src})`;
      const copyMap = ctx.imports.value(ctx.objectsModule, 'copyMap');
      const v = `value${ctx.temp.n++}`;
      const inner: string[] = [];
      const expr = copyValue(t.values, v, inner, `${indent}  `, ctx);
      if (inner.length === 0) return `${copyMap}(${src}, (${v}) => ${expr})`;
      return [`${copyMap}(${src}, (${v}) => {`, ...inner, `${indent}  return ${expr};`, `${indent}})`].join('\n');
    }
    default:
      return src;
  }
}
