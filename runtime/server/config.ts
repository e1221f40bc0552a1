// Server configuration: what the command line sets, plus the API groups to serve.
import type { GroupRegistration } from '../machinery/registration.js';
import type { StorageBackend } from '../storage/index.js';
import type { InFlightLimits } from './filters/inflight.js';

export const STORAGE_BACKENDS: readonly StorageBackend[] = ['level'];

export interface ServerConfig {
  bindAddress: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  storageBackend: StorageBackend;
  groups: GroupRegistration[];
  inFlight?: InFlightLimits;
  /** pino level; 'silent' turns request logs off. */
  logLevel?: string;
  /** How often storage history is compacted, in ms (0: never). Default 5 minutes. */
  compactionIntervalMs?: number;
  /** Events the watch cache keeps per resource. Default 10000. */
  watchCacheSize?: number;
  /** Interval of watch BOOKMARK events, in ms. Default 1 minute. */
  watchBookmarkIntervalMs?: number;
  /** A watcher with more undelivered events than this is cut off. Default 10000. */
  watchMaxQueuedEvents?: number;
}

export const DEFAULT_COMPACTION_INTERVAL_MS = 5 * 60_000;
