import type { VaultRecord } from '../vault/record-types';
import { RecordDamagedError } from '../vault/record-errors';
import type { OutboxRow, QuarantineRow, RecordCipher, SyncedRow } from '../vault/store-types';
import { mergeRecord } from './merge';
import { isoNow, openBox, type SyncPass } from './sync-pass';
import type { WriteBatch } from './write-batch';

/** A version of a record on the server: its revision and box (null for a tombstone). */
export interface RemoteVersion {
  id: string;
  revision: number;
  box: Uint8Array | null;
}

/** What the store holds for the id, as read before the merge. */
export interface LocalRows {
  synced: SyncedRow | undefined;
  outbox: OutboxRow;
  quarantine: QuarantineRow | undefined;
}

/**
 * A server version that opened (`remote`: a record or 'deleted') meets a local change that is not on the server
 * yet: the three-way merge (lib/sync/merge.ts), used alike for a pulled page and a push conflict
 * (PROTOCOL.md, "Merging"). Adds the writes to `batch`:
 * - the server version becomes the synced row (the base of whatever is sent next);
 * - the outbox row is dropped (take-remote) or rewritten onto the server's revision (push / push-delete);
 * - a conflict copy is stored right away with `store.addLocalChange`, BEFORE the batch is written: a crash in
 *   between leaves the copy and an unmerged change, so the next pass merges again and makes a second copy.
 *   A duplicate copy at worst, never a lost edit.
 * Returns true when something must be sent (the push loop runs another round).
 */
export async function reconcile(
  pass: SyncPass,
  batch: WriteBatch,
  rows: LocalRows,
  server: RemoteVersion,
  remote: VaultRecord | 'deleted',
): Promise<boolean> {
  const { cipher, store } = pass.deps;
  const { outbox } = rows;
  const id = server.id;
  const now = pass.deps.now();
  batch.guard(id, outbox.seq);
  batch.putSynced({ id, revision: server.revision, box: server.box });
  // A good server version supersedes a damaged one, wherever that came from.
  if (rows.quarantine) batch.deleteQuarantine(id);

  const local = await openBox(cipher, id, outbox.box);
  if (local instanceof RecordDamagedError) {
    // This device's own change does not open (disk damage or a bug): never push it; keep it aside with the
    // reason, and show the server's version.
    if (outbox.box !== null) {
      batch.putQuarantine({
        id,
        revision: 0,
        box: outbox.box,
        reason: local.reason,
        at: now,
        source: 'local',
      });
    }
    batch.deleteOutbox(id, outbox.seq);
    pass.quarantined.push(id);
    return false;
  }

  const base = await baseOf(cipher, rows.synced, outbox.baseRevision);
  const result = mergeRecord({ base, local, remote, now: isoNow(pass), newId: pass.deps.newId });
  const outcome = result.outcome;
  if (outcome.kind === 'take-remote') {
    batch.deleteOutbox(id, outbox.seq);
  } else {
    const box = outcome.kind === 'push' ? await cipher.seal(outcome.record) : null;
    batch.putOutbox({ ...outbox, baseRevision: server.revision, box });
  }

  if (result.copy) {
    const copyBox = await cipher.seal(result.copy);
    await store.addLocalChange({ id: result.copy.id, baseRevision: 0, box: copyBox, changedAt: now });
    pass.conflictCopies.push(result.copy.id);
    pass.changed.add(result.copy.id);
  }
  return outcome.kind !== 'take-remote' || result.copy !== null;
}

/**
 * The common base: the synced version the local change was made on, if the store still holds exactly that
 * revision. Otherwise (or when it does not open) there is no base, and the merge keeps both sides.
 */
async function baseOf(
  cipher: RecordCipher,
  synced: SyncedRow | undefined,
  baseRevision: number,
): Promise<VaultRecord | 'deleted' | null> {
  if (synced === undefined || synced.revision !== baseRevision) return null;
  const base = await openBox(cipher, synced.id, synced.box);
  return base instanceof RecordDamagedError ? null : base;
}
