/**
 * A versioned schema migration. Each backend has its own ordered list (sqlite.ts, postgres.ts); the applied
 * versions are recorded in a `schema_migrations` table, so applying the list again does nothing. Migrations are
 * append-only: never edit or renumber one that has shipped, add a new one instead.
 */
export interface Migration {
  /** Strictly increasing, starting at 1. */
  version: number;
  /** Recorded beside the version; a mismatch with the database means the history was edited. */
  name: string;
  /** One or more statements, run in the same transaction that records the version. */
  sql: string;
}

/** Thrown when the database's migration history does not match the code's. */
export class MigrationHistoryError extends Error {
  override readonly name = 'MigrationHistoryError';
}

/** Rejects a list that is not strictly increasing from 1 (a programming error, caught at start-up). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new RangeError(
        `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}

/**
 * Compares what the database recorded with the list: a recorded version whose name differs means someone
 * edited a shipped migration. Versions beyond the list are tolerated (a newer server migrated the database;
 * migrations only add, so an older instance keeps working during a rolling upgrade).
 */
export function checkAppliedHistory(
  migrations: readonly Migration[],
  applied: ReadonlyMap<number, string>,
): void {
  for (const migration of migrations) {
    const name = applied.get(migration.version);
    if (name !== undefined && name !== migration.name) {
      throw new MigrationHistoryError(
        `schema_migrations has version ${migration.version} as "${name}", the code calls it "${migration.name}"`,
      );
    }
  }
}
