import type { Pool } from 'pg';
import { inTransaction, sqlState } from '../pg-transaction';
import { checkAppliedHistory, checkMigrationList, type Migration } from './migration';

const CREATE_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )
`;

/**
 * Applies the pending migrations, each in its own transaction that first inserts its version into
 * schema_migrations. When two instances start at once, the second one's insert waits on the first one's
 * uncommitted row (unique index), then finds it committed and skips the migration: no advisory lock needed,
 * which CockroachDB would not accept anyway. PostgreSQL DDL is transactional, so a failed migration leaves
 * neither its tables nor its version behind.
 */
export async function applyPostgresMigrations(pool: Pool, migrations: readonly Migration[]): Promise<void> {
  checkMigrationList(migrations);
  await createMigrationsTable(pool);
  const { rows } = await pool.query<{ version: number; name: string }>(
    'SELECT version, name FROM schema_migrations',
  );
  checkAppliedHistory(migrations, new Map(rows.map((row) => [row.version, row.name])));
  const applied = new Set(rows.map((row) => row.version));
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await inTransaction(pool, async (client) => {
      const claimed = await client.query(
        'INSERT INTO schema_migrations (version, name) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING',
        [migration.version, migration.name],
      );
      if (claimed.rowCount === 0) return; // another instance applied it meanwhile
      await client.query(migration.sql);
    });
  }
}

/**
 * CREATE TABLE IF NOT EXISTS is not atomic against a concurrent CREATE of the same table in PostgreSQL: the
 * loser can fail with a unique violation on the catalog (23505), "relation already exists" (42P07) or, when
 * it loses the race on the table's row type, "type already exists" (42710). Then the table exists, which is
 * all we wanted; we check that it does rather than trust the error code alone.
 */
const CONCURRENT_CREATE_CODES = new Set(['23505', '42P07', '42710']);

async function createMigrationsTable(pool: Pool): Promise<void> {
  try {
    await pool.query(CREATE_TABLE);
  } catch (error) {
    if (!CONCURRENT_CREATE_CODES.has(sqlState(error) ?? '')) throw error;
    const { rows } = await pool.query<{ found: string | null }>(
      "SELECT to_regclass('schema_migrations')::text AS found",
    );
    if (rows[0]?.found == null) throw error;
  }
}
