import { importAeadKey } from '../crypto/aead';
import type { SyncReport } from '../sync/sync-types';
import { overviewOf } from './overview';
import { createRecordCipher } from './record-crypto';
import { applyDraft, newRecord } from './record-schema';
import type { RecordDraft, VaultRecord } from './record-types';
import type { RecordCipher, VaultRows, VaultSnapshot, VaultStore } from './store-types';
import { quarantineUnreadable, repairDamaged } from './vault-damage';
import { VaultItemNotFoundError, VaultItemRefusedError } from './vault-errors';
import { VaultView, type OverviewOpener } from './vault-view';

/**
 * The unlocked vault (DESIGN §3: only the background holds it): the store on disk, the record cipher under the
 * vault key, and the in-memory list (vault-view.ts). One per unlock; lock drops it (close()).
 *
 * Every local change goes to the outbox (store.addLocalChange) and never touches the synced rows: those are the
 * server's versions and the merge's common base (lib/sync/PROTOCOL.md). The sync engine sends the outbox.
 */

export interface VaultSessionDeps {
  store: VaultStore;
  cipher: RecordCipher;
  /** The overview halves of some boxes, each on its own (record-crypto.ts openOverviews, bound to the key). */
  openOverviews: OverviewOpener;
  /** ms since epoch. */
  now(): number;
  newId(): string;
}

/** Opens the vault of `accountId` with its raw vault key: one key import, one snapshot, every overview. */
export async function openVaultSession(params: {
  accountId: string;
  vaultKey: Uint8Array;
  store: VaultStore;
  /** Read ahead of the key (BackgroundVault.prefetch); read now when absent. */
  snapshot?: VaultSnapshot;
  now(): number;
  newId(): string;
}): Promise<VaultSession> {
  const cipher = createRecordCipher(await importAeadKey(params.vaultKey), params.accountId);
  const session = new VaultSession({
    store: params.store,
    cipher,
    openOverviews: (rows) => cipher.openOverviews(rows),
    now: params.now,
    newId: params.newId,
  });
  await session.load(params.snapshot);
  return session;
}

/** Above this many ids, a refresh reads the whole vault at once rather than id by id. */
const SNAPSHOT_READ_MIN_IDS = 1000;

function rowsFromSnapshot(store: VaultStore) {
  return async (wanted: readonly string[]): Promise<Map<string, VaultRows>> => {
    const snapshot = await store.snapshot();
    const rows = new Map<string, VaultRows>(
      wanted.map((id) => [id, { synced: undefined, outbox: undefined, quarantine: undefined }]),
    );
    for (const row of snapshot.synced) {
      const entry = rows.get(row.id);
      if (entry) entry.synced = row;
    }
    for (const row of snapshot.outbox) {
      const entry = rows.get(row.id);
      if (entry) entry.outbox = row;
    }
    for (const row of snapshot.quarantine) {
      const entry = rows.get(row.id);
      if (entry) entry.quarantine = row;
    }
    return rows;
  };
}

export class VaultSession {
  readonly view: VaultView;

  constructor(readonly deps: VaultSessionDeps) {
    this.view = new VaultView(deps.openOverviews);
  }

  get store(): VaultStore {
    return this.deps.store;
  }

  get cipher(): RecordCipher {
    return this.deps.cipher;
  }

  /** Builds the list from disk; a visible box that does not open is quarantined (disk damage). */
  async load(prefetched?: VaultSnapshot): Promise<void> {
    const snapshot = prefetched ?? (await this.store.snapshot());
    const unreadable = await this.view.load(snapshot);
    if (unreadable.length > 0) await quarantineUnreadable(this, unreadable, snapshot.cursor);
  }

  /** After a sync pass: only what it says may have changed is read again. */
  async afterSync(report: SyncReport): Promise<void> {
    await this.refresh([...report.changedIds, ...report.conflictCopies, ...report.quarantined]);
  }

  async refresh(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // Many ids (a first sync: every record): three getAll beat thousands of single gets (idb-vault-store.ts).
    const read =
      ids.length > SNAPSHOT_READ_MIN_IDS
        ? rowsFromSnapshot(this.store)
        : (wanted: readonly string[]) => this.store.rows(wanted);
    const unreadable = await this.view.refresh([...new Set(ids)], read);
    if (unreadable.length > 0) await quarantineUnreadable(this, unreadable, await this.store.cursor());
  }

  list(): ReturnType<VaultView['list']> {
    return this.view.list();
  }

  /** The visible version of a record, secrets included. Throws not-found, or RecordDamagedError. */
  async get(id: string): Promise<VaultRecord> {
    const rows = (await this.store.rows([id])).get(id);
    const box = rows?.outbox ? rows.outbox.box : (rows?.synced?.box ?? null);
    if (box === null) throw new VaultItemNotFoundError();
    return this.cipher.open(id, box);
  }

  /** Adds (no id) or edits a record; answers it as stored. RecordTooLargeError when the box would be too big. */
  async save(draft: RecordDraft): Promise<VaultRecord> {
    const now = this.deps.now();
    let record: VaultRecord;
    if (draft.id === undefined) {
      record = newRecord(draft, { id: this.deps.newId(), now });
    } else {
      const existing = await this.get(draft.id);
      if (existing.type !== draft.type) throw new VaultItemRefusedError('An item cannot change its type.');
      record = applyDraft(existing, draft, now);
    }
    await this.#putLocal(record, now);
    return record;
  }

  async delete(id: string): Promise<void> {
    if (this.view.item(id) === undefined) throw new VaultItemNotFoundError();
    await this.#deleteLocal(id, this.deps.now());
  }

  /**
   * Settles a conflict copy (DESIGN §4). Keep 'copy': its fields replace the original's (its title without the
   * " (conflict)" mark) and the copy goes; keep 'original': the copy goes. When the original is gone (deleted
   * on some device), there is nothing to choose between: either answer turns the copy into an ordinary record
   * (its conflict mark cleared), because deleting the only surviving version would lose an edit.
   */
  async resolveConflict(copyId: string, keep: 'copy' | 'original'): Promise<void> {
    const copy = await this.get(copyId);
    if (copy.conflict === null) throw new VaultItemNotFoundError('This item is not a conflict copy.');
    const now = this.deps.now();
    const original = this.view.item(copy.conflict.of) ? await this.get(copy.conflict.of) : null;
    if (original === null) {
      await this.#putLocal({ ...copy, conflict: null, updatedAt: new Date(now).toISOString() }, now);
      return;
    }
    if (keep === 'copy') {
      const fields = { ...copy.fields, title: withoutConflictMark(copy.fields.title) };
      const draft = { id: original.id, type: copy.type, fields } as RecordDraft;
      const kept =
        original.type === copy.type
          ? applyDraft(original, draft, now)
          : { ...newRecord(draft, { id: original.id, now }), createdAt: original.createdAt };
      await this.#putLocal(kept, now);
    }
    await this.#deleteLocal(copyId, now);
  }

  /** A damaged record (vault-damage.ts repairDamaged). */
  repair(id: string, action: 'keep-this-device-copy' | 'delete'): Promise<void> {
    return repairDamaged(this, id, action);
  }

  /**
   * The outbox as sign-out lists it (what would be lost): each change with its title, read from the view for an
   * edit and from the synced version's overview for a delete (null when that does not open either).
   */
  async unsent(): Promise<
    Array<{ id: string; title: string | null; changedAt: number; seq: number; deleted: boolean }>
  > {
    const outbox = await this.store.outbox();
    const deletes = outbox.filter((row) => row.box === null).map((row) => row.id);
    const synced = await this.store.rows(deletes);
    const boxes = deletes.flatMap((id) => {
      const box = synced.get(id)?.synced?.box;
      return box ? [{ id, box }] : [];
    });
    const titles = new Map<string, string>();
    (await this.deps.openOverviews(boxes)).forEach((opened, index) => {
      const id = boxes[index]?.id;
      if (id !== undefined && !(opened instanceof Error)) titles.set(id, opened.title);
    });
    return outbox.map((row) => ({
      id: row.id,
      title: this.view.item(row.id)?.title ?? titles.get(row.id) ?? null,
      changedAt: row.changedAt,
      seq: row.seq,
      deleted: row.box === null,
    }));
  }

  close(): void {
    this.store.close();
  }

  async #putLocal(record: VaultRecord, now: number): Promise<void> {
    const box = await this.cipher.seal(record);
    const synced = (await this.store.rows([record.id])).get(record.id)?.synced;
    await this.store.addLocalChange({
      id: record.id,
      baseRevision: synced?.revision ?? 0,
      box,
      changedAt: now,
    });
    this.view.put(overviewOf(record));
  }

  async #deleteLocal(id: string, now: number): Promise<void> {
    const synced = (await this.store.rows([id])).get(id)?.synced;
    await this.store.addLocalChange({ id, baseRevision: synced?.revision ?? 0, box: null, changedAt: now });
    this.view.remove(id);
  }
}

const CONFLICT_MARK = ' (conflict)';

function withoutConflictMark(title: string): string {
  const stripped = title.endsWith(CONFLICT_MARK) ? title.slice(0, -CONFLICT_MARK.length).trimEnd() : title;
  return stripped === '' ? title : stripped;
}
