import { randomBytes, randomInt } from 'node:crypto';
import type { ApiClient } from '../../../lib/api/client';
import type { Item } from '../../../lib/api/items';

/**
 * A simulated device for the sync concurrency test, speaking the real API through lib/api's client: it pulls
 * since its cursor (in pages), edits or deletes a few of the account's items based on the revisions it knows,
 * pushes them, and on a conflict adopts the server's version and edits that item again on its next round (what
 * the extension does after merging). It logs every answer, so verifySyncHistory() can check them all at the end.
 */

/** One version of an item, as the server stores it (the fields sync compares). */
export interface Version {
  id: string;
  revision: number;
  ciphertext: string | null;
  deleted: boolean;
}

export interface AcceptedWrite extends Version {
  baseRevision: number;
  /** The push answer's headRevision. */
  headRevision: number;
}

export interface ReportedConflict {
  id: string;
  baseRevision: number;
  current: Version | null;
  headRevision: number;
}

export interface DeviceLog {
  name: string;
  pulls: number;
  pushes: number;
  changes: number;
  deletes: number;
  accepted: AcceptedWrite[];
  conflicts: ReportedConflict[];
  /** Every row a pull returned. */
  observed: Version[];
  /** Answers that break the API's contract on their own (order, paging, outcome count). */
  violations: string[];
}

/** Small pages, so that a catch-up usually takes several. */
const PAGE = 10;
const MAX_CHANGES_PER_PUSH = 3;

export class SyncDevice {
  /** The device's copy of the vault: id → latest version it knows. */
  readonly copy = new Map<string, Version>();
  cursor = 0;
  readonly log: DeviceLog;
  /** Items whose last push conflicted: edited again (on the adopted version) next round. */
  readonly #retry = new Set<string>();
  #seq = 0;

  constructor(
    name: string,
    private readonly session: ApiClient,
    private readonly itemIds: readonly string[],
  ) {
    this.log = {
      name,
      pulls: 0,
      pushes: 0,
      changes: 0,
      deletes: 0,
      accepted: [],
      conflicts: [],
      observed: [],
      violations: [],
    };
  }

  /** Syncs until the time is up and it has pushed at least `minPushes` times (a slow machine still tests). */
  async run(until: number, minPushes: number): Promise<void> {
    while (Date.now() < until || this.log.pushes < minPushes) {
      await this.pullToHead();
      await this.pushSome();
    }
  }

  /** Pulls since the cursor until the server says there is no more; moves the cursor to the head. */
  async pullToHead(): Promise<void> {
    for (;;) {
      const since = this.cursor;
      const page = await this.session.call('pull', { query: { since, limit: PAGE } });
      this.log.pulls += 1;
      let previous = since;
      for (const item of page.items) {
        if (item.revision <= previous || item.revision > page.headRevision) {
          this.violate(
            `pull since ${since}: revision ${item.revision} after ${previous}, head ${page.headRevision}`,
          );
        }
        previous = item.revision;
        const version = versionOf(item);
        this.log.observed.push(version);
        const known = this.copy.get(item.id);
        // The server keeps only an item's latest version: a pull can never hand back an older one.
        if (known && known.revision > item.revision) {
          this.violate(
            `pull returned ${item.id} at ${item.revision}, older than the known ${known.revision}`,
          );
        }
        this.copy.set(item.id, version);
      }
      if (page.items.length > PAGE) this.violate(`pull returned ${page.items.length} items, limit ${PAGE}`);
      if (!page.hasMore) {
        this.cursor = page.headRevision;
        return;
      }
      if (page.items.length === 0) {
        this.violate(`pull since ${since}: hasMore with an empty page`);
        return;
      }
      this.cursor = previous;
    }
  }

  async pushSome(): Promise<void> {
    const seq = this.#seq++;
    const ids = [...this.#retry].slice(0, MAX_CHANGES_PER_PUSH);
    const wanted = Math.min(MAX_CHANGES_PER_PUSH, ids.length + 1 + randomInt(MAX_CHANGES_PER_PUSH));
    while (ids.length < wanted) {
      const id = this.itemIds[randomInt(this.itemIds.length)]!;
      if (!ids.includes(id)) ids.push(id);
    }
    const changes = ids.map((id, i) => {
      const known = this.copy.get(id);
      const baseRevision = known?.revision ?? 0;
      // Deletes now and then, of items this device sees alive; an edit after a delete brings the item back.
      if (known && !known.deleted && randomInt(8) === 0) return { id, baseRevision, deleted: true as const };
      return { id, baseRevision, ciphertext: this.ciphertext(seq, i) };
    });

    const answer = await this.session.call('push', { body: { changes } });
    this.log.pushes += 1;
    this.log.changes += changes.length;
    this.log.deletes += changes.filter((change) => 'deleted' in change).length;
    if (answer.outcomes.length !== changes.length) {
      this.violate(`push of ${changes.length} changes answered ${answer.outcomes.length} outcomes`);
    }
    answer.outcomes.forEach((outcome, i) => {
      const change = changes[i];
      if (!change || outcome.id !== change.id) {
        this.violate(`outcome ${i} is for ${outcome.id}, not ${change?.id}`);
        return;
      }
      if (outcome.status === 'accepted') {
        const version: Version = {
          id: change.id,
          revision: outcome.revision,
          ciphertext: change.ciphertext ?? null,
          deleted: change.ciphertext === undefined,
        };
        if (outcome.revision > answer.headRevision) {
          this.violate(`accepted at ${outcome.revision}, above the answer's head ${answer.headRevision}`);
        }
        this.log.accepted.push({
          ...version,
          baseRevision: change.baseRevision,
          headRevision: answer.headRevision,
        });
        this.copy.set(change.id, version);
        this.#retry.delete(change.id);
      } else {
        const current = outcome.current && versionOf(outcome.current);
        this.log.conflicts.push({
          id: change.id,
          baseRevision: change.baseRevision,
          current,
          headRevision: answer.headRevision,
        });
        // Adopt the server's version; the edit is made again on top of it next round.
        if (current) this.copy.set(change.id, current);
        else this.copy.delete(change.id);
        this.#retry.add(change.id);
      }
    });
  }

  /** New random bytes, tagged with who wrote them (so a misplaced write is easy to read in a failure). */
  private ciphertext(seq: number, index: number): string {
    const tag = Buffer.from(`${this.log.name}/${seq}/${index}|`);
    return Buffer.concat([tag, randomBytes(32 + randomInt(96))]).toString('base64url');
  }

  private violate(message: string): void {
    this.log.violations.push(message);
  }
}

export function versionOf(item: Item | Version): Version {
  return { id: item.id, revision: item.revision, ciphertext: item.ciphertext, deleted: item.deleted };
}
