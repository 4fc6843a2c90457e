import { LIMITS } from '../vault/record-fields';
import type { VaultRecord } from '../vault/record-types';
import { compareIso, deepEqual, mergeFields } from './merge-fields';

/**
 * The three-way merge of one record (DESIGN §4): "merges a conflict field by field against the common base when it
 * has it; when both sides changed the same field, or there is no base, it keeps both (the local one saved as a
 * copy marked as a conflict). No edit is ever lost, offline edits included. Deletes are tombstones."
 *
 * The sync engine calls it when a local change (the outbox) meets a newer server version of the same record, from
 * a pull or from a push the server refused. The rules (lib/sync/PROTOCOL.md repeats them):
 *
 * Fields. The unit is a key of `record.fields` (record-types.ts). A field changed on one side only (deep equality
 * against the base) takes that side's value; changed on both sides to the same value is no conflict; changed on
 * both sides to different values is a conflict: the merged record takes the remote value and the whole local
 * version is kept as one conflict copy (one per merge, however many fields conflict). `favorite` and `urls` (the
 * whole list) are such simple fields. Special fields (merge-fields.ts):
 * - `tags`: a set, three-way per tag: added on either side kept, removed on one side removed. Never a conflict.
 * - `customFields`: three-way per custom field id (added or removed per id), and per property (name, value, kind)
 *   of an id edited on both sides: the same property changed differently on both sides is a conflict; removed on
 *   one side and edited on the other keeps the edit (as for records, below).
 * - `passwordHistory` (logins): the union by (password, replacedAt), newest first, capped at 50. Never a conflict.
 *   A side's password that the merged record does not have is never lost: the local one is in the conflict copy
 *   when there is one; otherwise it, and the remote one, are added to the history (replacedAt = now) unless an
 *   entry already holds them.
 * - Tags or custom fields whose merge would exceed the schema's limits (lib/vault/record-fields.ts) keep the
 *   remote list and count as a conflict, so the merged record stays valid and the local list survives in the copy.
 *
 * Record. updatedAt = now when the merged record differs from the remote one, createdAt = the earlier of the two
 * sides, `conflict` mark = the remote's. When the merged record equals the remote one nothing is pushed.
 *
 * No base (null: new on both sides, or the base is unreadable), a base that is a tombstone, or a `type` that is
 * not the same in base, local and remote: if local and remote have the same type and fields (dates and conflict
 * marks are bookkeeping, not edits) the remote is taken: this is a push that the server accepted but whose answer
 * was lost. Otherwise the remote is taken and the local version becomes a conflict copy.
 *
 * Deletes (tombstones):
 * - both deleted: take the remote.
 * - local deleted, remote edited since the base (or no live base to tell): the edit wins, take the remote; a
 *   delete is not an edit, and no edit is ever lost. Remote unchanged from the base: push the delete.
 * - local edited, remote deleted: push the local version, re-created on the server, with no conflict mark; the
 *   local edit is not lost. If the local version does not differ from the base (no effective edit), the delete
 *   wins instead, mirroring the previous rule.
 *
 * Conflict copy: a new record with id newId(), `conflict: {of: id, at: now}`, createdAt = updatedAt = now, the
 * local fields, and the title suffixed " (conflict)" (cut so it stays within the schema's 200 characters).
 *
 * Deterministic (everything that varies is in the input) and pure: the inputs are never mutated, and the records
 * returned share no objects with them.
 */

/** A version of a record; 'deleted' = a tombstone. */
export type Side = VaultRecord | 'deleted';

export interface MergeInput {
  /** The common base (the synced version both started from); null = none known (new on both sides, or unreadable). */
  base: VaultRecord | 'deleted' | null;
  /** This device's unsynced version. */
  local: Side;
  /** The server's current version. */
  remote: Side;
  /** ISO date for updatedAt and conflict marks. */
  now: string;
  /** Id for a conflict copy. */
  newId(): string;
}

export interface MergeResult {
  /** What this device should now send (based on the remote revision): a record, a delete, or nothing to send when the result equals `remote`. */
  outcome: { kind: 'take-remote' } | { kind: 'push'; record: VaultRecord } | { kind: 'push-delete' };
  /** A conflict copy (a new record, `conflict: {of, at}`, title suffixed " (conflict)") to add locally and push as new; null when none. */
  copy: VaultRecord | null;
}

export const CONFLICT_SUFFIX = ' (conflict)';

export function mergeRecord(input: MergeInput): MergeResult {
  const { base, local, remote, now } = input;
  checkIds(input);
  if (local === 'deleted') {
    if (remote !== 'deleted' && isLive(base) && sameContent(base, remote))
      return result({ kind: 'push-delete' });
    return result({ kind: 'take-remote' });
  }
  if (remote === 'deleted') {
    if (isLive(base) && sameContent(base, local)) return result({ kind: 'take-remote' });
    const record: VaultRecord = { ...structuredClone(local), updatedAt: now, conflict: null };
    return result({ kind: 'push', record });
  }
  if (!isLive(base) || base.type !== local.type || base.type !== remote.type) {
    if (sameContent(local, remote)) return result({ kind: 'take-remote' });
    return result({ kind: 'take-remote' }, conflictCopy(local, input));
  }

  const merged = mergeFields(base, local, remote, now);
  const copy = merged.conflict ? conflictCopy(local, input) : null;
  const createdAt = compareIso(local.createdAt, remote.createdAt) < 0 ? local.createdAt : remote.createdAt;
  if (createdAt === remote.createdAt && deepEqual(merged.value, remote.fields)) {
    return result({ kind: 'take-remote' }, copy);
  }
  // The cast: every merged value came from one of three records of remote's type, key by key.
  const record = structuredClone({
    id: remote.id,
    type: remote.type,
    fields: merged.value as unknown as VaultRecord['fields'],
    createdAt,
    updatedAt: now,
    conflict: remote.conflict,
  }) as VaultRecord;
  return result({ kind: 'push', record }, copy);
}

/** The title of a conflict copy: suffixed, and cut to the schema's limit without splitting a surrogate pair. */
export function conflictTitle(title: string): string {
  const room = LIMITS.titleChars - CONFLICT_SUFFIX.length;
  if (title.length <= room) return title + CONFLICT_SUFFIX;
  let head = title.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return head.trimEnd() + CONFLICT_SUFFIX;
}

function conflictCopy(local: VaultRecord, input: MergeInput): VaultRecord {
  const copy = structuredClone(local);
  copy.fields.title = conflictTitle(copy.fields.title);
  return {
    ...copy,
    id: input.newId(),
    createdAt: input.now,
    updatedAt: input.now,
    conflict: { of: local.id, at: input.now },
  };
}

function result(outcome: MergeResult['outcome'], copy: VaultRecord | null = null): MergeResult {
  return { outcome, copy };
}

function isLive(side: VaultRecord | 'deleted' | null): side is VaultRecord {
  return side !== null && side !== 'deleted';
}

/** Same type and fields: what a user edits. Dates and the conflict mark are bookkeeping. */
function sameContent(a: VaultRecord, b: VaultRecord): boolean {
  return a.type === b.type && deepEqual(a.fields, b.fields);
}

/** The three versions must be of one record: merging two different records would be a bug in the caller. */
function checkIds({ base, local, remote }: MergeInput): void {
  const ids = new Set([base, local, remote].filter(isLive).map((side) => side.id));
  if (ids.size > 1)
    throw new TypeError('mergeRecord: base, local and remote are versions of different records');
}
