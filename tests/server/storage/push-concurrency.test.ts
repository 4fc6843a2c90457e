import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Storage } from '../../../server/storage/storage';
import { backendFactories, type Backend } from './backends';
import { newAccount } from './fixtures';
import { runPuller, runPusher, verifyHistory, type PusherLog } from './pusher';
import { runInProcesses } from './fork-processes';
import type { PusherProcessConfig } from './sqlite-pusher-process';

const DEVICES = 20;
const PROCESSES = 4; // SQLite: 4 server processes × 5 connections
const DURATION_MS = 2_000;
/** Few items, so that devices keep editing the same ones and conflicts are the norm. */
const ITEMS = 8;

/**
 * Runs the pushers for ~2 s and returns their logs. SQLite: in child processes (better-sqlite3 is
 * synchronous, so only separate processes really overlap), each with its own connections to the file.
 * PostgreSQL: in this process, on separate Storage instances (pools), so up to 20 pushes are in flight at once.
 */
type PushersRunner = (accountId: string, itemIds: string[]) => Promise<PusherLog[]>;

function sqlitePushers(backend: Backend): PushersRunner {
  return async (accountId, itemIds) => {
    const argvs = Array.from({ length: PROCESSES }, (_, p): string[] => {
      const config: PusherProcessConfig = {
        file: backend.location,
        accountId,
        itemIds,
        instances: DEVICES / PROCESSES,
        name: `p${p}`,
      };
      return [JSON.stringify(config)];
    });
    const entry = new URL('./sqlite-pusher-process.ts', import.meta.url);
    const perProcess = await runInProcesses<PusherLog[]>(entry, argvs, () => ({
      until: Date.now() + DURATION_MS,
    }));
    return perProcess.flat();
  };
}

function postgresPushers(backend: Backend): PushersRunner {
  return async (accountId, itemIds) => {
    const instances = await Promise.all(
      Array.from({ length: PROCESSES }, () => backend.open({ maxConnections: DEVICES / PROCESSES })),
    );
    const until = Date.now() + DURATION_MS;
    return Promise.all(
      Array.from({ length: DEVICES }, (_, d) =>
        runPusher(instances[d % PROCESSES]!, { accountId, itemIds, device: `d${d}`, until }),
      ),
    );
  };
}

describe.each(backendFactories)('$name storage: concurrent pushes on one account', (factory) => {
  let backend: Backend;
  let storage: Storage;

  beforeAll(async () => {
    backend = await factory.start();
    storage = await backend.open();
  }, 30_000);
  afterAll(() => backend?.dispose());

  test(`${DEVICES} devices for ${DURATION_MS / 1000} s: unique revisions, no lost write, every conflict reported`, async () => {
    const account = newAccount();
    await storage.createAccount(account);
    const itemIds = Array.from({ length: ITEMS }, () => randomUUID());
    const runPushers = factory.name === 'sqlite' ? sqlitePushers(backend) : postgresPushers(backend);

    let pushing = true;
    const puller = runPuller(await backend.open(), { accountId: account.id, until: () => !pushing });
    let logs: PusherLog[];
    try {
      logs = await runPushers(account.id, itemIds);
    } finally {
      pushing = false;
      await puller.catch(() => undefined); // settle it before a failure ends the test
    }
    const pulled = await puller;

    const head = await storage.headRevision(account.id);
    const final = await storage.pull(account.id, 0, 10_000);
    expect(final.hasMore).toBe(false);
    expect(verifyHistory(logs, final.items, head)).toEqual([]);

    // The incremental puller saw every write land, in order, and converged on the final state.
    expect(pulled.violations).toEqual([]);
    expect(pulled.copy).toEqual(
      new Map(final.items.map((i) => [i.id, { id: i.id, revision: i.revision, ciphertext: i.ciphertext }])),
    );

    // The run did what it claims: every device pushed, and both outcomes were frequent.
    const accepted = logs.reduce((n, log) => n + log.accepted.length, 0);
    const conflicts = logs.reduce((n, log) => n + log.conflicts.length, 0);
    console.log(
      `${factory.name}: ${accepted} accepted, ${conflicts} conflicts, ${pulled.pulls} pulls meanwhile`,
    );
    expect(logs).toHaveLength(DEVICES);
    // Not every device: SQLite's lock is not fair (a waiting process sleeps and retries, and may lose every
    // race for a while), and this machine's two cores are shared with the other processes of the test run.
    expect(logs.filter((log) => log.changes > 0).length).toBeGreaterThanOrEqual(DEVICES / 2);
    expect(accepted).toBeGreaterThan(50);
    expect(conflicts).toBeGreaterThan(50);
    expect(head).toBe(accepted);
  }, 60_000);
});
