import Database from 'better-sqlite3';
import pg from 'pg';
import type { Backend } from './backends';

/** Runs one read-only query on a backend's database from outside the Storage (what an operator would see). */
export async function inspect<T>(backend: Backend, sql: string): Promise<T[]> {
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
