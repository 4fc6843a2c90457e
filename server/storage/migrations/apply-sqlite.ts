import type Database from 'better-sqlite3';
import { checkAppliedHistory, checkMigrationList, type Migration } from './migration';

/**
 * Applies the pending migrations in one BEGIN IMMEDIATE transaction: SQLite DDL is transactional, and the
 * write lock makes a second process that starts at the same time wait (busy_timeout), then find every
 * version recorded and do nothing.
 */
export function applySqliteMigrations(db: Database.Database, migrations: readonly Migration[]): void {
  checkMigrationList(migrations);
  const apply = db.transaction(() => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT
    `);
    const rows = db.prepare('SELECT version, name FROM schema_migrations').all() as {
      version: number;
      name: string;
    }[];
    const applied = new Map(rows.map((row) => [row.version, row.name]));
    checkAppliedHistory(migrations, applied);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }
  });
  apply.immediate();
}
