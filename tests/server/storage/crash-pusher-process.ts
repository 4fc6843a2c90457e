import { randomUUID } from 'node:crypto';
import { PostgresStorage } from '../../../server/storage/postgres-storage';
import { SqliteStorage } from '../../../server/storage/sqlite-storage';

/**
 * The victim of the crash test: pushes numbered batches of new items to one account, as fast as it can, and
 * reports each batch the storage acknowledged, until the test kills it with SIGKILL (no cleanup of any kind).
 * Arguments: backend name, its location (file or URL), account id, batch size.
 */
export type CrashPusherMessage = { type: 'acknowledged'; batch: number };

const [kind, location, accountId, batchSize] = process.argv.slice(2) as [string, string, string, string];
const storage =
  kind === 'sqlite'
    ? new SqliteStorage({ file: location })
    : new PostgresStorage({ connectionString: location });

for (let batch = 0; ; batch++) {
  const changes = Array.from({ length: Number(batchSize) }, (_, i) => ({
    id: randomUUID(),
    baseRevision: 0,
    ciphertext: `${batch}:${i}:${'x'.repeat(200)}`,
    deleted: false,
  }));
  await storage.push(accountId, changes, new Date());
  process.send?.({ type: 'acknowledged', batch } satisfies CrashPusherMessage);
}
