// Decides how each versioned type converts to and from its internal pair (same type name):
// which fields convert automatically (same JSON name, compatible type), which are unmatched,
// which pairs are reachable from the version's kinds, and which unmatched fields no hook covers.
// The last ones become GeneratorErrors naming the field path from the kind root.

import path from 'node:path';
import { GeneratorError, type FieldModel, type TypeRef, type VersionModel } from '../model.js';
import { refOf, type TypeSpace } from './spaces.js';

export type Direction = 'toInternal' | 'fromInternal';

export interface FieldMatch {
  from: FieldModel;
  to: FieldModel;
}

export interface Unmatched {
  field: FieldModel;
  reason: string;
}

export interface PairPlan {
  name: string;
  matched: FieldMatch[];
  unmatched: Unmatched[];
}

export interface DirectionPlan {
  direction: Direction;
  source: TypeSpace;
  target: TypeSpace;
  /** Reachable pairs in the source space's declaration order. */
  pairs: PairPlan[];
  hooks: Set<string>;
}

export interface ConversionPlan {
  toInternal: DirectionPlan;
  fromInternal: DirectionPlan;
  /** Versioned kinds that convert (those with an internal kind of the same name). */
  kinds: string[];
  errors: GeneratorError[];
}

function describe(t: TypeRef): string {
  switch (t.kind) {
    case 'array':
      return `array of ${describe(t.items)}`;
    case 'map':
      return `map of ${describe(t.values)}`;
    case 'ref':
      return t.name;
    case 'enum':
      return 'string enum';
    default:
      return t.kind;
  }
}

/** Can a value of type `a` (source space) be converted field by field into type `b` (target)? */
export function compatible(a: TypeRef, b: TypeRef, source: TypeSpace, target: TypeSpace): boolean {
  const stringLike = (t: TypeRef): boolean => t.kind === 'string' || t.kind === 'enum';
  if (stringLike(a) && stringLike(b)) return true;
  switch (a.kind) {
    case 'integer':
    case 'number':
    case 'boolean':
    case 'intOrString':
    case 'json':
      return b.kind === a.kind;
    case 'array':
      return b.kind === 'array' && compatible(a.items, b.items, source, target);
    case 'map':
      return b.kind === 'map' && compatible(a.values, b.values, source, target);
    case 'ref':
      if (b.kind !== 'ref' || b.name !== a.name || b.scope !== a.scope) return false;
      if (a.scope === 'meta') return source.meta.byName.has(a.name);
      return source.byName.has(a.name) && target.byName.has(b.name);
    default:
      return false;
  }
}

function planPair(name: string, direction: Direction, source: TypeSpace, target: TypeSpace): PairPlan | undefined {
  const from = source.byName.get(name);
  const to = target.byName.get(name);
  if (!from || !to) return undefined;
  const targetFields = new Map(to.fields.map((f) => [f.name, f]));
  const internalOnly = direction === 'fromInternal' ? source.internalOnly.get(name) : undefined;
  const plan: PairPlan = { name, matched: [], unmatched: [] };
  for (const field of from.fields) {
    if (internalOnly?.has(field.name)) continue; // internal-only fields are never served
    const other = targetFields.get(field.name);
    if (!other) {
      plan.unmatched.push({ field, reason: `no field "${field.name}" in ${target.alias} ${name}` });
    } else if (!compatible(field.type, other.type, source, target)) {
      plan.unmatched.push({
        field,
        reason: `type differs (${source.alias}: ${describe(field.type)}, ${target.alias}: ${describe(other.type)})`,
      });
    } else {
      plan.matched.push({ from: field, to: other });
    }
  }
  // metadata first: a kind hook then sees dst.metadata already copied.
  plan.matched.sort((x, y) => Number(y.from.name === 'metadata') - Number(x.from.name === 'metadata'));
  return plan;
}

/** `[]` per array level and `[*]` per map level between a field and the named type inside. */
function containerSuffix(t: TypeRef): string {
  if (t.kind === 'array') return `[]${containerSuffix(t.items)}`;
  if (t.kind === 'map') return `[*]${containerSuffix(t.values)}`;
  return '';
}

export function planConversion(version: VersionModel, versioned: TypeSpace, internal: TypeSpace): ConversionPlan {
  const errors: GeneratorError[] = [];
  const kinds: string[] = [];
  for (const kind of versioned.kinds) {
    if (internal.byName.has(kind.name) && internal.kinds.some((k) => k.name === kind.name)) kinds.push(kind.name);
    else {
      errors.push(
        new GeneratorError(kind.source, `kind ${kind.name} of ${version.name} has no internal kind of that name (the hub version must declare it)`),
      );
    }
  }
  const hookFile =
    version.hooks.conversionFile ?? path.posix.join(path.posix.dirname(version.source.file), 'conversion.ts');

  const planDirection = (direction: Direction): DirectionPlan => {
    const [source, target] = direction === 'toInternal' ? [versioned, internal] : [internal, versioned];
    const hooks = new Set(direction === 'toInternal' ? version.hooks.toInternal : version.hooks.fromInternal);
    const cache = new Map<string, PairPlan | undefined>();
    const get = (name: string): PairPlan | undefined => {
      if (!cache.has(name)) cache.set(name, planPair(name, direction, source, target));
      return cache.get(name);
    };
    const reached = new Set<string>();
    const visit = (name: string, prefix: string, covered: boolean, stack: string[]): void => {
      if (stack.includes(name)) return;
      const plan = get(name);
      if (!plan) return;
      reached.add(name);
      const hooked = covered || hooks.has(name);
      for (const u of plan.unmatched) {
        if (hooked) continue;
        const fieldPath = prefix === '' ? u.field.name : `${prefix}.${u.field.name}`;
        const hook = `${name}${direction === 'toInternal' ? 'ToInternal' : 'FromInternal'}`;
        const where =
          direction === 'toInternal' ? u.field.source : (versioned.byName.get(name)?.source ?? version.source);
        const [fromName, toName] = direction === 'toInternal' ? [version.name, 'internal'] : ['internal', version.name];
        errors.push(
          new GeneratorError(
            where,
            `not converted from ${fromName} to ${toName}: ${u.reason}; write hook ${hook}(src, dst) in ${hookFile} (or a hook on an enclosing type)`,
            fieldPath,
          ),
        );
      }
      for (const m of plan.matched) {
        const ref = refOf(m.from.type);
        if (!ref || ref.scope === 'meta') continue;
        const base = prefix === '' ? m.from.name : `${prefix}.${m.from.name}`;
        visit(ref.name, base + containerSuffix(m.from.type), hooked, [...stack, name]);
      }
    };
    for (const kind of kinds) visit(kind, '', false, []);
    const pairs = source.types.filter((t) => reached.has(t.name)).map((t) => get(t.name)!);
    return { direction, source, target, pairs, hooks };
  };

  return { toInternal: planDirection('toInternal'), fromInternal: planDirection('fromInternal'), kinds, errors };
}
