// The per-kind Strategy: the small set of hooks that make the one generic Store behave right for
// one kind, shaped after k8s.io/apiserver's RESTCreateStrategy / RESTUpdateStrategy. A Strategy is
// derived from the kind's registration (scope, subresources, generated validation); nothing here
// names a concrete kind. Objects are internal objects (no apiVersion/kind).
import type { FieldError, JSONObject, KindRegistration } from '../machinery/registration.js';
import { isObject } from '../machinery/objects.js';
import { stableStringify } from './jsonequal.js';

export interface Strategy {
  /** True when objects live in a namespace. */
  readonly namespaceScoped: boolean;
  /** PUT on a missing object creates it (kube: false for built-ins and custom resources). */
  readonly allowCreateOnUpdate: boolean;
  /** PUT without metadata.resourceVersion overwrites whatever is stored. */
  readonly allowUnconditionalUpdate: boolean;
  /**
   * Runs first on create, before validation; may mutate. Normalises what users may not set:
   * e.g. clears `status` when the kind has a status subresource (status is written through
   * /status only) and sets metadata.generation to 1.
   */
  prepareForCreate(obj: JSONObject): void;
  /**
   * Runs first on update (main resource), before validation; may mutate `obj`, never `old`.
   * E.g. keeps `old.status` when the kind has a status subresource, and bumps generation only
   * when something other than metadata/status changed.
   */
  prepareForUpdate(obj: JSONObject, old: JSONObject): void;
  /**
   * Runs first on an update of the status subresource: everything but `status` comes from `old`.
   */
  prepareForStatusUpdate(obj: JSONObject, old: JSONObject): void;
  /** Runs after prepare; must not mutate. Returns every field error (empty = valid). */
  validate(obj: JSONObject, old?: JSONObject): FieldError[];
  /** Runs last, after validation passed; may mutate to a canonical form (e.g. sort sets). */
  canonicalize(obj: JSONObject): void;
}

/** The object's metadata, created when absent (internal objects always have one after decode). */
export function metadataOf(obj: JSONObject): JSONObject {
  if (!isObject(obj.metadata)) obj.metadata = {};
  return obj.metadata as JSONObject;
}

/** Everything except metadata and status: what generation counts changes of. */
function specPart(obj: JSONObject): string {
  const rest: JSONObject = {};
  for (const key of Object.keys(obj)) {
    if (key !== 'metadata' && key !== 'status') rest[key] = obj[key];
  }
  return stableStringify(rest);
}

/** ObjectMeta rules the generated validation may not cover; deduplicated against it later. */
function metadataErrors(obj: JSONObject, namespaceScoped: boolean): FieldError[] {
  const meta = metadataOf(obj);
  const errs: FieldError[] = [];
  if (typeof meta.name !== 'string' || meta.name === '') {
    errs.push({ type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' });
  }
  if (namespaceScoped && (typeof meta.namespace !== 'string' || meta.namespace === '')) {
    errs.push({ type: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' });
  }
  return errs;
}

/** Update-only ObjectMeta rules (ValidateObjectMetaUpdate): identity fields are immutable. */
function metadataUpdateErrors(obj: JSONObject, old: JSONObject): FieldError[] {
  const meta = metadataOf(obj);
  const oldMeta = metadataOf(old);
  const errs: FieldError[] = [];
  for (const field of ['name', 'namespace', 'uid'] as const) {
    if (meta[field] !== oldMeta[field]) {
      errs.push({
        type: 'FieldValueInvalid',
        field: `metadata.${field}`,
        message: `Invalid value: ${JSON.stringify(meta[field] ?? '')}: field is immutable`,
      });
    }
  }
  return errs;
}

/** ObjectMeta collections that Go omits when empty (`omitempty`): an emptied map or list (the
 * last label removed, `annotations: {}` from a patch) is stored as absent, so reads and dry-run
 * answers (kubectl diff) show what kube-apiserver shows. */
const OMIT_WHEN_EMPTY = ['labels', 'annotations', 'finalizers', 'ownerReferences', 'managedFields'];

function dropEmptyMetadataCollections(obj: JSONObject): void {
  const meta = metadataOf(obj);
  for (const key of OMIT_WHEN_EMPTY) {
    const value = meta[key];
    if (value === null || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) {
      delete meta[key];
    }
  }
}

/** Drops an error that repeats one already reported for the same field. */
function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errs) {
    const key = `${e.field}\u0000${e.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** Builds the Strategy of a kind from its registration. */
export function strategyFor(kind: KindRegistration): Strategy {
  const namespaceScoped = kind.scope === 'Namespaced';
  const hasStatus = kind.subresources.status;
  return {
    namespaceScoped,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status;
      metadataOf(obj).generation = 1;
    },
    prepareForUpdate(obj, old) {
      if (hasStatus) {
        if (old.status === undefined) delete obj.status;
        else obj.status = old.status;
      }
      const oldGeneration = typeof metadataOf(old).generation === 'number' ? (metadataOf(old).generation as number) : 1;
      metadataOf(obj).generation = specPart(obj) === specPart(old) ? oldGeneration : oldGeneration + 1;
    },
    prepareForStatusUpdate(obj, old) {
      const status = obj.status;
      for (const key of Object.keys(obj)) delete obj[key];
      for (const key of Object.keys(old)) obj[key] = old[key];
      // Metadata changes are ignored on /status (the Store read the precondition already).
      obj.metadata = { ...metadataOf(old) };
      if (status === undefined) delete obj.status;
      else obj.status = status;
    },
    validate(obj, old) {
      const generated = kind.internal.validate(obj, old === undefined ? { operation: 'create' } : { operation: 'update', old });
      const meta = old === undefined ? metadataErrors(obj, namespaceScoped) : metadataUpdateErrors(obj, old);
      const generatedFields = new Set(generated.map((e) => e.field));
      return dedupe([...generated, ...meta.filter((e) => !generatedFields.has(e.field))]);
    },
    canonicalize(obj) {
      dropEmptyMetadataCollections(obj);
    },
  };
}

/** Adds extra create/delete behaviour to a strategy (used for the namespace kind). */
export function withPrepareForCreate(base: Strategy, extra: (obj: JSONObject) => void): Strategy {
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      extra(obj);
    },
  };
}
