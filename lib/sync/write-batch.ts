import type { OutboxRow, QuarantineRow, SyncedRow, VaultWrite } from '../vault/store-types';

/**
 * The writes of one step of a sync pass (a pulled page, a push batch's outcomes), collected while the step
 * decides and then applied as ONE `store.write`: one IndexedDB transaction, so a crash or a failed request
 * leaves the store either before or after the step, never half-way (lib/sync/PROTOCOL.md, "Crash safety").
 *
 * It also remembers which outbox row each decision was made against (`guard`). A local edit can land while
 * the step awaits crypto or the network; `dropRaced` then removes every write for that id, so the edit is
 * never overwritten: the push that follows sees a stale base, gets a conflict and merges it properly.
 */
export class WriteBatch {
  #synced = new Map<string, SyncedRow>();
  #deleteSynced = new Set<string>();
  #outbox = new Map<string, OutboxRow>();
  #deleteOutbox = new Map<string, number>();
  #quarantine = new Map<string, QuarantineRow>();
  #deleteQuarantine = new Set<string>();
  /** id → the outbox seq the decision was based on (undefined: there was no outbox row). */
  #guards = new Map<string, number | undefined>();

  putSynced(row: SyncedRow): void {
    this.#synced.set(row.id, row);
  }
  deleteSynced(id: string): void {
    this.#deleteSynced.add(id);
  }
  putOutbox(row: OutboxRow): void {
    this.#outbox.set(row.id, row);
  }
  deleteOutbox(id: string, seq: number): void {
    this.#deleteOutbox.set(id, seq);
  }
  putQuarantine(row: QuarantineRow): void {
    this.#quarantine.set(row.id, row);
  }
  deleteQuarantine(id: string): void {
    this.#deleteQuarantine.add(id);
  }

  /** The writes for `id` assume its outbox row still has `seq` (or, when undefined, that it has none). */
  guard(id: string, seq: number | undefined): void {
    this.#guards.set(id, seq);
  }

  get hasGuards(): boolean {
    return this.#guards.size > 0;
  }

  /** Drops every write of an id whose outbox row is no longer the one its decision was based on. */
  dropRaced(outboxNow: ReadonlyMap<string, OutboxRow>): string[] {
    const dropped: string[] = [];
    for (const [id, seq] of this.#guards) {
      if (outboxNow.get(id)?.seq === seq) continue;
      for (const part of [this.#synced, this.#outbox, this.#deleteOutbox, this.#quarantine]) part.delete(id);
      this.#deleteSynced.delete(id);
      this.#deleteQuarantine.delete(id);
      dropped.push(id);
    }
    return dropped;
  }

  /** Every id this batch writes a row for: the visible version of each may have changed. */
  ids(): Set<string> {
    return new Set([
      ...this.#synced.keys(),
      ...this.#deleteSynced,
      ...this.#outbox.keys(),
      ...this.#deleteOutbox.keys(),
      ...this.#quarantine.keys(),
      ...this.#deleteQuarantine,
    ]);
  }

  /** The one store.write for this step, or null when there is nothing to write (a no-change sync writes nothing). */
  toWrite(cursor: number | undefined): VaultWrite | null {
    const write: VaultWrite = {};
    if (this.#synced.size > 0) write.putSynced = [...this.#synced.values()];
    if (this.#deleteSynced.size > 0) write.deleteSynced = [...this.#deleteSynced];
    if (this.#outbox.size > 0) write.putOutbox = [...this.#outbox.values()];
    if (this.#deleteOutbox.size > 0) {
      write.deleteOutbox = [...this.#deleteOutbox].map(([id, seq]) => ({ id, seq }));
    }
    if (this.#quarantine.size > 0) write.putQuarantine = [...this.#quarantine.values()];
    if (this.#deleteQuarantine.size > 0) write.deleteQuarantine = [...this.#deleteQuarantine];
    if (cursor !== undefined) write.cursor = cursor;
    return Object.keys(write).length > 0 ? write : null;
  }
}
