import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MigrationHistoryError, type Migration } from '../../../server/storage/migrations/migration';
import { postgresMigrations } from '../../../server/storage/migrations/postgres';
import { sqliteMigrations } from '../../../server/storage/migrations/sqlite';
import { backendFactories, type Backend } from './backends';
import { runInProcesses } from './fork-processes';
import { newAccount } from './fixtures';
import { inspect, tableExists } from './inspect';

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
