// Field ownership for one kind at one version: records `metadata.managedFields` for ordinary writes
// (operation Update) and performs server-side apply (operation Apply), as Kubernetes does:
// - an Update manager takes every field its write added or changed (from any other manager) and
//   loses the fields the write removed;
// - an applier owns exactly the fields of its configuration; changing a field another manager
//   owns is a conflict unless forced (forcing takes the field over); a field the applier owned
//   last time and leaves out now is removed, unless another manager still owns it;
// - `kubectl` applying to an object last written by client-side apply may take over the fields
//   whose live value still matches the last-applied annotation (the upgrade path from
//   client-side to server-side apply), and keeps that annotation in sync.
// Objects are versioned JSON objects; the server-owned metadata fields are never tracked, and the
// status subresource's fields are tracked apart from the main resource's.
import { badRequest } from '../errors.js';
import { deepCopyJSON, isObject } from '../objects.js';
import type { JSONObject, OpenAPISchema } from '../registration.js';
import { applyConflictError, type Conflict } from './conflicts.js';
import { FieldSet, fieldElement } from './fieldset.js';
import {
  ManagedFieldsError,
  type ManagedFields,
  type ManagerEntry,
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  managerId,
  nowTime,
} from './managed.js';
import { type TypeInfo, TypeResolver } from './typeinfo.js';
import { ApplyShapeError, ObjectWalker } from './walk.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The field manager `kubectl apply --server-side` uses; only it upgrades client-side apply. */
const KUBECTL_APPLY_MANAGER = 'kubectl';

/** Server-set metadata, never owned by anyone (kube's stripped meta fields). */
const UNTRACKED: string[][] = [
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => [
    'f:metadata',
    fieldElement(f),
  ]),
];
const UNTRACKED_SET = FieldSet.fromPaths(UNTRACKED);
const STATUS = [fieldElement('status')];

export interface FieldManagerOptions {
  schemas: Record<string, OpenAPISchema>;
  /** The kind's schema name in `schemas`. */
  schemaName: string;
  /** `group/version` (or `v1`) the objects are in. */
  apiVersion: string;
  /** '' for the main resource, 'status' for the status subresource. */
  subresource: string;
  /** True when the kind has a status subresource (then the main resource does not own status). */
  statusSubresource: boolean;
  /** The kind's other served versions: managers that wrote in them own fields named in them. */
  otherVersions?: OtherVersion[];
}

/** Another version of the kind, to judge ownership recorded in that version's field names. */
export interface OtherVersion {
  apiVersion: string;
  schemas: Record<string, OpenAPISchema>;
  schemaName: string;
  /** An object of the FieldManager's version, converted to this version. */
  convert(obj: JSONObject): JSONObject;
}

interface Changes {
  changed: FieldSet;
  removed: FieldSet;
}

interface VersionView {
  walker: ObjectWalker;
  root: TypeInfo;
  convert(obj: JSONObject): JSONObject;
}

function withoutManagedFields(obj: JSONObject | undefined): JSONObject {
  const copy = deepCopyJSON(obj ?? {});
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

function metadataOf(obj: JSONObject): JSONObject {
  if (!isObject(obj.metadata)) obj.metadata = {};
  return obj.metadata as JSONObject;
}

function annotationOf(obj: JSONObject | undefined, name: string): string | undefined {
  const annotations = obj && isObject(obj.metadata) ? obj.metadata.annotations : undefined;
  const value = isObject(annotations) ? annotations[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export class FieldManager {
  private readonly walker: ObjectWalker;
  private readonly root: TypeInfo;

  private readonly views = new Map<string, VersionView>();

  constructor(private readonly opts: FieldManagerOptions) {
    const types = new TypeResolver(opts.schemas);
    this.walker = new ObjectWalker(types);
    this.root = types.root(opts.schemaName);
    for (const other of opts.otherVersions ?? []) {
      if (other.apiVersion === opts.apiVersion) continue;
      const otherTypes = new TypeResolver(other.schemas);
      this.views.set(other.apiVersion, { walker: new ObjectWalker(otherTypes), root: otherTypes.root(other.schemaName), convert: other.convert });
    }
  }

  /**
   * What a write changed and removed, in the field names of `apiVersion` (a manager's set is
   * compared in the version it was recorded in; unknown versions are read as this one).
   */
  private changesIn(apiVersion: string, lhs: JSONObject, rhs: JSONObject, cache: Map<string, Changes>): Changes {
    const view = this.views.get(apiVersion);
    const key = view ? apiVersion : this.opts.apiVersion;
    const cached = cache.get(key);
    if (cached) return cached;
    let cmp;
    if (view) {
      try {
        cmp = view.walker.compare(view.convert(lhs), view.convert(rhs), view.root);
      } catch {
        cmp = this.walker.compare(lhs, rhs, this.root);
      }
    } else {
      cmp = this.walker.compare(lhs, rhs, this.root);
    }
    const out = { changed: this.tracked(cmp.added.union(cmp.modified)), removed: this.tracked(cmp.removed) };
    cache.set(key, out);
    return out;
  }

  /** The part of `set` this resource tracks: no server-set metadata; status apart from the rest. */
  private tracked(set: FieldSet): FieldSet {
    let out = set.difference(UNTRACKED_SET);
    if (this.opts.subresource === 'status') out = out.keepOnly(STATUS);
    else if (this.opts.statusSubresource) out.removePrefix(STATUS);
    return out;
  }

  private managedOf(obj: JSONObject | undefined): ManagedFields {
    try {
      return decodeManagedFields(obj && isObject(obj.metadata) ? obj.metadata.managedFields : undefined);
    } catch {
      // Unreadable records on a stored object are dropped rather than failing every write.
      return new Map();
    }
  }

  /**
   * Records the write `live` -> `next` by `manager` (operation Update) in next's managedFields.
   * `live` is undefined on create. A `next` that carries its own non-empty managedFields (the main
   * resource only) replaces the recorded ones: that is how clients edit or reset them.
   */
  recordUpdate(live: JSONObject | undefined, next: JSONObject, manager: string): void {
    let managed = this.managedOf(live);
    const sent = isObject(next.metadata) ? next.metadata.managedFields : undefined;
    if (this.opts.subresource === '' && Array.isArray(sent) && sent.length > 0) {
      try {
        managed = decodeManagedFields(sent);
      } catch (err) {
        if (err instanceof ManagedFieldsError) throw badRequest(err.message);
        throw err;
      }
    }
    const lhs = withoutManagedFields(live);
    const rhs = withoutManagedFields(next);
    const cache = new Map<string, Changes>();
    const { changed, removed } = this.changesIn(this.opts.apiVersion, lhs, rhs, cache);
    const id = managerId({ manager, operation: 'Update', apiVersion: this.opts.apiVersion, subresource: this.opts.subresource });
    for (const [otherId, entry] of managed) {
      if (otherId === id) continue;
      const theirs = this.changesIn(entry.apiVersion, lhs, rhs, cache);
      entry.set = entry.set.difference(theirs.changed).difference(theirs.removed);
    }
    const mine: ManagerEntry = managed.get(id) ?? {
      manager,
      operation: 'Update',
      apiVersion: this.opts.apiVersion,
      subresource: this.opts.subresource,
      set: new FieldSet(),
    };
    mine.set = mine.set.difference(removed).union(changed);
    if (!changed.empty()) mine.time = nowTime();
    managed.set(id, mine);
    dropEmpty(managed);
    capUpdateManagers(managed);
    metadataOf(next).managedFields = encodeManagedFields(managed);
  }

  /**
   * Server-side apply of `config` (a versioned object, already checked to be of this kind) by
   * `manager` onto `live` (undefined: the object does not exist yet). Returns the new versioned
   * object with its managedFields; throws a 409 listing the conflicts unless `force`.
   */
  apply(live: JSONObject | undefined, config: JSONObject, manager: string, force: boolean): JSONObject {
    if (isObject(config.metadata) && config.metadata.managedFields !== undefined && config.metadata.managedFields !== null) {
      throw badRequest('metadata.managedFields must be nil');
    }
    try {
      return this.applyChecked(live, config, manager, force);
    } catch (err) {
      if (err instanceof ApplyShapeError) throw badRequest(`failed to create typed patch object: ${err.message}`);
      throw err;
    }
  }

  private applyChecked(live: JSONObject | undefined, config: JSONObject, manager: string, force: boolean): JSONObject {
    const managed = this.managedOf(live);
    const liveClean = withoutManagedFields(live);
    const configSet = this.tracked(this.walker.toFieldSet(config, this.root));
    let merged = this.walker.merge(liveClean, config, this.root) as JSONObject;

    const id = managerId({ manager, operation: 'Apply', apiVersion: '', subresource: this.opts.subresource });
    const previous = managed.get(id);
    const mine: ManagerEntry = {
      manager,
      operation: 'Apply',
      apiVersion: this.opts.apiVersion,
      subresource: this.opts.subresource,
      set: configSet,
    };
    if (previous?.time !== undefined) mine.time = previous.time;
    managed.set(id, mine);

    // Fields this applier gave up go, unless someone (this configuration included) still owns them.
    // (A previous apply in another version is not pruned: its field names may differ.)
    if (previous && !previous.set.empty() && (previous.apiVersion === this.opts.apiVersion || !this.views.has(previous.apiVersion))) {
      let owned = new FieldSet();
      for (const entry of managed.values()) owned = owned.union(entry.set);
      const remove = previous.set.difference(owned);
      if (!remove.empty()) merged = this.walker.removeItems(merged, remove, owned, this.root) as JSONObject;
    }

    const cmp = this.walker.compare(liveClean, merged, this.root);
    const cache = new Map<string, Changes>();
    let conflicts: Conflict[] = [];
    for (const [otherId, entry] of managed) {
      if (otherId === id) continue;
      const theirs = this.changesIn(entry.apiVersion, liveClean, merged, cache);
      for (const path of entry.set.intersection(theirs.changed).paths()) conflicts.push({ manager: entry, path });
    }
    if (conflicts.length > 0 && !force) {
      if (manager === KUBECTL_APPLY_MANAGER) conflicts = this.withoutClientSideApplied(live, liveClean, conflicts);
      if (conflicts.length > 0) throw applyConflictError(conflicts);
    }
    for (const [otherId, entry] of managed) {
      if (otherId === id) continue;
      const theirs = this.changesIn(entry.apiVersion, liveClean, merged, cache);
      entry.set = entry.set.difference(theirs.changed).difference(theirs.removed);
    }
    if (!previous || !jsonEqualish(previous.set, configSet) || !cmp.added.empty() || !cmp.modified.empty() || !cmp.removed.empty()) {
      mine.time = nowTime();
    }
    if (manager === KUBECTL_APPLY_MANAGER && annotationOf(live, LAST_APPLIED_ANNOTATION) !== undefined) {
      syncLastApplied(merged, config);
    }
    dropEmpty(managed);
    capUpdateManagers(managed);
    metadataOf(merged).managedFields = encodeManagedFields(managed);
    return merged;
  }

  /**
   * The conflicts left once those client-side apply explains are dropped: fields in the
   * last-applied annotation whose live value is still the one last applied.
   */
  private withoutClientSideApplied(live: JSONObject | undefined, liveClean: JSONObject, conflicts: Conflict[]): Conflict[] {
    const annotation = annotationOf(live, LAST_APPLIED_ANNOTATION);
    if (annotation === undefined) return conflicts;
    let lastApplied: unknown;
    try {
      lastApplied = JSON.parse(annotation);
    } catch {
      return conflicts;
    }
    if (!isObject(lastApplied)) return conflicts;
    try {
      const appliedSet = this.walker.toFieldSet(lastApplied, this.root);
      const drifted = this.walker.compare(lastApplied, liveClean, this.root).modified;
      const allowed = appliedSet.difference(drifted);
      return conflicts.filter((c) => !allowed.has(c.path));
    } catch {
      return conflicts;
    }
  }
}

/** Managers left owning nothing are forgotten (before capping counts them). */
function dropEmpty(managed: ManagedFields): void {
  for (const [id, entry] of managed) if (entry.set.empty()) managed.delete(id);
}

function jsonEqualish(a: FieldSet, b: FieldSet): boolean {
  return a.difference(b).empty() && b.difference(a).empty();
}

/** kubectl's annotation follows what `kubectl apply --server-side` applied (without itself). */
function syncLastApplied(merged: JSONObject, config: JSONObject): void {
  const recorded = deepCopyJSON(config);
  const meta = isObject(recorded.metadata) ? recorded.metadata : undefined;
  if (meta && isObject(meta.annotations)) {
    delete meta.annotations[LAST_APPLIED_ANNOTATION];
  }
  const annotations = metadataOf(merged).annotations;
  const target: JSONObject = isObject(annotations) ? annotations : {};
  target[LAST_APPLIED_ANNOTATION] = JSON.stringify(recorded);
  metadataOf(merged).annotations = target;
}
