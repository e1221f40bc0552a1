// The storage contract, shaped after k8s.io/apiserver's storage.Interface.
//
// Storage knows keys, bytes and revisions, never kinds: the registry encodes objects (internal ->
// storage version -> JSON bytes) before they reach here and decodes them after. One global,
// monotonically increasing revision counts every write; an object's resourceVersion is the
// revision of its last write (modRevision). A write resolves only once it is durable.

/** A stored value with the revisions etcd would report for it. */
export interface KeyValue {
  key: string;
  value: Uint8Array;
  /** Revision of the write that created this key (for this incarnation of the object). */
  createRevision: number;
  /** Revision of the latest write to this key; becomes metadata.resourceVersion. */
  modRevision: number;
}

/** One write in the history, as watch will need it (issue 3 builds on this). */
export interface StorageEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  /** The new value (for DELETED: the last value before the delete). */
  value: Uint8Array;
  /** The value before this write (absent for ADDED). */
  prevValue?: Uint8Array;
  revision: number;
}

export interface ListOptions {
  /** Return at most this many items (0 or absent: all). */
  limit?: number;
  /** Start after this key (exclusive), for paging. */
  startAfter?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The storage revision the list reflects. */
  revision: number;
  /** True when more items follow the last one returned. */
  more: boolean;
}

/** Thrown by storage; the registry turns them into Status errors. */
export class StorageError extends Error {
  constructor(
    /** 'Compacted' (added): the requested history revision was compacted away (410 Gone / Expired). */
    readonly code: 'KeyExists' | 'KeyNotFound' | 'Conflict' | 'Unavailable' | 'Compacted',
    readonly key: string,
    message?: string,
  ) {
    super(message ?? `${code}: ${key}`);
  }
}

/**
 * The function given to guaranteedUpdate: receives the current value (null when the key does not
 * exist) and returns the new bytes, or throws (the error is passed through unchanged). Returning
 * `undefined` means "no change": nothing is written and the current value is returned.
 */
export type TryUpdate = (current: KeyValue | null) => Promise<Uint8Array | undefined> | Uint8Array | undefined;

export interface Storage {
  /** Creates key; throws StorageError('KeyExists') if present. Returns the stored value. */
  create(key: string, value: Uint8Array): Promise<KeyValue>;
  /** The current value or null. */
  get(key: string): Promise<KeyValue | null>;
  /** Values whose keys start with prefix, in key order. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /**
   * Read-modify-write under the store's write lock: tryUpdate sees the latest value and its
   * result is written atomically. If `expectedModRevision` is given and the current modRevision
   * differs, throws StorageError('Conflict') without calling tryUpdate. If the key is missing
   * tryUpdate gets null (it may throw NotFound or create the object).
   */
  guaranteedUpdate(key: string, tryUpdate: TryUpdate, expectedModRevision?: number): Promise<KeyValue>;
  /** Deletes key; throws KeyNotFound / Conflict (on expectedModRevision mismatch). Returns the
   * last value, with modRevision set to the delete's revision. */
  delete(key: string, expectedModRevision?: number): Promise<KeyValue>;
  /** The latest committed revision. */
  currentRevision(): number;
  /** Subscribes to every committed write, in revision order. Returns an unsubscribe function. */
  onEvent(listener: (event: StorageEvent) => void): () => void;
  /** Flushes pending writes and closes the backing store. */
  close(): Promise<void>;
}

/**
 * Storage that also keeps its write history (added for watch): every committed write is logged
 * by revision until compacted. To follow the store without gaps, subscribe with onEvent first,
 * then call eventsSince, and drop listener events whose revision the replay already covered.
 */
export interface HistoryStorage extends Storage {
  /**
   * Committed events with revision > `revision`, in revision order. Throws
   * StorageError('Compacted') when `revision` < compactedRevision() (events were dropped).
   */
  eventsSince(revision: number): Promise<StorageEvent[]>;
  /** Drops history events with revision < beforeRevision (clamped to currentRevision() + 1). */
  compact(beforeRevision: number): Promise<void>;
  /** The highest revision whose event may have been dropped by compaction (0: none). */
  compactedRevision(): number;
}
