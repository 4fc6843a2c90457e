import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MigrationHistoryError, type Migration } from '../../../server/storage/migrations/migration';
import { postgresMigrations } from '../../../server/storage/migrations/postgres';
import { sqliteMigrations } from '../../../server/storage/migrations/sqlite';
import { backendFactories, type Backend } from './backends';
import { runInProcesses } from './fork-processes';
import { at, blob, DEVICE_BOX_BYTES, newAccount, newSession, T0 } from './fixtures';
import { inspect, tableExists, writeRaw } from './inspect';

const history = (backend: Backend) =>
  inspect<{ version: number; name: string }>(
    backend,
    'SELECT version, name FROM schema_migrations ORDER BY version',
  );

describe.each(backendFactories)('$name storage: migrations', (factory) => {
  let root: Backend;
  const shipped: readonly Migration[] = factory.name === 'sqlite' ? sqliteMigrations : postgresMigrations;
  const shippedHistory = shipped.map(({ version, name }) => ({ version, name }));

  beforeAll(async () => {
    root = await factory.start();
  }, 30_000);
  afterAll(() => root?.dispose());

  test('opening twice is idempotent and keeps the data', async () => {
    const backend = await root.fresh();
    const first = await backend.open();
    const account = newAccount();
    await first.createAccount(account);
    const second = await backend.open();
    await second.migrate();
    expect(await second.getAccountById(account.id)).toEqual({ ...account, revision: 0 });
    expect(await history(backend)).toEqual(shippedHistory);
  });

  test.each(Array.from({ length: 5 }, (_, i) => i))(
    'instances starting at once migrate once (race %i)',
    async () => {
      const backend = await root.fresh();
      const storages = await Promise.all(Array.from({ length: 8 }, () => backend.open()));
      expect(await history(backend)).toEqual(shippedHistory);
      const account = newAccount();
      await storages[0]!.createAccount(account);
      expect(await storages[3]!.getAccountByEmail(account.email)).not.toBeNull();
    },
  );

  // Migration 2 (the devices' Account Key box): a database a version-1 server wrote is upgraded in place.
  test('upgrades a version-1 database without losing a row; old accounts have no box until a password change', async () => {
    const backend = await root.fresh();
    await backend.open({ migrations: shipped.slice(0, 1) });
    expect(await history(backend)).toEqual(shippedHistory.slice(0, 1));
    // Rows as a version-1 server wrote them (its Storage no longer exists, so plain SQL).
    const { keyset, ...old } = newAccount({ recoveryOpaqueRecord: blob(192) });
    const oldKeyset = { ...keyset, recoveryWrappedVaultKey: blob(72) };
    await writeRaw(
      backend,
      `INSERT INTO accounts (id, email, created_at, opaque_record, recovery_opaque_record, kdf_memory_kib,
         kdf_iterations, kdf_parallelism, salt, wrapped_vault_key, recovery_wrapped_vault_key, key_epoch,
         key_epoch_since, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        old.id,
        old.email,
        old.createdAt,
        old.opaqueRecord,
        old.recoveryOpaqueRecord,
        oldKeyset.kdf.memoryKiB,
        oldKeyset.kdf.iterations,
        oldKeyset.kdf.parallelism,
        oldKeyset.salt,
        oldKeyset.wrappedVaultKey,
        oldKeyset.recoveryWrappedVaultKey,
        old.keyEpoch,
        old.keyEpochSince,
        1,
      ],
    );
    const session = newSession(old.id);
    await writeRaw(
      backend,
      `INSERT INTO sessions (id, account_id, token_hash, kind, device_name, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        session.id,
        old.id,
        session.tokenHash,
        session.kind,
        session.deviceName,
        session.createdAt,
        session.lastSeenAt,
        session.expiresAt,
      ],
    );
    const item = {
      id: crypto.randomUUID(),
      revision: 1,
      ciphertext: blob(300),
      deleted: false,
      updatedAt: at(T0),
    };
    await writeRaw(
      backend,
      `INSERT INTO items (account_id, id, revision, ciphertext, deleted, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [old.id, item.id, item.revision, item.ciphertext, item.deleted, item.updatedAt],
    );

    const storage = await backend.open();
    expect(await history(backend)).toEqual(shippedHistory);
    const upgraded = { ...old, keyset: { ...oldKeyset, accountKeyForDevices: null }, revision: 1 };
    expect(await storage.getAccountById(old.id)).toEqual(upgraded);
    expect(await storage.getAccountByEmail(old.email)).toEqual(upgraded);
    expect(await storage.getSessionByTokenHash(session.tokenHash)).toEqual(session);
    expect(await storage.pull(old.id, 0, 10)).toEqual({ items: [item], headRevision: 1, hasMore: false });

    // Its next password change stores a box like any other, in the same transaction as the rest.
    const box = blob(DEVICE_BOX_BYTES);
    const changed = await storage.changePassword({
      accountId: old.id,
      expectedEpoch: old.keyEpoch,
      opaqueRecord: blob(192),
      keyset: { ...oldKeyset, salt: blob(16), accountKeyForDevices: box },
      keepSessionId: session.id,
      now: at(T0 + 1_000),
    });
    expect(changed).toBe(true);
    expect((await storage.getAccountById(old.id))?.keyset.accountKeyForDevices).toBe(box);
    // And new accounts are created with theirs.
    const fresh = newAccount();
    await storage.createAccount(fresh);
    expect(await storage.getAccountById(fresh.id)).toEqual({ ...fresh, revision: 0 });
  });

  test('a new migration is applied once, on top of the applied ones', async () => {
    const backend = await root.fresh();
    const first = await backend.open();
    const account = newAccount();
    await first.createAccount(account);
    // No IF NOT EXISTS: running it a second time would fail.
    const next = [
      ...shipped,
      { version: shipped.length + 1, name: 'probe', sql: 'CREATE TABLE probe (x INTEGER)' },
    ];
    await backend.open({ migrations: next });
    await backend.open({ migrations: next });
    expect(await history(backend)).toEqual([
      ...shippedHistory,
      { version: shipped.length + 1, name: 'probe' },
    ]);
    expect(await tableExists(backend, 'probe')).toBe(true);
    expect(await first.getAccountById(account.id)).not.toBeNull();
  });

  test('a failing migration leaves neither its changes nor its version behind', async () => {
    const backend = await root.fresh();
    await backend.open();
    const broken = {
      version: shipped.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (x INTEGER); CREATE TABLE accounts (x INTEGER)',
    };
    await expect(backend.open({ migrations: [...shipped, broken] })).rejects.toThrow(/accounts/);
    expect(await history(backend)).toEqual(shippedHistory);
    expect(await tableExists(backend, 'half_done')).toBe(false);
    // And the database still works.
    const storage = await backend.open();
    await storage.createAccount(newAccount());
  });

  test('an edited migration history is refused', async () => {
    const backend = await root.fresh();
    await backend.open();
    const edited = shipped.map((m, i) => (i === 0 ? { ...m, name: 'renamed' } : m));
    await expect(backend.open({ migrations: edited })).rejects.toThrow(MigrationHistoryError);
  });

  test('a database already migrated further by a newer server still opens', async () => {
    const backend = await root.fresh();
    const newer = [
      ...shipped,
      { version: shipped.length + 1, name: 'from the future', sql: 'CREATE TABLE future (x INTEGER)' },
    ];
    await backend.open({ migrations: newer });
    const storage = await backend.open();
    await storage.createAccount(newAccount());
  });

  test('a list that is not numbered 1, 2, 3… is a programming error', async () => {
    const backend = await root.fresh();
    const gap = [...shipped, { version: shipped.length + 2, name: 'gap', sql: 'SELECT 1' }];
    await expect(backend.open({ migrations: gap })).rejects.toThrow(RangeError);
  });
});

// Instances of one process never overlap their SQLite transactions: real server processes do.
describe('sqlite storage: migrations across processes', () => {
  let root: Backend;
  const sqlite = backendFactories.find((f) => f.name === 'sqlite')!;

  beforeAll(async () => {
    root = await sqlite.start();
  });
  afterAll(() => root?.dispose());

  test('separate processes starting at once on a new file migrate once', async () => {
    const entry = new URL('./sqlite-migrate-process.ts', import.meta.url);
    const results = await runInProcesses<string>(
      entry,
      Array.from({ length: 4 }, () => [root.location]),
      () => ({}),
    );
    expect(results).toEqual(Array(4).fill('migrated'));
    expect(await history(root)).toEqual(sqliteMigrations.map(({ version, name }) => ({ version, name })));
  });
});
