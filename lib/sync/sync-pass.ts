import type { VaultRecord } from '../vault/record-types';
import { RecordDamagedError } from '../vault/record-errors';
import type { OutboxRow, RecordCipher, VaultStore } from '../vault/store-types';
import type { SyncEngineDeps, SyncReport } from './sync-types';
import type { WriteBatch } from './write-batch';

/**
 * The state of one `syncOnce` pass, shared by its pull and push steps: the cursor as the store holds it, and
 * what the report will say. One object passed as a parameter, created per pass and dropped after it.
 */
export interface SyncPass {
  readonly deps: SyncEngineDeps;
  /** The cursor in the store (kept in step with every write that moves it). */
  cursor: number;
  headRevision: number;
  pulled: number;
  pushed: number;
  readonly changed: Set<string>;
  readonly conflictCopies: string[];
  readonly quarantined: string[];
}

export function startPass(deps: SyncEngineDeps, cursor: number): SyncPass {
  return {
    deps,
    cursor,
    headRevision: cursor,
    pulled: 0,
    pushed: 0,
    changed: new Set(),
    conflictCopies: [],
    quarantined: [],
  };
}

export function reportOf(pass: SyncPass, pending: number): SyncReport {
  return {
    changedIds: [...pass.changed],
    pulled: pass.pulled,
    pushed: pass.pushed,
    conflictCopies: pass.conflictCopies,
    quarantined: pass.quarantined,
    headRevision: pass.headRevision,
    pending,
  };
}

/**
 * Applies one step's batch as one store.write, moving the cursor to `cursor` in the same transaction. Guarded
 * writes are checked against the outbox as it is now, right before the write (see WriteBatch.dropRaced):
 * `outboxNow` when the caller has just read it, else read here.
 */
export async function commit(
  pass: SyncPass,
  batch: WriteBatch,
  cursor: number = pass.cursor,
  outboxNow?: ReadonlyMap<string, OutboxRow>,
): Promise<void> {
  const { store } = pass.deps;
  if (batch.hasGuards) batch.dropRaced(outboxNow ?? (await outboxById(store)));
  const write = batch.toWrite(cursor === pass.cursor ? undefined : cursor);
  if (write === null) return;
  await store.write(write);
  pass.cursor = cursor;
  for (const id of batch.ids()) pass.changed.add(id);
}

/** One version of a record as the engine sees it: the record, a tombstone, or the reason it does not open. */
export type Opened = VaultRecord | 'deleted' | RecordDamagedError;

/** Opens a box; only RecordDamagedError becomes a value, anything else is a bug and is thrown. */
export async function openBox(cipher: RecordCipher, id: string, box: Uint8Array | null): Promise<Opened> {
  if (box === null) return 'deleted';
  try {
    return await cipher.open(id, box);
  } catch (error) {
    if (error instanceof RecordDamagedError) return error;
    throw error;
  }
}

/**
 * A box that is only to be stored: authenticated (RecordCipher.check), not parsed. Answers 'checked' in place
 * of the record, which applyItem never needs for a record without a local change.
 */
export async function checkBox(
  cipher: RecordCipher,
  id: string,
  box: Uint8Array | null,
): Promise<'deleted' | 'checked' | RecordDamagedError> {
  if (box === null) return 'deleted';
  try {
    await cipher.check(id, box);
    return 'checked';
  } catch (error) {
    if (error instanceof RecordDamagedError) return error;
    throw error;
  }
}

export async function outboxById(store: VaultStore): Promise<Map<string, OutboxRow>> {
  return new Map((await store.outbox()).map((row) => [row.id, row]));
}

/**
 * A server box that does not open: set aside (source 'server') in this step's batch. Nothing else is touched:
 * the synced row (a good older copy, if any) and the outbox stay as they are (PROTOCOL.md, Quarantine).
 */
export function quarantineFromServer(
  pass: SyncPass,
  batch: WriteBatch,
  damaged: { id: string; revision: number; box: Uint8Array; reason: RecordDamagedError['reason'] },
): void {
  batch.putQuarantine({ ...damaged, at: pass.deps.now(), source: 'server' });
  pass.quarantined.push(damaged.id);
}

export const isoNow = (pass: SyncPass): string => new Date(pass.deps.now()).toISOString();
