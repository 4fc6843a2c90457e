import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStorage, SQLITE_FILE_NAME } from '../../../server/storage/open-storage';
import { startPgCluster, type PgCluster } from '../../helpers/pg-cluster';
import { newAccount } from './fixtures';

describe('openStorage', () => {
  let dir: string;
  let cluster: PgCluster;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-open-'));
    cluster = await startPgCluster();
  }, 30_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await cluster?.stop();
  });

  test('without a database URL: SQLite in a new owner-only data directory, in WAL mode, migrated', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const storage = await openStorage({ dataDir });
    try {
      expect(storage.kind).toBe('sqlite');
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const account = newAccount();
      await storage.createAccount(account);
      expect(await storage.getAccountById(account.id)).not.toBeNull();
    } finally {
      await storage.close();
    }
    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      // WAL is a property of the file: it persists after the server closes it.
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  test('with a database URL: PostgreSQL, migrated; no data directory is made', async () => {
    const dataDir = join(dir, 'unused');
    const storage = await openStorage({ databaseUrl: await cluster.createDatabase(), dataDir });
    try {
      expect(storage.kind).toBe('postgres');
      const account = newAccount();
      await storage.createAccount(account);
      expect(await storage.getAccountByEmail(account.email)).not.toBeNull();
    } finally {
      await storage.close();
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  test('an unreachable database fails the start', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    await expect(
      openStorage({ databaseUrl: 'postgres://latchkey@127.0.0.1:1/latchkey', dataDir: dir }),
    ).rejects.toThrow();
  });
});
