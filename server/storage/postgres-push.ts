import type pg from 'pg';
import { ITEM_COLUMNS, toItem, type ItemRecord } from './postgres-rows';
import type { ItemChange, PushOutcome, PushResult } from './storage';

/**
 * A push on PostgreSQL, inside the caller's transaction (inTransaction, which retries it on 40001/40P01):
 * lock the account row, read the batch's current rows in one query, decide each change, then write the
 * accepted ones and the counter. Round trips: 4 whatever the batch size (plus one per 1,000 rows).
 */
export async function pushBatch(
  client: pg.PoolClient,
  input: { accountId: string; changes: readonly ItemChange[]; now: Date; maxRowsPerInsert: number },
): Promise<PushResult> {
  const { accountId, changes, now } = input;
  // The row lock serializes pushes of one account across connections and instances: the next one waits
  // here until this one commits, then reads the counter this one wrote. So commit order is revision order.
  const locked = await client.query<{ revision: number }>(
    'SELECT revision FROM accounts WHERE id = $1 FOR UPDATE',
    [accountId],
  );
  const head = locked.rows[0]?.revision;
  if (head === undefined) throw new Error(`push: no account ${accountId}`);
  if (changes.length === 0) return { outcomes: [], headRevision: head };

  // Every current row of the batch in one round trip; later changes of the batch see earlier ones.
  const ids = [...new Set(changes.map((change) => change.id))];
  const existing = await client.query<ItemRecord>(
    `SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = $1 AND id = ANY($2)`,
    [accountId, ids],
  );
  const current = new Map(existing.rows.map((row) => [row.id, row]));
  const writes = new Map<string, ItemRecord>();
  const outcomes: PushOutcome[] = [];
  let revision = head;
  for (const change of changes) {
    const row = current.get(change.id);
    if (change.baseRevision !== (row?.revision ?? 0)) {
      outcomes.push({ id: change.id, status: 'conflict', current: row ? toItem(row) : null });
      continue;
    }
    revision += 1;
    const written: ItemRecord = {
      id: change.id,
      revision,
      ciphertext: change.ciphertext,
      deleted: change.deleted,
      updated_at: now,
    };
    current.set(change.id, written);
    // One INSERT cannot touch a row twice: the last accepted write of an id in the batch is its state.
    writes.set(change.id, written);
    outcomes.push({ id: change.id, status: 'accepted', revision });
  }
  if (writes.size === 0) return { outcomes, headRevision: head };

  const rows = [...writes.values()];
  for (let start = 0; start < rows.length; start += input.maxRowsPerInsert) {
    await upsertItems(client, accountId, rows.slice(start, start + input.maxRowsPerInsert));
  }
  await client.query('UPDATE accounts SET revision = $2 WHERE id = $1', [accountId, revision]);
  return { outcomes, headRevision: revision };
}

/** A multi-row INSERT … ON CONFLICT: an upsert of many items in one round trip. */
async function upsertItems(client: pg.PoolClient, accountId: string, rows: ItemRecord[]): Promise<void> {
  const values: unknown[] = [accountId];
  const tuples = rows.map((row) => {
    const at = values.length;
    values.push(row.id, row.revision, row.ciphertext, row.deleted, row.updated_at);
    return `($1, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
  });
  await client.query(
    `INSERT INTO items (account_id, id, revision, ciphertext, deleted, updated_at) VALUES ${tuples.join(', ')}
     ON CONFLICT (account_id, id) DO UPDATE SET revision = excluded.revision, ciphertext = excluded.ciphertext,
       deleted = excluded.deleted, updated_at = excluded.updated_at`,
    values,
  );
}
