import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresStorage } from './postgres-storage';
import { SqliteStorage } from './sqlite-storage';
import type { Storage } from './storage';

export interface StorageConfig {
  /** DATABASE_URL: PostgreSQL when set. */
  databaseUrl?: string;
  /** Where the embedded SQLite database lives otherwise (`./data` by default in the server's config). */
  dataDir: string;
}

/** The SQLite file's name inside the data directory. */
export const SQLITE_FILE_NAME = 'latchkey.db';

/**
 * Opens the configured storage and brings its schema up to date. PostgreSQL when `databaseUrl` is set,
 * otherwise SQLite in `dataDir`. A new data directory is made owner-only (0700): it holds OPAQUE records and
 * session token hashes, and the directory's mode covers the -wal and -shm files SQLite creates beside the
 * database whatever the umask. An existing directory keeps its mode (the operator chose it).
 */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  let storage: Storage;
  if (config.databaseUrl) {
    storage = new PostgresStorage({ connectionString: config.databaseUrl });
  } else {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    storage = new SqliteStorage({ file: join(config.dataDir, SQLITE_FILE_NAME) });
  }
  try {
    await storage.migrate();
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}
