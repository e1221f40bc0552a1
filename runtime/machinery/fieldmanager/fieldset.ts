// A set of field paths, the unit server-side apply counts ownership in. Each path element is kept
// in its FieldsV1 spelling, so a set encodes to (and decodes from) `metadata.managedFields[].fieldsV1`
// without translation:
//   f:<name>          a field of a struct or a key of a map
//   k:{"name":"a"}    an item of a list keyed by its map keys (JSON object, keys sorted)
//   v:<json>          an item of a set-typed list, by value
//   i:<n>             an item of a list addressed by index
// A node is a *member* when the path ending there is in the set; it may also have children (the
// `.` entry of FieldsV1 marks a member that has children).
import { isObject, setOwn } from '../objects.js';
import type { JSONObject } from '../registration.js';

export type PathElement = string;
export type FieldPath = readonly PathElement[];

export const fieldElement = (name: string): PathElement => `f:${name}`;
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;
export const indexElement = (index: number): PathElement => `i:${index}`;

/** `k:` element of a keyed list item: the key fields as a JSON object in sorted key order. */
export function keyElement(keys: readonly string[], item: JSONObject): PathElement {
  const sorted = [...keys].sort();
  const parts = sorted.map((k) => `${JSON.stringify(k)}:${JSON.stringify(item[k])}`);
  return `k:{${parts.join(',')}}`;
}

const TYPE_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Order of elements in FieldsV1 and in messages: fields, then keys, values, indexes. */
export function compareElements(a: PathElement, b: PathElement): number {
  const ra = TYPE_RANK[a[0]] ?? 4;
  const rb = TYPE_RANK[b[0]] ?? 4;
  if (ra !== rb) return ra - rb;
  if (a[0] === 'i' && b[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One element as Kubernetes prints it in conflict messages: `.name`, `[name="a"]`, `[="x"]`, `[0]`. */
export function elementString(e: PathElement): string {
  const body = e.slice(2);
  switch (e[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      try {
        const keys = JSON.parse(body) as JSONObject;
        return `[${Object.keys(keys)
          .map((k) => `${k}=${JSON.stringify(keys[k])}`)
          .join(',')}]`;
      } catch {
        return `[${body}]`;
      }
    }
    case 'v':
      return `[=${body}]`;
    case 'i':
      return `[${body}]`;
    default:
      return e;
  }
}

export function pathString(path: FieldPath): string {
  return path.map(elementString).join('');
}

export class FieldSet {
  private member = false;
  private readonly children = new Map<PathElement, FieldSet>();

  static fromPaths(paths: Iterable<FieldPath>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: FieldPath): void {
    let node: FieldSet = this;
    for (const e of path) {
      let next = node.children.get(e);
      if (!next) {
        next = new FieldSet();
        node.children.set(e, next);
      }
      node = next;
    }
    node.member = true;
  }

  has(path: FieldPath): boolean {
    const node = this.node(path);
    return node !== undefined && node.member;
  }

  /** True when the set has `path` or anything below it. */
  hasPrefix(path: FieldPath): boolean {
    const node = this.node(path);
    return node !== undefined && !node.empty();
  }

  /** The subtree under `path` (empty when absent); shares no state with this set. */
  withPrefix(path: FieldPath): FieldSet {
    return this.node(path)?.clone() ?? new FieldSet();
  }

  private node(path: FieldPath): FieldSet | undefined {
    let node: FieldSet | undefined = this;
    for (const e of path) {
      node = node.children.get(e);
      if (!node) return undefined;
    }
    return node;
  }

  empty(): boolean {
    if (this.member) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    out.member = this.member;
    for (const [e, c] of this.children) out.children.set(e, c.clone());
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.addAll(other);
    return out;
  }

  private addAll(other: FieldSet): void {
    if (other.member) this.member = true;
    for (const [e, c] of other.children) {
      let mine = this.children.get(e);
      if (!mine) {
        mine = new FieldSet();
        this.children.set(e, mine);
      }
      mine.addAll(c);
    }
  }

  /** Members of this set that are not members of `other`. */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [e, c] of this.children) {
      const o = other.children.get(e);
      const d = o ? c.difference(o) : c.clone();
      if (!d.empty()) out.children.set(e, d);
    }
    return out;
  }

  /** Members present in both sets. */
  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && other.member;
    for (const [e, c] of this.children) {
      const o = other.children.get(e);
      if (!o) continue;
      const i = c.intersection(o);
      if (!i.empty()) out.children.set(e, i);
    }
    return out;
  }

  /** Every member path, children in FieldsV1 order. */
  paths(prefix: PathElement[] = []): PathElement[][] {
    const out: PathElement[][] = [];
    if (this.member && prefix.length > 0) out.push([...prefix]);
    for (const e of [...this.children.keys()].sort(compareElements)) {
      out.push(...this.children.get(e)!.paths([...prefix, e]));
    }
    return out;
  }

  /** Removes the whole subtree at `path` (used to drop fields the server does not track). */
  removePrefix(path: FieldPath): void {
    if (path.length === 0) {
      this.member = false;
      this.children.clear();
      return;
    }
    const parent = this.node(path.slice(0, -1));
    parent?.children.delete(path[path.length - 1]);
  }

  /** Keeps only the subtree at `path` (and the path itself if it is a member). */
  keepOnly(path: FieldPath): FieldSet {
    const out = new FieldSet();
    const sub = this.node(path);
    if (!sub) return out;
    let node = out;
    for (const e of path) {
      const next = new FieldSet();
      node.children.set(e, next);
      node = next;
    }
    node.addAll(sub);
    return out;
  }

  /** FieldsV1 JSON: one key per child in sorted order, `.` first on a member with children. */
  toFieldsV1(): JSONObject {
    const out: JSONObject = {};
    if (this.member && this.children.size > 0) out['.'] = {};
    for (const e of [...this.children.keys()].sort(compareElements)) {
      const child = this.children.get(e)!;
      if (child.empty()) continue;
      setOwn(out, e, child.toFieldsV1());
    }
    return out;
  }

  /** Reads FieldsV1 JSON; anything that is not an object of objects is rejected. */
  static fromFieldsV1(v: unknown): FieldSet {
    const out = new FieldSet();
    out.read(v, true);
    return out;
  }

  private read(v: unknown, root: boolean): void {
    if (!isObject(v)) throw new Error('fieldsV1 must be a JSON object');
    const keys = Object.keys(v);
    if (!root && keys.length === 0) this.member = true;
    for (const k of keys) {
      if (k === '.') {
        if (!root) this.member = true;
        continue;
      }
      if (!/^[fkvi]:/.test(k)) throw new Error(`invalid fieldsV1 element ${JSON.stringify(k)}`);
      const child = new FieldSet();
      child.read(v[k], false);
      this.children.set(k, child);
    }
  }
}
