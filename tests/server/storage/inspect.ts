import Database from 'better-sqlite3';
import pg from 'pg';
import type { Backend } from './backends';

/** Runs one read-only query on a backend's database from outside the Storage (what an operator would see). */
export async function inspect<T>(backend: Pick<Backend, 'name' | 'location'>, sql: string): Promise<T[]> {
  if (backend.name === 'sqlite') {
    const db = new Database(backend.location, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: backend.location });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function tableExists(backend: Backend, table: string): Promise<boolean> {
  return inspect(backend, `SELECT 1 FROM ${table} LIMIT 1`).then(
    () => true,
    () => false,
  );
}

/**
 * Runs one write on a backend's database from outside the Storage (what an older server version wrote, say).
 * Parameters are `$1, $2…` in both, each used once and in order (for SQLite they become `?`); for SQLite, Dates
 * become integer ms and booleans 0/1, as SqliteStorage stores them.
 */
export async function writeRaw(
  backend: Pick<Backend, 'name' | 'location'>,
  sql: string,
  params: readonly unknown[] = [],
): Promise<void> {
  if (backend.name === 'sqlite') {
    const db = new Database(backend.location);
    try {
      const values = params.map((value) =>
        value instanceof Date ? value.getTime() : typeof value === 'boolean' ? Number(value) : value,
      );
      db.prepare(sql.replace(/\$\d+/g, '?')).run(...values);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: backend.location });
  await client.connect();
  try {
    await client.query(sql, [...params]);
  } finally {
    await client.end();
  }
}
