import { ApiError } from '../api/api-error';
import type { ItemChange, PushOutcome, PushResponse } from '../api/items';
import { PUSH_MAX_CHANGES } from '../api/limits';
import { fromBase64url, toBase64url } from '../encoding/base64url';
import { RecordDamagedError } from '../vault/record-errors';
import type { OutboxRow } from '../vault/store-types';
import { reconcile } from './reconcile';
import { commit, openBox, outboxById, quarantineFromServer, type SyncPass } from './sync-pass';
import { WriteBatch } from './write-batch';

/**
 * Rounds of pushing: a round's conflicts are merged into outbox rows (and conflict copies) that the next round
 * sends. Two rounds settle a conflict; the cap only stops a pass from chasing a device that keeps winning the
 * race for the same records (it resumes on the next trigger).
 */
export const MAX_PUSH_ROUNDS = 5;

type Conflict = Extract<PushOutcome, { status: 'conflict' }>;

/**
 * Push (PROTOCOL.md, step 2): the outbox in batches of PUSH_MAX_CHANGES, each batch's outcomes applied as one
 * store.write. Returns the outbox rows left (pending): changes made during the pass, rows waiting for the
 * repair of a quarantined record, or what the round cap left.
 */
export async function pushOutbox(pass: SyncPass): Promise<number> {
  const { store } = pass.deps;
  let merged = true;
  for (let round = 0; ; round++) {
    const outbox = await store.outbox();
    if (outbox.length === 0 || !merged || round === MAX_PUSH_ROUNDS) return outbox.length;
    merged = false;

    const rows = await store.rows(outbox.map((row) => row.id));
    // A server box that does not open waits for the user's repair: pushing over it would hide the damage.
    const sendable = outbox.filter((row) => rows.get(row.id)?.quarantine?.source !== 'server');
    // A delete of a record the server never had needs no request: forget it locally.
    const neverSent = sendable.filter(isNeverSentDelete);
    if (neverSent.length > 0) {
      const batch = new WriteBatch();
      for (const row of neverSent) batch.deleteOutbox(row.id, row.seq);
      await commit(pass, batch);
    }
    const toSend = sendable.filter((row) => !isNeverSentDelete(row));
    for (let i = 0; i < toSend.length; i += PUSH_MAX_CHANGES) {
      if (await pushBatch(pass, toSend.slice(i, i + PUSH_MAX_CHANGES))) merged = true;
    }
  }
}

/** One request and its outcomes; true when a conflict was merged into something to send. */
async function pushBatch(pass: SyncPass, rows: OutboxRow[]): Promise<boolean> {
  const { store, server } = pass.deps;
  const sent = new Map(rows.map((row) => [row.id, row]));
  const response = await server.push(rows.map(changeOf));
  checkOutcomes(response, sent);
  pass.headRevision = Math.max(pass.headRevision, response.headRevision);

  const batch = new WriteBatch();
  let merged = false;
  const conflicts = response.outcomes.filter((o): o is Conflict => o.status === 'conflict');
  if (conflicts.length > 0) merged = await mergeConflicts(pass, batch, conflicts, sent);

  // Read right before the write: an edit made while the request was in flight has a newer seq.
  const outboxNow = await outboxById(store);
  const accepted: number[] = [];
  for (const outcome of response.outcomes) {
    if (outcome.status !== 'accepted') continue;
    const row = sent.get(outcome.id);
    if (!row) continue; // checkOutcomes: every outcome is for a sent row
    batch.putSynced({ id: row.id, revision: outcome.revision, box: row.box });
    const now = outboxNow.get(row.id);
    if (now?.seq === row.seq) batch.deleteOutbox(row.id, row.seq);
    // Edited during the push: that edit stays queued, now based on the revision just accepted.
    else if (now) batch.putOutbox({ ...now, baseRevision: outcome.revision });
    accepted.push(outcome.revision);
  }
  pass.pushed += accepted.length;
  await commit(pass, batch, cursorAfterPush(pass.cursor, accepted, response.headRevision), outboxNow);
  return merged;
}

async function mergeConflicts(
  pass: SyncPass,
  batch: WriteBatch,
  conflicts: Conflict[],
  sent: ReadonlyMap<string, OutboxRow>,
): Promise<boolean> {
  const { store, cipher } = pass.deps;
  const rows = await store.rows(conflicts.map((c) => c.id));
  const opened = await Promise.all(
    conflicts.map(async ({ id, current }) => {
      const box =
        current && !current.deleted && current.ciphertext !== null ? fromBase64url(current.ciphertext) : null;
      return { id, current, box, remote: current ? await openBox(cipher, id, box) : null };
    }),
  );
  let merged = false;
  for (const { id, current, box, remote } of opened) {
    const row = sent.get(id);
    if (!row) continue;
    const stored = rows.get(id);
    if (current === null || remote === null) {
      // The server has no such item (it lost it, or our base is from before an account restore).
      batch.guard(id, row.seq);
      if (row.box === null) {
        batch.deleteOutbox(id, row.seq);
        batch.deleteSynced(id);
      } else {
        batch.putOutbox({ ...row, baseRevision: 0 });
        merged = true;
      }
    } else if (remote instanceof RecordDamagedError) {
      if (box !== null) {
        quarantineFromServer(pass, batch, { id, revision: current.revision, box, reason: remote.reason });
      }
    } else {
      const local = { synced: stored?.synced, outbox: row, quarantine: stored?.quarantine };
      const version = { id, revision: current.revision, box };
      if (await reconcile(pass, batch, local, version, remote)) merged = true;
    }
  }
  return merged;
}

/**
 * The cursor may skip our own accepted revisions only when they are exactly cursor+1..head: then no one else
 * wrote in between and there is nothing to pull. Otherwise the next pull fetches them (cheaply: "already held").
 */
function cursorAfterPush(cursor: number, accepted: number[], head: number): number {
  if (accepted.length !== head - cursor) return cursor;
  const sorted = [...accepted].sort((a, b) => a - b);
  return sorted.every((revision, i) => revision === cursor + 1 + i) ? head : cursor;
}

const isNeverSentDelete = (row: OutboxRow): boolean => row.box === null && row.baseRevision === 0;

function changeOf(row: OutboxRow): ItemChange {
  return row.box === null
    ? { id: row.id, baseRevision: row.baseRevision, deleted: true }
    : { id: row.id, baseRevision: row.baseRevision, ciphertext: toBase64url(row.box) };
}

/** Exactly one outcome per change sent; the engine relies on it to settle every row. */
function checkOutcomes(response: PushResponse, sent: ReadonlyMap<string, OutboxRow>): void {
  const ids = new Set(response.outcomes.map((o) => o.id));
  const complete = ids.size === sent.size && response.outcomes.length === sent.size;
  if (!complete || [...ids].some((id) => !sent.has(id))) {
    throw new ApiError(200, 'invalid-response', "The server's push answer does not match the changes sent");
  }
}
