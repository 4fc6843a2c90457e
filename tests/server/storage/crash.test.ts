import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Storage } from '../../../server/storage/storage';
import { backendFactories, type Backend } from './backends';
import type { CrashPusherMessage } from './crash-pusher-process';
import { newAccount } from './fixtures';
import { TSX_LOADER } from './fork-processes';
import { inspect } from './inspect';

const KILLS = 3;
/** Big enough that a push's transaction takes a while (more chance that the kill lands inside one). */
const BATCH_SIZE = 200;

/** Starts a process that pushes batches, lets it get going, and SIGKILLs it; returns the acknowledged batches. */
async function pushThenKill(backend: Backend, accountId: string): Promise<number[]> {
  const entry = fileURLToPath(new URL('./crash-pusher-process.ts', import.meta.url));
  const child = fork(entry, [backend.name, backend.location, accountId, String(BATCH_SIZE)], {
    execArgv: ['--import', TSX_LOADER],
    stdio: 'inherit',
  });
  const acknowledged: number[] = [];
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const going = new Promise<void>((resolve) =>
    child.on('message', (message: CrashPusherMessage) => {
      acknowledged.push(message.batch);
      if (acknowledged.length === 3) resolve();
    }),
  );
  await Promise.race([going, exited]);
  // A random moment, so that over a few kills some land inside a transaction.
  await sleep(randomInt(5, 60));
  child.kill('SIGKILL');
  await exited;
  return acknowledged;
}

// A crash at any point leaves a batch fully applied or not at all, and loses no acknowledged batch.
describe.each(backendFactories)('$name storage: SIGKILL in the middle of pushes', (factory) => {
  let backend: Backend;
  let storage: Storage;

  beforeAll(async () => {
    backend = await factory.start();
    storage = await backend.open();
  }, 30_000);
  afterAll(() => backend?.dispose());

  test(`${KILLS} kills: every batch is all there or not there`, async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const account = newAccount();
      await storage.createAccount(account);
      const acknowledged = await pushThenKill(backend, account.id);
      expect(acknowledged.length).toBeGreaterThanOrEqual(3);

      // A new instance, as after a restart (SQLite recovers the WAL of the killed connection).
      const restarted = await backend.open();
      const { items, headRevision, hasMore } = await restarted.pull(account.id, 0, 100_000);
      expect(hasMore).toBe(false);
      const perBatch = new Map<number, number>();
      for (const item of items) {
        const batch = Number(item.ciphertext?.split(':')[0]);
        perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
      }
      for (const [batch, count] of perBatch) expect(count, `batch ${batch}`).toBe(BATCH_SIZE);
      for (const batch of acknowledged) expect(perBatch.has(batch), `acknowledged batch ${batch}`).toBe(true);
      // At most the batch in flight at the kill is there without its acknowledgement.
      expect(perBatch.size - acknowledged.length).toBeLessThanOrEqual(1);
      expect(headRevision).toBe(items.length);
    }
    if (factory.name === 'sqlite') {
      expect(await inspect(backend, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    }
  }, 60_000);
});
