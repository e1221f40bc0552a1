// The one generic Store every kind shares (k8s.io/apiserver's generic registry Store): create,
// get, list, update, delete and deletecollection of internal objects over the Storage interface.
// Behaviour that differs per kind comes from its Strategy; the metadata rules (uid,
// creationTimestamp, resourceVersion, generation, generateName, namespace) are the same for all.
import type { GroupRegistration, JSONObject, KindRegistration } from '../machinery/registration.js';
import type { Scheme } from '../machinery/scheme.js';
import type { KeyValue, Storage } from '../storage/interface.js';
import { StorageError } from '../storage/interface.js';
import {
  OBJECT_MODIFIED,
  type Status,
  alreadyExists,
  badRequest,
  conflict,
  generateNameConflict,
  invalid,
  isStatusError,
  notFound,
  successStatus,
} from '../machinery/errors.js';
import { StorageCodec, objectKey, resourcePrefix } from './codec.js';
import { type Strategy, metadataOf } from './strategy.js';
import { generateName, newUID, nowRFC3339 } from './names.js';
import { CachedObject, type ObjectCodec } from './cachedobject.js';
import { type CacheListResult, type ResourceVersionMatch, listFromCache } from './cachelist.js';
import { decodeContinue, encodeContinue } from './continuetoken.js';
import { WatchCache, type WatchCacheOptions } from './watchcache.js';

/** Kubernetes retries a generated name that collides a few times before giving up. */
const GENERATE_NAME_ATTEMPTS = 8;
/** Admits new content into a namespace: throws 404 when it does not exist, 403 while it is
 * being deleted. Plugged in by the Registry (it knows the namespace kind). */
export type NamespaceCheck = (namespace: string) => Promise<void>;

/** Extra delete behaviour for a kind (the namespace kind uses it to delete its content). */
export interface DeleteLifecycle {
  /** Runs before anything is deleted, dry runs included; throws a StatusError to refuse. */
  admitDelete?(obj: JSONObject): void;
  /** Runs right before the object leaves storage (not on dry runs), e.g. to delete content. */
  beforeDelete?(obj: JSONObject): Promise<void>;
  /** When set, a delete answers with this object instead of a Status (kube's ReturnDeletedObject). */
  deletedObject?(obj: JSONObject): JSONObject;
}

export interface StoreConfig {
  scheme: Scheme;
  storage: Storage;
  group: GroupRegistration;
  kind: KindRegistration;
  strategy: Strategy;
  /** For namespaced kinds: creating in a missing namespace is a 404. */
  checkNamespace?: NamespaceCheck;
  lifecycle?: DeleteLifecycle;
}

export interface WriteOptions {
  dryRun?: boolean;
}

export interface UpdateOptions extends WriteOptions {
  /** '' for the main resource, 'status' for the status subresource. */
  subresource?: string;
}

export interface DeleteOptions extends WriteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Chooses the internal objects a list or deletecollection returns (the request's selectors). */
export type ObjectFilter = (internal: JSONObject) => boolean;

export interface ListOptions {
  /** Only objects it accepts are returned (and count toward `limit`). */
  filter?: ObjectFilter;
  /** Page size (0 = everything). */
  limit?: number;
  /** Opaque token from a previous page. */
  continue?: string;
  /** The list's resourceVersion query value ('' or absent: the most recent state). */
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
}

export interface ListResult {
  items: JSONObject[];
  resourceVersion: string;
  /** Set when more items follow. */
  continue?: string;
  /** How many items follow this page, when known. */
  remainingItemCount?: number;
}

export type DeleteResult = { obj: JSONObject; status?: undefined } | { obj?: undefined; status: Status };

/**
 * What an update writes: the new object, or a function that derives it from the current one
 * (a patch). The function runs under the storage write lock against the latest stored object,
 * so concurrent writers cannot make it fail with a conflict; a resourceVersion it sets is still
 * checked as the client's precondition. It must not mutate `current` and must not write.
 */
export type UpdatedObject = JSONObject | ((current: JSONObject) => JSONObject);

export interface UpdateResult {
  obj: JSONObject;
  created: boolean;
}

/** Rejects names that would escape their storage key (kube: IsValidPathSegmentName). */
function checkPathSegment(kind: 'Name' | 'Namespace', value: string): void {
  const problems: string[] = [];
  if (value === '.' || value === '..') problems.push(`may not be '${value}'`);
  if (value.includes('/')) problems.push(`may not contain '/'`);
  if (value.includes('%')) problems.push(`may not contain '%'`);
  if (problems.length > 0) throw badRequest(`${kind} parameter invalid: ${JSON.stringify(value)}: ${problems.join(';')}`);
}

function parseResourceVersion(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw badRequest(`invalid resourceVersion ${JSON.stringify(value)}: must be an unsigned integer`);
  }
  return Number(value);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

export class Store {
  readonly group: GroupRegistration;
  readonly kind: KindRegistration;
  readonly strategy: Strategy;
  private readonly storage: Storage;
  private readonly codec: StorageCodec;
  private readonly prefix: string;
  private readonly checkNamespace?: NamespaceCheck;
  private readonly lifecycle: DeleteLifecycle;
  private readonly scheme: Scheme;
  private cache?: WatchCache;

  constructor(config: StoreConfig) {
    this.scheme = config.scheme;
    this.group = config.group;
    this.kind = config.kind;
    this.strategy = config.strategy;
    this.storage = config.storage;
    this.codec = new StorageCodec(config.scheme, config.group, config.kind);
    this.prefix = resourcePrefix(config.group.group, config.kind.plural);
    this.checkNamespace = config.checkNamespace;
    this.lifecycle = config.lifecycle ?? {};
  }

  get namespaceScoped(): boolean {
    return this.strategy.namespaceScoped;
  }

  private key(namespace: string, name: string): string {
    checkPathSegment('Name', name);
    if (this.namespaceScoped) checkPathSegment('Namespace', namespace);
    return objectKey(this.prefix, this.namespaceScoped ? namespace : '', name);
  }

  /** The list prefix for one namespace, or for all of them when namespace is ''. */
  private listPrefix(namespace: string): string {
    if (!this.namespaceScoped || namespace === '') return this.prefix;
    checkPathSegment('Namespace', namespace);
    return `${this.prefix}${namespace}/`;
  }

  private notFound(name: string) {
    return notFound(this.group.group, this.kind.plural, name);
  }

  // ---- create -------------------------------------------------------------------------------

  /**
   * BeforeCreate: the fixed order of create hooks. Namespace rule, system fields, strategy
   * prepare, generated name, validation (-> 422), canonicalize. Mutates `obj`.
   */
  private beforeCreate(namespace: string, obj: JSONObject): void {
    const meta = metadataOf(obj);
    if (this.namespaceScoped) {
      if (meta.namespace === undefined || meta.namespace === '') meta.namespace = namespace;
      else if (meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
    } else {
      delete meta.namespace;
    }
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
      throw badRequest('resourceVersion should not be set on objects to be created');
    }
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    this.strategy.prepareForCreate(obj);
    meta.uid = newUID();
    meta.creationTimestamp = nowRFC3339();
    if ((meta.name === undefined || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName !== '') {
      meta.name = generateName(meta.generateName);
    }
    const errs = this.strategy.validate(obj);
    if (errs.length > 0) throw invalid(this.group.group, this.kind.kind, String(meta.name ?? ''), errs);
    this.strategy.canonicalize(obj);
  }

  private async ensureNamespace(namespace: string): Promise<void> {
    if (!this.namespaceScoped || this.checkNamespace === undefined) return;
    if (namespace === '') throw badRequest('the namespace of the object is required');
    checkPathSegment('Namespace', namespace);
    await this.checkNamespace(namespace);
  }

  /** Creates `obj` (internal) in `namespace` ('' for cluster-scoped kinds). Returns the stored object. */
  async create(namespace: string, obj: JSONObject, opts: WriteOptions = {}): Promise<JSONObject> {
    await this.ensureNamespace(namespace);
    const meta = metadataOf(obj);
    // Only a name the server made up is retried on collision; a chosen name is a 409 at once.
    const generated = (meta.name === undefined || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName !== '';
    this.beforeCreate(namespace, obj);
    for (let attempt = 1; ; attempt++) {
      const name = String(meta.name);
      const key = this.key(namespace, name);
      try {
        if (opts.dryRun) {
          if ((await this.storage.get(key)) !== null) throw new StorageError('KeyExists', key);
          return obj;
        }
        const kv = await this.storage.create(key, this.codec.encode(obj));
        return this.codec.decode(kv);
      } catch (err) {
        if (!(err instanceof StorageError) || err.code !== 'KeyExists') throw err;
        if (!generated) throw alreadyExists(this.group.group, this.kind.plural, name);
        if (attempt >= GENERATE_NAME_ATTEMPTS) throw generateNameConflict(this.group.group, this.kind.plural, name);
        meta.name = generateName(String(meta.generateName));
      }
    }
  }

  // ---- read ---------------------------------------------------------------------------------

  async get(namespace: string, name: string): Promise<JSONObject> {
    const kv = await this.storage.get(this.key(namespace, name));
    if (kv === null) throw this.notFound(name);
    return this.codec.decode(kv);
  }

  /**
   * The object as a CachedObject, so that its conversion and encoding per version are shared with
   * lists, watches and other GETs. Served from the watch cache when there is one: that is still a
   * consistent read, since the storage applies every commit to the cache before it acknowledges
   * the write (a backend whose events arrive later, such as etcd, must wait for the cache to reach
   * the storage's current revision first). Without a cache, or on a miss, storage answers.
   */
  async getCached(namespace: string, name: string): Promise<CachedObject> {
    const key = this.key(namespace, name);
    const hit = this.cache?.get(key);
    if (hit !== undefined) return hit;
    const kv = await this.storage.get(key);
    if (kv === null) throw this.notFound(name);
    return new CachedObject(kv.key, kv.value, kv.modRevision, this.objectCodec());
  }

  /** The watch cache serving this resource's lists and watches, once the server started one. */
  get watchCache(): WatchCache | undefined {
    return this.cache;
  }

  /** How this resource's stored bytes become objects, for caches of them. */
  private objectCodec(): ObjectCodec {
    return {
      decode: (kv) => this.codec.decode(kv),
      toVersion: (internal, gvk) => this.scheme.fromInternal(internal, gvk),
    };
  }

  /** Creates this resource's watch cache and serves lists from it from now on. */
  createWatchCache(options: Omit<WatchCacheOptions, 'prefix' | 'codec'>): WatchCache {
    this.cache = new WatchCache({ ...options, prefix: this.prefix, codec: this.objectCodec() });
    return this.cache;
  }

  /** The storage key prefix of objects in `namespace` ('' = all), for watches. */
  watchPrefix(namespace: string): string {
    return this.listPrefix(namespace);
  }

  /**
   * Lists as stored objects (decoded and encoded lazily, shared: read only), with Kubernetes'
   * resourceVersion, limit and continue semantics when the watch cache serves the resource.
   * `select` (on the cached object) replaces opts.filter (on the internal object) when given.
   */
  async listObjects(namespace: string, opts: ListOptions = {}, select?: (obj: CachedObject) => boolean): Promise<CacheListResult> {
    const prefix = this.listPrefix(namespace);
    const filter = opts.filter;
    const chosen = select ?? (filter === undefined ? undefined : (obj: CachedObject) => filter(obj.internal()));
    if (this.cache !== undefined) {
      return listFromCache(this.cache, prefix, { ...opts, select: chosen });
    }
    return this.listFromStorage(prefix, opts, chosen);
  }

  /** Without a watch cache (a Store used on its own): the latest state, paged by key. */
  private async listFromStorage(prefix: string, opts: ListOptions, select?: (obj: CachedObject) => boolean): Promise<CacheListResult> {
    const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : 0;
    let startAfter: string | undefined;
    if (opts.continue) {
      startAfter = this.prefix + decodeContinue(opts.continue).after;
      if (!startAfter.startsWith(prefix)) throw badRequest('continue key is not valid: the key does not belong to this list');
    }
    const codec = this.objectCodec();
    const items: CachedObject[] = [];
    let revision: number | undefined;
    // Reads in chunks until the page is full, so a selective label selector still fills a page.
    for (;;) {
      const chunk = await this.storage.list(prefix, { limit, startAfter });
      revision ??= chunk.revision;
      for (let i = 0; i < chunk.items.length; i++) {
        const kv = chunk.items[i];
        const obj = new CachedObject(kv.key, kv.value, kv.modRevision, codec);
        if (select !== undefined && !select(obj)) continue;
        items.push(obj);
        if (limit > 0 && items.length === limit) {
          const more = i < chunk.items.length - 1 || chunk.more;
          const rv = String(revision);
          if (!more) return { items, resourceVersion: rv };
          return { items, resourceVersion: rv, continue: encodeContinue({ revision, after: kv.key.slice(this.prefix.length) }) };
        }
      }
      if (!chunk.more || chunk.items.length === 0) break;
      startAfter = chunk.items[chunk.items.length - 1].key;
    }
    return { items, resourceVersion: String(revision) };
  }

  /** Lists internal objects the caller owns (see listObjects for the semantics). */
  async list(namespace: string, opts: ListOptions = {}): Promise<ListResult> {
    const page = await this.listObjects(namespace, opts);
    const result: ListResult = { items: page.items.map((obj) => obj.decodeFresh()), resourceVersion: page.resourceVersion };
    if (page.continue !== undefined) result.continue = page.continue;
    if (page.remainingItemCount !== undefined) result.remainingItemCount = page.remainingItemCount;
    return result;
  }


  // ---- update -------------------------------------------------------------------------------

  /**
   * BeforeUpdate: the fixed order of update hooks. Namespace rule, strategy prepare, immutable
   * system fields from `old`, validation (-> 422), canonicalize. Mutates `obj`, never `old`.
   */
  private beforeUpdate(namespace: string, obj: JSONObject, old: JSONObject, subresource: string): void {
    const meta = metadataOf(obj);
    if (this.namespaceScoped) {
      if (meta.namespace === undefined || meta.namespace === '') meta.namespace = namespace;
      else if (meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
    } else {
      delete meta.namespace;
    }
    const oldMeta = metadataOf(old);
    if (subresource === 'status') this.strategy.prepareForStatusUpdate(obj, old);
    else {
      meta.generation = oldMeta.generation;
      this.strategy.prepareForUpdate(obj, old);
    }
    const newMeta = metadataOf(obj);
    if (newMeta.uid === undefined || newMeta.uid === '') newMeta.uid = oldMeta.uid;
    newMeta.creationTimestamp = oldMeta.creationTimestamp;
    if (oldMeta.deletionTimestamp !== undefined) newMeta.deletionTimestamp = oldMeta.deletionTimestamp;
    else delete newMeta.deletionTimestamp;
    const errs = this.strategy.validate(obj, old);
    if (errs.length > 0) throw invalid(this.group.group, this.kind.kind, String(newMeta.name ?? ''), errs);
    this.strategy.canonicalize(obj);
  }

  /**
   * Replaces the object `name` with `updated` (internal, or derived from the current object). A
   * stale metadata.resourceVersion is a 409;
   * none means an unconditional update (when the strategy allows it). Unchanged objects are not
   * rewritten and keep their resourceVersion.
   */
  async update(namespace: string, name: string, updated: UpdatedObject, opts: UpdateOptions = {}): Promise<UpdateResult> {
    const key = this.key(namespace, name);
    const subresource = opts.subresource ?? '';
    const preconditionOf = (obj: JSONObject): number | undefined => {
      const rv = parseResourceVersion(metadataOf(obj).resourceVersion);
      if (rv === undefined && !this.strategy.allowUnconditionalUpdate) {
        throw invalid(this.group.group, this.kind.kind, name, [
          { type: 'FieldValueInvalid', field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' },
        ]);
      }
      return rv;
    };
    const derive = typeof updated === 'function' ? updated : undefined;
    let obj: JSONObject = derive ? {} : (updated as JSONObject);
    let expected = derive ? undefined : preconditionOf(obj);
    let created = false;
    let dryRunResult: JSONObject | undefined;
    const kv = await this.storage.guaranteedUpdate(key, async (current: KeyValue | null) => {
      if (derive) {
        if (current === null) throw this.notFound(name);
        obj = derive(this.codec.decode(current));
        expected = preconditionOf(obj);
      }
      if (current === null) {
        if (!this.strategy.allowCreateOnUpdate || subresource !== '') throw this.notFound(name);
        await this.ensureNamespace(namespace);
        delete metadataOf(obj).resourceVersion;
        this.beforeCreate(namespace, obj);
        created = true;
        if (opts.dryRun) {
          dryRunResult = obj;
          return undefined;
        }
        return this.codec.encode(obj);
      }
      if (expected !== undefined && expected !== current.modRevision) {
        throw conflict(this.group.group, this.kind.plural, name, OBJECT_MODIFIED);
      }
      const old = this.codec.decode(current);
      this.beforeUpdate(namespace, obj, old, subresource);
      const bytes = this.codec.encode(obj);
      if (opts.dryRun) {
        metadataOf(obj).resourceVersion = String(current.modRevision);
        dryRunResult = obj;
        return undefined;
      }
      return bytesEqual(bytes, current.value) ? undefined : bytes;
    });
    if (dryRunResult !== undefined) return { obj: dryRunResult, created };
    return { obj: this.codec.decode(kv), created };
  }

  // ---- delete -------------------------------------------------------------------------------

  private checkPreconditions(name: string, obj: JSONObject, pre: DeleteOptions['preconditions']): void {
    if (pre === undefined) return;
    const meta = metadataOf(obj);
    if (pre.uid !== undefined && pre.uid !== meta.uid) {
      throw conflict(
        this.group.group,
        this.kind.plural,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(meta.uid ?? '')}`,
      );
    }
    if (pre.resourceVersion !== undefined && pre.resourceVersion !== meta.resourceVersion) {
      throw conflict(
        this.group.group,
        this.kind.plural,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${String(meta.resourceVersion ?? '')}`,
      );
    }
  }

  private deleteResponse(obj: JSONObject): DeleteResult {
    if (this.lifecycle.deletedObject) return { obj: this.lifecycle.deletedObject(obj) };
    const meta = metadataOf(obj);
    return {
      status: successStatus({
        name: String(meta.name ?? ''),
        group: this.group.group,
        kind: this.kind.plural,
        uid: typeof meta.uid === 'string' ? meta.uid : undefined,
      }),
    };
  }

  /** Deletes one object; answers a Status Success (or the object, per the lifecycle). */
  async delete(namespace: string, name: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    const key = this.key(namespace, name);
    for (;;) {
      const current = await this.storage.get(key);
      if (current === null) throw this.notFound(name);
      const obj = this.codec.decode(current);
      this.checkPreconditions(name, obj, opts.preconditions);
      this.lifecycle.admitDelete?.(obj);
      if (opts.dryRun) return this.deleteResponse(obj);
      let revision = current.modRevision;
      if (this.lifecycle.beforeDelete) {
        await this.lifecycle.beforeDelete(obj);
        // The hook may have written the object (e.g. marked it terminating): delete that version.
        const after = await this.storage.get(key);
        if (after === null) throw this.notFound(name);
        revision = after.modRevision;
      }
      try {
        const kv = await this.storage.delete(key, revision);
        return this.deleteResponse(this.codec.decode(kv));
      } catch (err) {
        if (err instanceof StorageError && err.code === 'KeyNotFound') throw this.notFound(name);
        // Written between our read and the delete: read again and re-check the preconditions.
        if (err instanceof StorageError && err.code === 'Conflict') continue;
        throw err;
      }
    }
  }

  /**
   * Sets metadata.deletionTimestamp (kept if already set) and lets `mutate` adjust the object,
   * without strategy or validation: the first step of a multi-step delete. Returns the object.
   */
  async markDeleting(namespace: string, name: string, mutate: (obj: JSONObject) => void = () => undefined): Promise<JSONObject> {
    const key = this.key(namespace, name);
    const kv = await this.storage.guaranteedUpdate(key, (current) => {
      if (current === null) throw this.notFound(name);
      const obj = this.codec.decode(current);
      const meta = metadataOf(obj);
      meta.deletionTimestamp ??= nowRFC3339();
      mutate(obj);
      const bytes = this.codec.encode(obj);
      return bytesEqual(bytes, current.value) ? undefined : bytes;
    });
    return this.codec.decode(kv);
  }

  /** Deletes every selected object of the namespace ('' = all); returns the deleted objects. */
  async deleteCollection(
    namespace: string,
    opts: WriteOptions & { filter?: ObjectFilter } = {},
  ): Promise<ListResult> {
    const listed = await this.list(namespace, { filter: opts.filter });
    const deleted: JSONObject[] = [];
    for (const item of listed.items) {
      const meta = metadataOf(item);
      try {
        await this.delete(String(meta.namespace ?? ''), String(meta.name), { dryRun: opts.dryRun });
        deleted.push(item);
      } catch (err) {
        // Deleted by someone else meanwhile: that is what was asked for.
        if (isStatusError(err, 'NotFound')) continue;
        throw err;
      }
    }
    return { items: deleted, resourceVersion: String(this.storage.currentRevision()) };
  }
}
