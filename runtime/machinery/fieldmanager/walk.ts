// Walks a versioned object together with its merge type (typeinfo.ts) to do the four things
// server-side apply is built from: the field set an applied configuration specifies, the
// comparison of two objects (added / modified / removed paths), the merge of a configuration into
// the live object, and the removal of the fields an applier gave up.
import { deepCopyJSON, isObject, jsonEqual, setOwn } from '../objects.js';
import type { JSONObject, OpenAPISchema } from '../registration.js';
import { FieldSet, type PathElement, fieldElement, indexElement, keyElement, valueElement } from './fieldset.js';
import { type TypeInfo, type TypeResolver, isAtomic } from './typeinfo.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

type ListInfo = Extract<TypeInfo, { kind: 'list' }>;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A malformed applied configuration (e.g. a keyed list item without its key). */
export class ApplyShapeError extends Error {}

/** A copy without null-valued fields (nulls in an applied configuration are not stored). */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (!isObject(value)) return value;
  const out: JSONObject = {};
  for (const key of Object.keys(value)) {
    if (value[key] !== null) setOwn(out, key, stripNulls(value[key]));
  }
  return out;
}

export class ObjectWalker {
  constructor(private readonly types: TypeResolver) {}

  /** The path element of list item `item` at `index`. */
  itemElement(list: ListInfo, item: unknown, index: number): PathElement {
    if (list.listType === 'set') return valueElement(item);
    if (list.listType === 'map' && isObject(item)) {
      const keyed: JSONObject = {};
      for (const k of list.keys) {
        if (hasOwn(item, k)) keyed[k] = item[k];
        else {
          // A key left out takes its schema default (a Service port's protocol: TCP), as kube does.
          const t = list.items.kind === 'struct' ? (list.items.schema.properties as JSONObject)[k] : undefined;
          const def = isObject(t) ? (t as OpenAPISchema).default : undefined;
          if (def !== undefined) keyed[k] = def;
        }
      }
      if (Object.keys(keyed).length === 0) {
        throw new ApplyShapeError(`associative list with keys has an element that omits all key fields ${JSON.stringify(list.keys.join(', '))}`);
      }
      return keyElement(Object.keys(keyed), keyed);
    }
    return indexElement(index);
  }

  private index(list: ListInfo, items: unknown[]): Map<PathElement, unknown> {
    const out = new Map<PathElement, unknown>();
    items.forEach((item, i) => {
      const e = this.itemElement(list, item, i);
      if (!out.has(e)) out.set(e, item);
    });
    return out;
  }

  /** Leaves and list items an applied configuration specifies (containers are not members). */
  toFieldSet(value: unknown, type: TypeInfo, path: PathElement[] = [], set = new FieldSet()): FieldSet {
    if (isAtomic(type, value)) {
      if (path.length > 0) set.insert(path);
      return set;
    }
    if (type.kind === 'list') {
      (value as unknown[]).forEach((item, i) => {
        const p = [...path, this.itemElement(type, item, i)];
        set.insert(p);
        if (type.listType === 'map' && isObject(item)) this.fieldsOf(item, type.items, p, set);
      });
      return set;
    }
    this.fieldsOf(value as JSONObject, type, path, set);
    return set;
  }

  private fieldsOf(obj: JSONObject, type: TypeInfo, path: PathElement[], set: FieldSet): void {
    for (const key of Object.keys(obj)) {
      this.toFieldSet(obj[key], this.types.child(type, key), [...path, fieldElement(key)], set);
    }
  }

  /** Every path in `value`, containers included (what an added or removed subtree counts as). */
  private mark(value: unknown, type: TypeInfo, path: PathElement[], set: FieldSet): void {
    if (path.length > 0) set.insert(path);
    if (isAtomic(type, value)) return;
    if (type.kind === 'list') {
      (value as unknown[]).forEach((item, i) => this.mark(item, type.items, [...path, this.itemElement(type, item, i)], set));
      return;
    }
    const obj = value as JSONObject;
    for (const key of Object.keys(obj)) this.mark(obj[key], this.types.child(type, key), [...path, fieldElement(key)], set);
  }

  /** What changed from `lhs` to `rhs`: leaves that differ are modified; subtrees appear or vanish whole. */
  compare(lhs: unknown, rhs: unknown, type: TypeInfo): Comparison {
    const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
    this.compareAt(lhs, rhs, type, [], out);
    return out;
  }

  private compareAt(lhs: unknown, rhs: unknown, type: TypeInfo, path: PathElement[], out: Comparison): void {
    if (lhs === undefined && rhs === undefined) return;
    if (lhs === undefined) return this.mark(rhs, type, path, out.added);
    if (rhs === undefined) return this.mark(lhs, type, path, out.removed);
    const shapeDiffers = Array.isArray(lhs) !== Array.isArray(rhs) || isObject(lhs) !== isObject(rhs);
    if (shapeDiffers || isAtomic(type, lhs) || isAtomic(type, rhs)) {
      if (!jsonEqual(lhs, rhs) && path.length > 0) out.modified.insert(path);
      return;
    }
    if (type.kind === 'list') {
      const l = this.index(type, lhs as unknown[]);
      const r = this.index(type, rhs as unknown[]);
      for (const e of new Set([...l.keys(), ...r.keys()])) this.compareAt(l.get(e), r.get(e), type.items, [...path, e], out);
      return;
    }
    const lo = lhs as JSONObject;
    const ro = rhs as JSONObject;
    for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
      const lv = hasOwn(lo, key) ? lo[key] : undefined;
      const rv = hasOwn(ro, key) ? ro[key] : undefined;
      this.compareAt(lv, rv, this.types.child(type, key), [...path, fieldElement(key)], out);
    }
  }

  /** The live object with the configuration merged in (granular fields merge, atomic ones replace). */
  merge(lhs: unknown, rhs: unknown, type: TypeInfo): unknown {
    if (rhs === undefined) return deepCopyJSON(lhs);
    if (lhs === undefined || lhs === null) return stripNulls(rhs);
    const shapeDiffers = Array.isArray(lhs) !== Array.isArray(rhs) || isObject(lhs) !== isObject(rhs);
    if (shapeDiffers || isAtomic(type, lhs) || isAtomic(type, rhs)) return stripNulls(rhs);
    if (type.kind === 'list') return this.mergeList(lhs as unknown[], rhs as unknown[], type);
    const out: JSONObject = deepCopyJSON(lhs as JSONObject);
    const ro = rhs as JSONObject;
    for (const key of Object.keys(ro)) {
      // A null in a configuration clears the field (its applier still owns it).
      if (ro[key] === null) {
        delete out[key];
        continue;
      }
      const lv = hasOwn(out, key) ? out[key] : undefined;
      setOwn(out, key, this.merge(lv, ro[key], this.types.child(type, key)));
    }
    return out;
  }

  /**
   * Keyed and set lists: the configuration's items come in its order; live-only items keep their
   * place relative to the items around them.
   */
  private mergeList(lhs: unknown[], rhs: unknown[], type: ListInfo): unknown[] {
    const lhsEls = lhs.map((item, i) => this.itemElement(type, item, i));
    const rhsEls = rhs.map((item, i) => this.itemElement(type, item, i));
    const lhsBy = new Map<PathElement, unknown>();
    lhsEls.forEach((e, i) => lhsBy.has(e) || lhsBy.set(e, lhs[i]));
    const rhsBy = new Map<PathElement, unknown>();
    rhsEls.forEach((e, i) => rhsBy.has(e) || rhsBy.set(e, rhs[i]));
    const shared = rhsEls.filter((e) => lhsBy.has(e));
    let nextShared = 0;
    const done = new Set<PathElement>();
    const out: unknown[] = [];
    const take = (e: PathElement): void => {
      done.add(e);
      out.push(type.listType === 'set' ? deepCopyJSON(rhsBy.get(e) ?? lhsBy.get(e)) : this.merge(lhsBy.get(e), rhsBy.get(e), type.items));
      if (shared[nextShared] === e) nextShared++;
    };
    let l = 0;
    let r = 0;
    while (l < lhsEls.length || r < rhsEls.length) {
      if (l < lhsEls.length) {
        const e = lhsEls[l];
        if (done.has(e)) {
          l++;
          continue;
        }
        if (!rhsBy.has(e)) {
          out.push(deepCopyJSON(lhs[l]));
          done.add(e);
          l++;
          continue;
        }
        // A shared item waits until the configuration reaches it.
        if (r < rhsEls.length && rhsEls[r] === e) {
          take(e);
          l++;
          r++;
          continue;
        }
        if (shared[nextShared] !== e) {
          l++;
          continue;
        }
      }
      if (r < rhsEls.length) {
        const e = rhsEls[r++];
        if (!done.has(e)) take(e);
      }
    }
    return out;
  }

  /**
   * `value` without the members of `remove` (leaves, and list items whole). A struct, map or list
   * left empty by the removal goes too, unless `keep` (everything still owned) reaches into it.
   */
  removeItems(value: unknown, remove: FieldSet, keep: FieldSet, type: TypeInfo, path: PathElement[] = []): unknown {
    if (isAtomic(type, value)) return value;
    if (type.kind === 'list') {
      const out: unknown[] = [];
      (value as unknown[]).forEach((item, i) => {
        const p = [...path, this.itemElement(type, item, i)];
        // A removed item or field goes whole unless something under it is still owned.
        if (remove.has(p) && !keep.hasPrefix(p)) return;
        out.push(remove.hasPrefix(p) && type.listType === 'map' ? this.removeItems(item, remove, keep, type.items, p) : item);
      });
      return out;
    }
    const out: JSONObject = { ...(value as JSONObject) };
    for (const key of Object.keys(out)) {
      const p = [...path, fieldElement(key)];
      if (remove.has(p) && !keep.hasPrefix(p)) {
        delete out[key];
        continue;
      }
      if (!remove.hasPrefix(p)) continue;
      const before = out[key];
      const after = this.removeItems(before, remove, keep, this.types.child(type, key), p);
      const emptied = (isObject(after) && Object.keys(after).length > 0) || (Array.isArray(after) && after.length > 0) ? false : true;
      if (emptied && !keep.hasPrefix(p)) delete out[key];
      else setOwn(out, key, after);
    }
    return out;
  }
}
