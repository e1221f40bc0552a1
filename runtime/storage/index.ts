// Storage entry point: the contract plus a factory choosing a backend by name.

import { join } from 'node:path';
import type { HistoryStorage } from './interface.js';
import { LevelStorage } from './level.js';

export * from './interface.js';
export { LevelStorage } from './level.js';

export type StorageBackend = 'level';

/** Opens the named backend under dataDir (LevelDB lives in `<dataDir>/level`). */
export async function openStorage(backend: StorageBackend, dataDir: string): Promise<HistoryStorage> {
  switch (backend) {
    case 'level':
      return LevelStorage.open(join(dataDir, 'level'));
    default:
      throw new Error(`unknown storage backend ${JSON.stringify(backend as string)}`);
  }
}
