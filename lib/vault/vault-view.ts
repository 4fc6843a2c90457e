import type { DamagedItem, VaultListItem } from '../messaging/protocol';
import { damageMessage, RecordDamagedError } from './record-errors';
import type { RecordOverview } from './record-types';
import { compareTitles } from './title-order';
import type { OutboxRow, QuarantineRow, SyncedRow, VaultRows, VaultSnapshot } from './store-types';

/**
 * The vault list in the background's memory (DESIGN §7: the popup paints 10,000 items in ≤ 100 ms, messaging
 * included, so `vault.list` must not decrypt anything). Built once when the vault opens, from one snapshot of
 * the store with the overview half of every visible box opened (record-crypto.ts `openOverviews`), then kept
 * up to date per id: after a local change (the overview is known, nothing to open) and after a sync (only the
 * report's changedIds are read and opened again).
 *
 * What the user sees for an id (store-types.ts): the outbox row if there is one, else the synced row; a null
 * box there is a delete. A quarantined id is listed as damaged, and also as a normal item when a good copy is
 * visible (`hasGoodCopy`).
 */

/** Opens the overview half of some boxes, each result on its own (a damaged box does not fail the others). */
export type OverviewOpener = (
  rows: Array<{ id: string; box: Uint8Array }>,
) => Promise<Array<RecordOverview | RecordDamagedError>>;

/** A visible box whose overview did not open: the caller quarantines it (vault-session.ts). */
export interface UnreadableBox {
  id: string;
  reason: RecordDamagedError['reason'];
  /** Where the box came from: the synced row (a server revision) or an unsent local change. */
  from: { kind: 'synced'; row: SyncedRow } | { kind: 'outbox'; row: OutboxRow };
}

export class VaultView {
  readonly #items = new Map<string, VaultListItem>();
  readonly #quarantine = new Map<string, QuarantineRow>();
  /** Ids with an outbox row (an edit or a delete the server does not have yet): the status's `pending`. */
  readonly #pending = new Set<string>();
  /** Local edits: id → the #clock value when put()/remove() last touched it (see refresh()). */
  readonly #stamps = new Map<string, number>();
  #clock = 0;
  /** The list as last answered; rebuilt only after a change (100 popup opens must not copy 10k items 100 times). */
  #listed: { items: VaultListItem[]; damaged: DamagedItem[] } | null = null;

  constructor(private readonly openOverviews: OverviewOpener) {}

  /** Fills the view from a snapshot; answers the visible boxes that did not open. */
  async load(snapshot: VaultSnapshot): Promise<UnreadableBox[]> {
    const rows = new Map<string, VaultRows>();
    const entry = (id: string) => {
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { synced: undefined, outbox: undefined, quarantine: undefined }));
      return row;
    };
    for (const row of snapshot.synced) entry(row.id).synced = row;
    for (const row of snapshot.outbox) entry(row.id).outbox = row;
    for (const row of snapshot.quarantine) entry(row.id).quarantine = row;
    this.#items.clear();
    this.#quarantine.clear();
    this.#pending.clear();
    return this.#apply(rows, -1);
  }

  /**
   * Reads some ids again (after a sync, or a repair). `read` gets their rows from the store; an id edited
   * locally (put/remove) after the read began keeps that newer state, so a sync finishing during a save can
   * never put the older version back on screen. The view changes in one step, after the decryption, so a
   * list answered meanwhile never misses an item.
   */
  async refresh(
    ids: readonly string[],
    read: (ids: readonly string[]) => Promise<Map<string, VaultRows>>,
  ): Promise<UnreadableBox[]> {
    const started = this.#clock;
    return this.#apply(await read(ids), started);
  }

  /** A local edit (now in the outbox): the overview is known from the record itself. */
  put(overview: RecordOverview): void {
    this.#stamps.set(overview.id, ++this.#clock);
    this.#items.set(overview.id, { ...overview, pending: true });
    this.#pending.add(overview.id);
    this.#listed = null;
  }

  /** A local delete (now in the outbox). */
  remove(id: string): void {
    this.#stamps.set(id, ++this.#clock);
    this.#items.delete(id);
    this.#pending.add(id);
    this.#listed = null;
  }

  quarantine(row: QuarantineRow): void {
    this.#quarantine.set(row.id, row);
    this.#listed = null;
  }

  unquarantine(id: string): void {
    this.#quarantine.delete(id);
    this.#listed = null;
  }

  item(id: string): VaultListItem | undefined {
    return this.#items.get(id);
  }

  quarantined(id: string): QuarantineRow | undefined {
    return this.#quarantine.get(id);
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  get damagedCount(): number {
    return this.#quarantine.size;
  }

  /** Plain arrays, ready for structured cloning; the same arrays until the next change. */
  list(): { items: VaultListItem[]; damaged: DamagedItem[] } {
    this.#listed ??= {
      // Sorted here, once per change: the popup's own sort of 10,000 titles then costs ~1 ms, not ~10.
      items: [...this.#items.values()].sort(compareTitles),
      damaged: [...this.#quarantine.values()].map((row) => this.#damaged(row)),
    };
    return this.#listed;
  }

  #damaged(row: QuarantineRow): DamagedItem {
    const hasGoodCopy = this.#items.has(row.id);
    return {
      id: row.id,
      reason: row.reason,
      message: damageMessage(row.reason, hasGoodCopy),
      hasGoodCopy,
      source: row.source,
      at: new Date(row.at).toISOString(),
    };
  }

  /** Opens the visible box of each id, then applies everything at once (ids stamped after `since` are kept). */
  async #apply(rows: Map<string, VaultRows>, since: number): Promise<UnreadableBox[]> {
    const visible: Array<{ id: string; box: Uint8Array; from: UnreadableBox['from'] }> = [];
    for (const [id, { synced, outbox }] of rows) {
      if (outbox) {
        if (outbox.box) visible.push({ id, box: outbox.box, from: { kind: 'outbox', row: outbox } });
      } else if (synced?.box) {
        visible.push({ id, box: synced.box, from: { kind: 'synced', row: synced } });
      }
    }
    const opened = await this.openOverviews(visible.map(({ id, box }) => ({ id, box })));
    if (opened.length !== visible.length)
      throw new RangeError('VaultView: openOverviews answered a wrong count');
    const fresh = (id: string) => since < 0 || (this.#stamps.get(id) ?? 0) <= since;
    for (const [id, row] of rows) {
      if (row.quarantine) this.#quarantine.set(id, row.quarantine);
      else this.#quarantine.delete(id);
      if (!fresh(id)) continue;
      this.#items.delete(id);
      if (row.outbox) this.#pending.add(id);
      else this.#pending.delete(id);
    }
    const unreadable: UnreadableBox[] = [];
    visible.forEach((entry, index) => {
      const result = opened[index];
      if (!fresh(entry.id) || result === undefined) return;
      if (result instanceof RecordDamagedError) {
        unreadable.push({ id: entry.id, reason: result.reason, from: entry.from });
      } else {
        this.#items.set(entry.id, { ...result, id: entry.id, pending: entry.from.kind === 'outbox' });
      }
    });
    this.#listed = null;
    return unreadable;
  }
}
