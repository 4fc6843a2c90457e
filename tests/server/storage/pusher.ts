import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ItemChange, ItemRow, Storage } from '../../../server/storage/storage';

/**
 * A simulated device for the concurrency tests: it edits, deletes and restores a few shared items as fast as it
 * can, basing each change on the revision it last saw, and logs what the server answered. verifyHistory()
 * then checks the logs of all devices against the final state.
 */

export interface AcceptedWrite {
  id: string;
  revision: number;
  ciphertext: string | null;
}

export interface ReportedConflict {
  id: string;
  baseRevision: number;
  current: AcceptedWrite | null;
}

export interface PusherLog {
  changes: number;
  accepted: AcceptedWrite[];
  conflicts: ReportedConflict[];
  /** Answers that break the contract (wrong outcome count or order). */
  violations: string[];
}

export async function runPusher(
  storage: Storage,
  options: { accountId: string; itemIds: readonly string[]; device: string; until: number },
): Promise<PusherLog> {
  const log: PusherLog = { changes: 0, accepted: [], conflicts: [], violations: [] };
  const known = new Map<string, number>();
  let cursor = 0;
  for (let seq = 0; Date.now() < options.until; seq++) {
    // Now and then catch up like a real device, which also puts pulls among the pushes.
    if (seq % 4 === 3) cursor = await catchUp(storage, options.accountId, cursor, known);
    const changes = pickDistinct(options.itemIds, 1 + randomInt(3)).map((id, i): ItemChange => {
      const deleted = randomInt(8) === 0;
      const ciphertext = deleted ? null : `${options.device}:${seq}:${i}`;
      return { id, baseRevision: known.get(id) ?? 0, ciphertext, deleted };
    });
    const result = await storage.push(options.accountId, changes, new Date());
    log.changes += changes.length;
    if (result.outcomes.length !== changes.length) {
      log.violations.push(`${changes.length} changes, ${result.outcomes.length} outcomes`);
    }
    result.outcomes.forEach((outcome, i) => {
      const change = changes[i];
      if (!change || change.id !== outcome.id) {
        log.violations.push(`outcome ${i} is for ${outcome.id}, not ${change?.id}`);
        return;
      }
      if (outcome.status === 'accepted') {
        log.accepted.push({ id: change.id, revision: outcome.revision, ciphertext: change.ciphertext });
        known.set(change.id, outcome.revision);
      } else {
        log.conflicts.push({
          id: change.id,
          baseRevision: change.baseRevision,
          current: outcome.current && written(outcome.current),
        });
        known.set(change.id, outcome.current?.revision ?? 0);
      }
    });
  }
  return log;
}

/** Pulls everything after `cursor` page by page into `known`; returns the new cursor. */
async function catchUp(storage: Storage, accountId: string, cursor: number, known: Map<string, number>) {
  for (;;) {
    const page = await storage.pull(accountId, cursor, 5);
    for (const item of page.items) known.set(item.id, item.revision);
    if (!page.hasMore) return page.headRevision;
    cursor = page.items.at(-1)?.revision ?? page.headRevision;
  }
}

/**
 * A device that only pulls, incrementally, while the others push, and keeps its own copy. If a commit could
 * become visible after a later revision was already pulled, its copy would miss that write for good.
 */
export async function runPuller(
  storage: Storage,
  options: { accountId: string; until: () => boolean },
): Promise<{ copy: Map<string, AcceptedWrite>; pulls: number; violations: string[] }> {
  const copy = new Map<string, AcceptedWrite>();
  const violations: string[] = [];
  let cursor = 0;
  let pulls = 0;
  for (;;) {
    // Once the pushers have stopped, one last round converges.
    const last = options.until();
    for (;;) {
      const page = await storage.pull(options.accountId, cursor, 7);
      pulls += 1;
      let previous = cursor;
      for (const item of page.items) {
        if (item.revision <= previous || item.revision > page.headRevision) {
          violations.push(
            `pull since ${cursor}: revision ${item.revision} after ${previous}, head ${page.headRevision}`,
          );
        }
        previous = item.revision;
        copy.set(item.id, written(item));
      }
      if (!page.hasMore) {
        cursor = page.headRevision;
        break;
      }
      cursor = previous;
    }
    if (last) return { copy, pulls, violations };
    // Leave the CPU to the pushers between rounds (a real device polls far less often).
    await sleep(2);
  }
}

/**
 * The checks of the concurrency tests, over every device's log and the final state:
 * - the accepted revisions are exactly 1..head: none twice (unique), none missing (no lost write);
 * - each item's final row is its last accepted write;
 * - every change got an outcome, and every conflict was real: the base did not match, and the row it reported
 *   was one that had been accepted.
 * Returns a list of problems (empty when all is well).
 */
export function verifyHistory(
  logs: readonly PusherLog[],
  finalItems: readonly ItemRow[],
  head: number,
): string[] {
  const problems = logs.flatMap((log) => log.violations);
  const accepted = logs.flatMap((log) => log.accepted);
  const byRevision = new Map<number, AcceptedWrite>();
  for (const write of accepted) {
    if (byRevision.has(write.revision)) problems.push(`revision ${write.revision} accepted twice`);
    byRevision.set(write.revision, write);
  }
  for (let revision = 1; revision <= head; revision++) {
    if (!byRevision.has(revision)) problems.push(`revision ${revision} missing from the accepted writes`);
  }
  if (byRevision.size !== head) problems.push(`${byRevision.size} accepted revisions, head ${head}`);

  const last = new Map<string, AcceptedWrite>();
  for (const write of accepted) {
    const previous = last.get(write.id);
    if (!previous || previous.revision < write.revision) last.set(write.id, write);
  }
  const final = new Map(finalItems.map((item) => [item.id, written(item)]));
  for (const [id, write] of last) {
    const row = final.get(id);
    if (!row || row.revision !== write.revision || row.ciphertext !== write.ciphertext) {
      problems.push(`item ${id}: last accepted ${JSON.stringify(write)}, stored ${JSON.stringify(row)}`);
    }
  }
  if (final.size !== last.size) problems.push(`${final.size} items stored, ${last.size} ever accepted`);

  for (const log of logs) {
    if (log.accepted.length + log.conflicts.length !== log.changes) {
      problems.push(
        `${log.changes} changes, ${log.accepted.length} accepted + ${log.conflicts.length} conflicts`,
      );
    }
    for (const conflict of log.conflicts) {
      const current = conflict.current;
      if ((current?.revision ?? 0) === conflict.baseRevision) {
        problems.push(`conflict on ${conflict.id} although its base ${conflict.baseRevision} was current`);
      }
      const real = current && byRevision.get(current.revision);
      if (current && (!real || real.id !== current.id || real.ciphertext !== current.ciphertext)) {
        problems.push(`conflict on ${conflict.id} reported ${JSON.stringify(current)}, never accepted`);
      }
    }
  }
  return problems;
}

function written(item: ItemRow): AcceptedWrite {
  return { id: item.id, revision: item.revision, ciphertext: item.ciphertext };
}

function pickDistinct<T>(from: readonly T[], count: number): T[] {
  const pool = [...from];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    const [one] = pool.splice(randomInt(pool.length), 1);
    if (one !== undefined) picked.push(one);
  }
  return picked;
}
