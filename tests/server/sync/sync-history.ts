import type { AcceptedWrite, DeviceLog, Version } from './sync-device';

/**
 * The checks of the sync concurrency test, over every device's log and the server's final state (every item at
 * its latest version, and the head revision). Returns the problems found (empty when all is well):
 *
 * - unique revisions: no revision was accepted twice, and every row any device ever saw (in a pull or as a
 *   conflict's current version) is exactly the write that was accepted at that revision;
 * - no lost write: the accepted revisions are exactly 1..head, and each item's accepted writes form one chain
 *   (each based on the one before it), whose last link is the server's row; every other accepted write was
 *   superseded by a later accepted write of the same item;
 * - every conflict reported the server's current row: the version that was the item's latest when the push ran
 *   (the latest accepted write with a revision up to that push's head), never the base the device sent;
 * - every change got exactly one outcome.
 */
export function verifySyncHistory(
  logs: readonly DeviceLog[],
  server: { items: readonly Version[]; headRevision: number },
): string[] {
  const problems = logs.flatMap((log) => log.violations.map((v) => `${log.name}: ${v}`));
  const accepted = logs.flatMap((log) => log.accepted);

  const byRevision = new Map<number, AcceptedWrite>();
  for (const write of accepted) {
    const other = byRevision.get(write.revision);
    if (other) problems.push(`revision ${write.revision} accepted twice (${other.id} and ${write.id})`);
    else byRevision.set(write.revision, write);
  }
  for (let revision = 1; revision <= server.headRevision; revision++) {
    if (!byRevision.has(revision)) problems.push(`revision ${revision} was accepted by no device's push`);
  }
  for (const revision of byRevision.keys()) {
    if (revision > server.headRevision) problems.push(`revision ${revision} is above the head`);
  }

  for (const log of logs) {
    const seen = [...log.observed, ...log.conflicts.flatMap((c) => (c.current ? [c.current] : []))];
    for (const version of seen) {
      const write = byRevision.get(version.revision);
      if (!write || !sameVersion(write, version)) {
        problems.push(
          `${log.name} saw ${describe(version)}, but revision ${version.revision} was ${write ? describe(write) : 'never accepted'}`,
        );
      }
    }
  }

  const chains = new Map<string, AcceptedWrite[]>();
  for (const write of [...byRevision.values()].sort((a, b) => a.revision - b.revision)) {
    const chain = chains.get(write.id) ?? [];
    const base = chain.at(-1)?.revision ?? 0;
    if (write.baseRevision !== base) {
      problems.push(
        `${write.id} accepted at ${write.revision} on base ${write.baseRevision}, but its latest was ${base}`,
      );
    }
    chain.push(write);
    chains.set(write.id, chain);
  }
  const final = new Map(server.items.map((item) => [item.id, item]));
  for (const [id, chain] of chains) {
    const last = chain.at(-1)!;
    const row = final.get(id);
    if (!row || !sameVersion(row, last)) {
      problems.push(`${id}: last accepted ${describe(last)}, stored ${row ? describe(row) : 'nothing'}`);
    }
  }
  for (const id of final.keys()) {
    if (!chains.has(id)) problems.push(`${id} is stored but no push of it was ever accepted`);
  }

  for (const log of logs) {
    if (log.accepted.length + log.conflicts.length !== log.changes) {
      problems.push(
        `${log.name}: ${log.changes} changes, ${log.accepted.length} accepted + ${log.conflicts.length} conflicts`,
      );
    }
    for (const conflict of log.conflicts) {
      const reported = conflict.current?.revision ?? 0;
      if (reported === conflict.baseRevision) {
        problems.push(`${log.name}: conflict on ${conflict.id} although its base ${reported} was current`);
      }
      // The push ran after every write up to its head and before every later one.
      const latest = (chains.get(conflict.id) ?? [])
        .filter((w) => w.revision <= conflict.headRevision)
        .at(-1);
      if ((latest?.revision ?? 0) !== reported) {
        problems.push(
          `${log.name}: conflict on ${conflict.id} (head ${conflict.headRevision}) reported revision ${reported}, ` +
            `but the current one was ${latest?.revision ?? 'none'}`,
        );
      }
    }
  }
  return problems;
}

export function sameVersion(a: Version, b: Version): boolean {
  return (
    a.id === b.id && a.revision === b.revision && a.ciphertext === b.ciphertext && a.deleted === b.deleted
  );
}

function describe(version: Version): string {
  const what = version.deleted ? 'tombstone' : `${version.ciphertext?.slice(0, 16)}…`;
  return `${version.id}@${version.revision} (${what})`;
}
