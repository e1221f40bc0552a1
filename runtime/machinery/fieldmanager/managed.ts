// `metadata.managedFields` <-> a table of managers and the field sets they own. A manager is
// identified as Kubernetes identifies it: name, operation and subresource, plus the apiVersion for
// Update operations only (an applier is the same manager whatever version it applies in).
import { isObject } from '../objects.js';
import type { JSONObject } from '../registration.js';
import { FieldSet } from './fieldset.js';
import { nowRFC3339 } from '../clock.js';

export type Operation = 'Apply' | 'Update';

export interface ManagerEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource: string;
  /** RFC 3339, seconds precision; absent when never set. */
  time?: string;
  set: FieldSet;
}

export function managerId(e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Apply' ? '' : e.apiVersion, e.subresource]);
}

/** Managers by id. Insertion order is irrelevant: encoding sorts. */
export type ManagedFields = Map<string, ManagerEntry>;

/** A managedFields value that cannot be read. */
export class ManagedFieldsError extends Error {}

/** Reads `metadata.managedFields` (absent or empty: no managers). Throws ManagedFieldsError. */
export function decodeManagedFields(value: unknown): ManagedFields {
  const out: ManagedFields = new Map();
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) throw new ManagedFieldsError('metadata.managedFields must be a list');
  for (const [i, raw] of value.entries()) {
    if (!isObject(raw)) throw new ManagedFieldsError(`metadata.managedFields[${i}] must be an object`);
    const operation = raw.operation === 'Apply' ? 'Apply' : 'Update';
    if (raw.operation !== undefined && raw.operation !== 'Apply' && raw.operation !== 'Update') {
      throw new ManagedFieldsError(`metadata.managedFields[${i}].operation: must be Apply or Update`);
    }
    if (raw.fieldsType !== undefined && raw.fieldsType !== 'FieldsV1') {
      throw new ManagedFieldsError(`metadata.managedFields[${i}].fieldsType: must be FieldsV1`);
    }
    let set: FieldSet;
    try {
      set = raw.fieldsV1 === undefined || raw.fieldsV1 === null ? new FieldSet() : FieldSet.fromFieldsV1(raw.fieldsV1);
    } catch (err) {
      throw new ManagedFieldsError(`metadata.managedFields[${i}].fieldsV1: ${(err as Error).message}`);
    }
    const entry: ManagerEntry = {
      manager: typeof raw.manager === 'string' ? raw.manager : '',
      operation,
      apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : '',
      subresource: typeof raw.subresource === 'string' ? raw.subresource : '',
      set,
    };
    if (typeof raw.time === 'string') entry.time = raw.time;
    const id = managerId(entry);
    const previous = out.get(id);
    if (previous) previous.set = previous.set.union(set);
    else out.set(id, entry);
  }
  return out;
}

function seconds(time: string | undefined): number {
  if (time === undefined) return 0;
  const t = Date.parse(time);
  return Number.isNaN(t) ? 0 : Math.floor(t / 1000);
}

/** Kubernetes' order: Apply before Update, then oldest first, then manager, apiVersion, subresource. */
function compareEntries(p: ManagerEntry, q: ManagerEntry): number {
  if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
  const ps = seconds(p.time);
  const qs = seconds(q.time);
  if (ps !== qs) return ps - qs;
  for (const k of ['manager', 'apiVersion', 'subresource'] as const) {
    if (p[k] !== q[k]) return p[k] < q[k] ? -1 : 1;
  }
  return 0;
}

/** The `metadata.managedFields` list: managers with an empty set are dropped. */
export function encodeManagedFields(managed: ManagedFields): JSONObject[] {
  return [...managed.values()]
    .filter((e) => !e.set.empty())
    .sort(compareEntries)
    .map((e) => {
      const out: JSONObject = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
      if (e.time !== undefined) out.time = e.time;
      out.fieldsType = 'FieldsV1';
      out.fieldsV1 = e.set.toFieldsV1();
      if (e.subresource !== '') out.subresource = e.subresource;
      return out;
    });
}

/** Now, as metav1.Time serializes it (UTC, whole seconds). */
/** The current time to the second, as managedFields entries record it. */
export const nowTime = nowRFC3339;

/** kube-apiserver keeps at most this many Update managers; older ones merge into a bucket. */
export const MAX_UPDATE_MANAGERS = 10;
export const OLD_UPDATES_MANAGER = 'ancient-changes';

/**
 * Merges the oldest Update managers into one `ancient-changes` entry per apiVersion until at most
 * `max` Update entries remain (Apply entries are never merged). The bucket takes the time of the
 * newest entry merged into it.
 */
export function capUpdateManagers(managed: ManagedFields, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managed.entries()].filter(([, e]) => e.operation === 'Update');
  if (updaters.length <= max) return;
  updaters.sort(([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || (ia < ib ? -1 : ia > ib ? 1 : 0));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const [id, entry] = updaters[i];
    const first = firstOfVersion.get(entry.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(entry.apiVersion, id);
      continue;
    }
    const bucketKey = { manager: OLD_UPDATES_MANAGER, operation: 'Update' as const, apiVersion: entry.apiVersion, subresource: '' };
    const bucketId = managerId(bucketKey);
    let bucket = managed.get(bucketId);
    if (!bucket) {
      // The first entry of this version becomes the bucket.
      const firstEntry = managed.get(first)!;
      managed.delete(first);
      bucket = { ...bucketKey, set: firstEntry.set };
      if (firstEntry.time !== undefined) bucket.time = firstEntry.time;
      managed.set(bucketId, bucket);
    }
    bucket.set = bucket.set.union(entry.set);
    if (entry.time !== undefined) bucket.time = entry.time;
    managed.delete(id);
    length--;
  }
}
