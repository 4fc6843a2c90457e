import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPgCluster, type PgCluster } from '../../helpers/pg-cluster';
import type { Migration } from '../../../server/storage/migrations/migration';
import { PostgresStorage } from '../../../server/storage/postgres-storage';
import { SqliteStorage } from '../../../server/storage/sqlite-storage';
import type { Storage } from '../../../server/storage/storage';

/**
 * The two storage implementations behind one test harness, so every suite runs the same tests against both.
 * A backend is one database (a temp SQLite file, or a database in a private PostgreSQL cluster); `open()`
 * gives another Storage instance on it (a connection, or a pool), like another server instance would.
 */
export interface OpenOptions {
  /** Make a push write row by row (PostgreSQL: one INSERT per item), so a bad row fails mid-transaction. */
  rowByRow?: boolean;
  migrations?: readonly Migration[];
  /** Skip migrate(). */
  raw?: boolean;
  /** PostgreSQL pool size. */
  maxConnections?: number;
}

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** The SQLite file or the PostgreSQL URL. */
  readonly location: string;
  open(options?: OpenOptions): Promise<Storage>;
  /** Another, empty database of the same kind (for migration tests). */
  fresh(): Promise<Backend>;
  /** Closes every Storage opened here and deletes the database. */
  dispose(): Promise<void>;
}

export interface BackendFactory {
  readonly name: Backend['name'];
  start(): Promise<Backend>;
}

class Opened {
  readonly #storages: Storage[] = [];

  async open(make: () => Storage, options: OpenOptions): Promise<Storage> {
    const storage = make();
    this.#storages.push(storage);
    if (!options.raw) await storage.migrate();
    return storage;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#storages.splice(0).map((storage) => storage.close()));
  }
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-'));
  const file = join(dir, 'latchkey.db');
  const opened = new Opened();
  const children: Backend[] = [];
  return {
    name: 'sqlite',
    location: file,
    open: (options = {}) =>
      opened.open(() => new SqliteStorage({ file, migrations: options.migrations }), options),
    async fresh() {
      const child = sqliteBackend();
      children.push(child);
      return child;
    },
    async dispose() {
      await Promise.all(children.map((child) => child.dispose()));
      await opened.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(cluster: PgCluster, url: string, ownsCluster: boolean): Backend {
  const opened = new Opened();
  const children: Backend[] = [];
  return {
    name: 'postgres',
    location: url,
    open: (options = {}) =>
      opened.open(
        () =>
          new PostgresStorage({
            connectionString: url,
            migrations: options.migrations,
            maxRowsPerInsert: options.rowByRow ? 1 : undefined,
            maxConnections: options.maxConnections,
          }),
        options,
      ),
    async fresh() {
      const child = postgresBackend(cluster, await cluster.createDatabase(), false);
      children.push(child);
      return child;
    },
    async dispose() {
      // Every pool first: stopping the cluster under open connections would make them report errors.
      await Promise.all(children.map((child) => child.dispose()));
      await opened.closeAll();
      if (ownsCluster) await cluster.stop();
    },
  };
}

export const backendFactories: BackendFactory[] = [
  { name: 'sqlite', start: async () => sqliteBackend() },
  {
    name: 'postgres',
    start: async () => {
      const cluster = await startPgCluster();
      return postgresBackend(cluster, cluster.url, true);
    },
  },
];
