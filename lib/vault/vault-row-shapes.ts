import type { DamageReason, OutboxRow, QuarantineRow, SyncedRow } from './store-types';
import { VaultStoreCorruptError } from './vault-store-errors';

/**
 * Shape checks for the rows of the vault on disk (store-types.ts), used both ways: on write a problem is a
 * bug in the caller (TypeError), on read it is disk damage or a bug in whatever wrote it
 * (VaultStoreCorruptError). Plain `typeof` checks rather than a valibot schema: `snapshot()` runs them over
 * 10,000 rows at unlock, and they must cost next to nothing there. A problem names the field, never its value.
 */

const DAMAGE_REASONS: ReadonlySet<string> = new Set<DamageReason>([
  'undecryptable',
  'invalid',
  'newer-version',
]);
const SOURCES: ReadonlySet<string> = new Set<QuarantineRow['source']>(['server', 'local']);

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

function isRevision(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isBox(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function idProblem(row: Fields): string | null {
  return typeof row.id === 'string' && row.id.length > 0 ? null : 'id is not a non-empty string';
}

/** The first problem with a `synced` row, or null when it is a SyncedRow. */
export function syncedRowProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  return (
    idProblem(value) ??
    (isRevision(value.revision, 1) ? null : 'revision is not an integer ≥ 1') ??
    (value.box === null || isBox(value.box) ? null : 'box is neither bytes nor null')
  );
}

/** The first problem with an `outbox` row, or null when it is an OutboxRow. */
export function outboxRowProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  return (
    idProblem(value) ??
    (isRevision(value.baseRevision, 0) ? null : 'baseRevision is not an integer ≥ 0') ??
    (value.box === null || isBox(value.box) ? null : 'box is neither bytes nor null') ??
    (isTime(value.changedAt) ? null : 'changedAt is not a time') ??
    (isRevision(value.seq, 1) ? null : 'seq is not an integer ≥ 1')
  );
}

/** The first problem with a `quarantine` row, or null when it is a QuarantineRow. */
export function quarantineRowProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  return (
    idProblem(value) ??
    (isRevision(value.revision, 0) ? null : 'revision is not an integer ≥ 0') ??
    (isBox(value.box) ? null : 'box is not bytes') ??
    (typeof value.reason === 'string' && DAMAGE_REASONS.has(value.reason) ? null : 'reason is unknown') ??
    (isTime(value.at) ? null : 'at is not a time') ??
    (typeof value.source === 'string' && SOURCES.has(value.source) ? null : 'source is unknown')
  );
}

/** The first problem with a meta counter (cursor, seq), or null for a safe integer ≥ 0. */
export function counterProblem(value: unknown): string | null {
  return isRevision(value, 0) ? null : 'not an integer ≥ 0';
}

/**
 * The read path: a row as read back from `store`, or VaultStoreCorruptError naming the store and the row's
 * id (never its content). The problem functions above narrow nothing, so each reader ends in one cast,
 * right after the check that justifies it.
 */
function reader<T>(store: string, problemOf: (value: unknown) => string | null): (value: unknown) => T {
  return (value) => {
    const problem = problemOf(value);
    if (problem === null) return value as T;
    const id = isObject(value) && typeof value.id === 'string' ? value.id : '?';
    throw new VaultStoreCorruptError(store, id, problem);
  };
}

export const readSynced = reader<SyncedRow>('synced', syncedRowProblem);
export const readOutbox = reader<OutboxRow>('outbox', outboxRowProblem);
export const readQuarantine = reader<QuarantineRow>('quarantine', quarantineRowProblem);

/** A meta counter as read back; absent means 0 (a new vault: nothing pulled, no seq handed out). */
export function readCounter(key: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && counterProblem(value) === null) return value;
  throw new VaultStoreCorruptError('meta', key, counterProblem(value) ?? 'not a number');
}
