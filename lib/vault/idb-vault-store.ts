import type { IDBPDatabase } from 'idb';
import { inTransaction, type Track } from './idb-transaction';
import type { OutboxRow, VaultRows, VaultSnapshot, VaultStore, VaultWrite } from './store-types';
import { ALL_STORES, META_KEYS, type VaultDb } from './vault-db-schema';
import { checkWrite } from './vault-write-checks';
import { outboxRowProblem, readCounter, readOutbox, readQuarantine, readSynced } from './vault-row-shapes';
import { toVaultStoreError, VaultStoreClosedError, type ClosedReason } from './vault-store-errors';

type Db = IDBPDatabase<VaultDb>;

/**
 * The VaultStore over one IndexedDB connection (contract: store-types.ts; design: STORE.md). Each method is
 * one transaction. Once the connection is closed (by `close`, by another context's delete or upgrade, or by
 * the browser) every call fails with VaultStoreClosedError instead of waiting on a dead connection. Every
 * failure is a rejection, bad input included (TypeError), never a synchronous throw.
 */
/** Above this many ids, `rows` lists each store's keys first (see there). */
const KEY_LISTING_MIN_IDS = 64;

type StoreName = 'synced' | 'outbox' | 'quarantine';

export class IdbVaultStore implements VaultStore {
  readonly #db: Db;
  readonly #onClosed: (store: IdbVaultStore) => void;
  #closed: ClosedReason | null = null;

  constructor(db: Db, onClosed: (store: IdbVaultStore) => void) {
    this.#db = db;
    this.#onClosed = onClosed;
  }

  snapshot(): Promise<VaultSnapshot> {
    return this.#run((db) => {
      const tx = db.transaction(ALL_STORES, 'readonly');
      return inTransaction(tx, async (track) => {
        const [synced, outbox, quarantine, cursor] = await Promise.all([
          track<unknown[]>(tx.objectStore('synced').getAll()),
          track<unknown[]>(tx.objectStore('outbox').getAll()),
          track<unknown[]>(tx.objectStore('quarantine').getAll()),
          track<unknown>(tx.objectStore('meta').get(META_KEYS.cursor)),
        ]);
        return {
          synced: synced.map(readSynced),
          outbox: outbox.map(readOutbox),
          quarantine: quarantine.map(readQuarantine),
          cursor: readCounter(META_KEYS.cursor, cursor),
        };
      });
    });
  }

  async rows(ids: readonly string[]): Promise<Map<string, VaultRows>> {
    for (const id of ids) {
      if (typeof id !== 'string') throw new TypeError('rows: every id must be a string');
    }
    return this.#run((db) => {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return Promise.resolve(new Map<string, VaultRows>());
      const tx = db.transaction(['synced', 'outbox', 'quarantine'], 'readonly');
      return inTransaction(tx, async (track) => {
        // Which ids each store has: for a large batch, one getAllKeys per store, then a get only for the ids
        // that exist. Every IndexedDB request costs the calling thread ~15–25 µs (measured in the extension's
        // service worker), and a first sync's pages are 1,000 ids that mostly exist nowhere yet: three gets
        // per id made `rows` the largest cost of a first sync (bench: vault.sync.first.10k.ms).
        const present = async (name: StoreName): Promise<readonly string[]> => {
          if (unique.length <= KEY_LISTING_MIN_IDS) return unique;
          const keys = new Set((await track<unknown[]>(tx.objectStore(name).getAllKeys())) as string[]);
          return unique.filter((id) => keys.has(id));
        };
        // Each store's requests are all issued before the first of them is awaited: one round per store.
        const read = async <T>(name: StoreName, parse: (raw: unknown) => T): Promise<Map<string, T>> => {
          const ids = await present(name);
          const values = await Promise.all(ids.map((id) => track<unknown>(tx.objectStore(name).get(id))));
          const found = new Map<string, T>();
          values.forEach((raw, i) => {
            if (raw !== undefined) found.set(ids[i]!, parse(raw));
          });
          return found;
        };
        const [synced, outbox, quarantine] = await Promise.all([
          read('synced', readSynced),
          read('outbox', readOutbox),
          read('quarantine', readQuarantine),
        ]);
        return new Map(
          unique.map((id): [string, VaultRows] => [
            id,
            { synced: synced.get(id), outbox: outbox.get(id), quarantine: quarantine.get(id) },
          ]),
        );
      });
    });
  }

  outbox(): Promise<OutboxRow[]> {
    return this.#run(async (db) => (await db.getAll('outbox')).map(readOutbox));
  }

  cursor(): Promise<number> {
    return this.#run(async (db) => readCounter(META_KEYS.cursor, await db.get('meta', META_KEYS.cursor)));
  }

  async addLocalChange(change: Omit<OutboxRow, 'seq'>): Promise<OutboxRow> {
    const problem = outboxRowProblem({ ...change, seq: 1 });
    if (problem !== null) throw new TypeError(`addLocalChange: ${problem}`);
    return this.#run((db) => {
      const tx = db.transaction(['outbox', 'meta'], 'readwrite');
      return inTransaction(tx, async (track) => {
        const [existing, lastSeq] = await Promise.all([
          track<unknown>(tx.objectStore('outbox').get(change.id)),
          track<unknown>(tx.objectStore('meta').get(META_KEYS.seq)),
        ]);
        const row: OutboxRow = {
          id: change.id,
          // Still based on the synced version the first unsent edit was made on (store-types.ts).
          baseRevision: existing === undefined ? change.baseRevision : readOutbox(existing).baseRevision,
          box: change.box,
          changedAt: change.changedAt,
          seq: readCounter(META_KEYS.seq, lastSeq) + 1,
        };
        track(tx.objectStore('outbox').put(row));
        track(tx.objectStore('meta').put(row.seq, META_KEYS.seq));
        return row;
      });
    });
  }

  async write(change: VaultWrite): Promise<void> {
    const stores = checkWrite(change);
    return this.#run((db) => {
      if (stores.length === 0) return Promise.resolve();
      const tx = db.transaction(stores, 'readwrite');
      return inTransaction(tx, async (track) => {
        const deleteOutbox = change.deleteOutbox ?? [];
        const putOutbox = change.putOutbox ?? [];
        // Reads first, so the conditions see the outbox as stored before this write (STORE.md, "write").
        const readOutboxSeq = (id: string) =>
          track<unknown>(tx.objectStore('outbox').get(id)).then((row) =>
            row === undefined ? undefined : readOutbox(row).seq,
          );
        const [deleteSeqs, putSeqs, lastSeq] = await Promise.all([
          Promise.all(deleteOutbox.map((entry) => readOutboxSeq(entry.id))),
          Promise.all(putOutbox.map((row) => readOutboxSeq(row.id))),
          putOutbox.length > 0 ? track<unknown>(tx.objectStore('meta').get(META_KEYS.seq)) : undefined,
        ]);
        // A stored row whose seq moved on holds a local edit made after the caller read its row: a delete
        // keyed on the old seq leaves it alone, and so does a rewrite of the older row (STORE.md).
        const deletes = deleteOutbox.filter((entry, index) => deleteSeqs[index] === entry.seq);
        const puts = putOutbox.filter((row, index) => (putSeqs[index] ?? 0) <= row.seq);
        // Deletes before puts in each store: a write that does both for one id ends with the put.
        apply(track, () => tx.objectStore('synced'), change.deleteSynced, change.putSynced);
        apply(
          track,
          () => tx.objectStore('outbox'),
          deletes.map((entry) => entry.id),
          puts,
        );
        apply(track, () => tx.objectStore('quarantine'), change.deleteQuarantine, change.putQuarantine);
        // Keep meta.seq ≥ every stored seq, so addLocalChange never hands out a seq a row already has.
        const highest = puts.reduce((max, row) => Math.max(max, row.seq), 0);
        if (highest > readCounter(META_KEYS.seq, lastSeq)) {
          track(tx.objectStore('meta').put(highest, META_KEYS.seq));
        }
        if (change.cursor !== undefined) track(tx.objectStore('meta').put(change.cursor, META_KEYS.cursor));
      });
    });
  }

  close(): void {
    this.markClosed('closed');
  }

  /** Closes the connection for `reason` (idempotent); the first reason is the one later calls report. */
  markClosed(reason: ClosedReason): void {
    if (this.#closed !== null) return;
    this.#closed = reason;
    // Pending transactions still finish: IndexedDB closes the connection once they are done.
    this.#db.close();
    this.#onClosed(this);
  }

  async #run<T>(operation: (db: Db) => Promise<T>): Promise<T> {
    if (this.#closed !== null) throw new VaultStoreClosedError(this.#closed);
    try {
      return await operation(this.#db);
    } catch (error) {
      throw toVaultStoreError(error, this.#closed);
    }
  }
}

/** The two writes a row store gets; opened lazily, since a store outside the transaction's scope throws. */
interface RowWriter<Row> {
  put(row: Row): Promise<unknown>;
  delete(id: string): Promise<unknown>;
}

function apply<Row>(
  track: Track,
  open: () => RowWriter<Row>,
  deletes: readonly string[] = [],
  puts: readonly Row[] = [],
): void {
  if (deletes.length === 0 && puts.length === 0) return;
  const store = open();
  for (const id of deletes) track(store.delete(id));
  for (const row of puts) track(store.put(row));
}
