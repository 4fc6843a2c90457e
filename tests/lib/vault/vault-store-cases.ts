import { describe, expect, test } from 'vitest';
import { deleteVaultStore, openVaultStore, vaultDbName } from '../../../lib/vault/vault-store';
import {
  VaultStoreClosedError,
  VaultStoreCorruptError,
  VaultStoreIoError,
} from '../../../lib/vault/vault-store-errors';
import {
  box,
  deleteDatabasesAfterEach,
  detachedBox,
  openFresh,
  outboxRow,
  putRaw,
  quarantined,
  rejectionOf,
  synced,
} from './vault-store-support';

/**
 * The VaultStore behaviour, run by vault-store.browser.test.ts (real IndexedDB in Chromium) and by
 * vault-store.node.test.ts (fake-indexeddb in Node, which the sync engine's multi-device tests rely on).
 */
export function vaultStoreCases(): void {
  deleteDatabasesAfterEach();

  describe('reads and writes', () => {
    test('a new vault is empty, with cursor 0', async () => {
      const { store } = await openFresh();
      expect(await store.snapshot()).toEqual({ synced: [], outbox: [], quarantine: [], cursor: 0 });
      expect(await store.cursor()).toBe(0);
      expect(await store.outbox()).toEqual([]);
    });

    test('every store round-trips, boxes as Uint8Array byte for byte, tombstones as null', async () => {
      const { store } = await openFresh();
      const rows = {
        putSynced: [synced('a', 3), synced('b', 4, null)],
        putOutbox: [outboxRow('c', 1, 0), outboxRow('d', 2, 4, null)],
        putQuarantine: [quarantined('e', 7)],
        cursor: 9,
      };
      await store.write(rows);
      const snapshot = await store.snapshot();
      expect(snapshot).toEqual({
        synced: rows.putSynced,
        outbox: rows.putOutbox,
        quarantine: rows.putQuarantine,
        cursor: 9,
      });
      expect(snapshot.synced[0]?.box).toBeInstanceOf(Uint8Array);
      expect(snapshot.quarantine[0]?.box).toEqual(box(207));
      expect(await store.outbox()).toEqual(rows.putOutbox);
      expect(await store.cursor()).toBe(9);
      const found = await store.rows(['a', 'd', 'e']);
      expect(found.get('a')).toEqual({ synced: rows.putSynced[0], outbox: undefined, quarantine: undefined });
      expect(found.get('d')?.outbox).toEqual(rows.putOutbox[1]);
      expect(found.get('e')?.quarantine).toEqual(rows.putQuarantine[0]);
    });

    test('rows of a large batch (the key-listing path) finds exactly what each store has', async () => {
      const { store } = await openFresh();
      const ids = Array.from({ length: 300 }, (_, i) => `id-${String(i).padStart(3, '0')}`);
      await store.write({
        putSynced: ids.filter((_, i) => i % 2 === 0).map((id, i) => synced(id, i + 1)),
        putOutbox: ids.filter((_, i) => i % 3 === 0).map((id, i) => outboxRow(id, i + 1, 0)),
        putQuarantine: ids.filter((_, i) => i % 5 === 0).map((id, i) => quarantined(id, i + 1)),
      });
      const asked = [...ids, 'absent-1', ids[0]!, 'absent-2'];
      const found = await store.rows(asked);
      expect(found.size).toBe(ids.length + 2);
      ids.forEach((id, i) => {
        const rows = found.get(id)!;
        expect(rows.synced?.id === id).toBe(i % 2 === 0);
        expect(rows.outbox?.id === id).toBe(i % 3 === 0);
        expect(rows.quarantine?.id === id).toBe(i % 5 === 0);
      });
      expect(found.get('absent-1')).toEqual({ synced: undefined, outbox: undefined, quarantine: undefined });
      // The same answers as the small-batch path (one get per id per store).
      const small = await store.rows(ids.slice(0, 30));
      for (const [id, rows] of small) expect(found.get(id)).toEqual(rows);
    });

    test('deletes remove rows; a write that deletes and puts one id keeps the put', async () => {
      const { store } = await openFresh();
      await store.write({
        putSynced: [synced('a', 1), synced('b', 1)],
        putQuarantine: [quarantined('q', 1)],
      });
      await store.write({ deleteSynced: ['a', 'b', 'missing'], putSynced: [synced('b', 2)] });
      await store.write({ deleteQuarantine: ['q'] });
      const snapshot = await store.snapshot();
      expect(snapshot.synced).toEqual([synced('b', 2)]);
      expect(snapshot.quarantine).toEqual([]);
    });

    test('rows() answers every id asked, missing ones with three undefined parts', async () => {
      const { store } = await openFresh();
      await store.write({ putSynced: [synced('a', 1)], putOutbox: [outboxRow('a', 1, 1)] });
      const found = await store.rows(['a', 'nope', 'a']);
      expect([...found.keys()]).toEqual(['a', 'nope']);
      expect(found.get('nope')).toEqual({ synced: undefined, outbox: undefined, quarantine: undefined });
      expect(found.get('a')?.outbox?.seq).toBe(1);
      expect((await store.rows([])).size).toBe(0);
    });

    test('a write of the wrong shape is a TypeError, and nothing of it is stored', async () => {
      const { store } = await openFresh();
      const bad = { id: 'x', revision: 0, box: null };
      const error = await rejectionOf(
        store.write({ putOutbox: [outboxRow('o', 5)], cursor: 3, putSynced: [synced('a', 1), bad] }),
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toContain('putSynced[1]');
      expect(await store.snapshot()).toEqual({ synced: [], outbox: [], quarantine: [], cursor: 0 });
      await expect(store.write({ cursor: -1 })).rejects.toThrow(TypeError);
      await expect(store.write({ deleteOutbox: [{ id: '', seq: 1 }] })).rejects.toThrow(TypeError);
    });
  });

  describe('outbox', () => {
    test('addLocalChange hands out increasing seqs and keeps the first baseRevision of an id', async () => {
      const { store } = await openFresh();
      const first = await store.addLocalChange({ id: 'a', baseRevision: 4, box: box(1), changedAt: 10 });
      const other = await store.addLocalChange({ id: 'b', baseRevision: 0, box: box(2), changedAt: 11 });
      // The second edit of 'a' claims base 9, but it is still based on the synced version 4.
      const second = await store.addLocalChange({ id: 'a', baseRevision: 9, box: null, changedAt: 12 });
      expect([first.seq, other.seq, second.seq]).toEqual([1, 2, 3]);
      expect(second).toEqual({ id: 'a', baseRevision: 4, box: null, changedAt: 12, seq: 3 });
      expect(await store.outbox()).toEqual([second, other]);
    });

    test('deleteOutbox removes a row only while its seq is the one given', async () => {
      const { store } = await openFresh();
      const pushed = await store.addLocalChange({ id: 'a', baseRevision: 0, box: box(1), changedAt: 1 });
      // An edit lands while the push of `pushed` is in flight:
      const edited = await store.addLocalChange({ id: 'a', baseRevision: 0, box: box(2), changedAt: 2 });
      await store.write({
        deleteOutbox: [
          { id: 'a', seq: pushed.seq },
          { id: 'never-there', seq: 1 },
        ],
      });
      expect(await store.outbox()).toEqual([edited]);
      await store.write({ deleteOutbox: [{ id: 'a', seq: edited.seq }], putSynced: [synced('a', 1)] });
      expect(await store.outbox()).toEqual([]);
    });

    test('putOutbox never replaces a row with a newer seq (an edit made after the caller read its row)', async () => {
      const { store } = await openFresh();
      const read = await store.addLocalChange({ id: 'a', baseRevision: 2, box: box(1), changedAt: 1 });
      // The sync engine merged `read` while the user edited again:
      const edited = await store.addLocalChange({ id: 'a', baseRevision: 2, box: box(2), changedAt: 2 });
      await store.write({
        putOutbox: [{ ...read, baseRevision: 5, box: box(3) }],
        putSynced: [synced('a', 5)],
      });
      expect(await store.outbox()).toEqual([edited]);
      // The same seq is the caller's own row: rewritten as given.
      await store.write({ putOutbox: [{ ...edited, baseRevision: 5 }] });
      expect(await store.outbox()).toEqual([{ ...edited, baseRevision: 5 }]);
    });

    test('putOutbox keeps rows as given and lifts the seq counter past them', async () => {
      const { store } = await openFresh();
      await store.write({ putOutbox: [outboxRow('a', 50, 3)] });
      const next = await store.addLocalChange({ id: 'b', baseRevision: 0, box: box(1), changedAt: 1 });
      expect(next.seq).toBe(51);
      const same = await store.addLocalChange({ id: 'a', baseRevision: 0, box: box(2), changedAt: 2 });
      expect(same).toMatchObject({ baseRevision: 3, seq: 52 });
    });
  });

  describe('all or nothing', () => {
    test('a write that IndexedDB rejects midway leaves none of its parts behind', async () => {
      const { store } = await openFresh();
      await store.write({ putSynced: [synced('kept', 1)], cursor: 1 });
      const error = await rejectionOf(
        store.write({
          putOutbox: [outboxRow('o', 1)],
          deleteSynced: ['kept'],
          cursor: 2,
          // Issued after everything above, in the same transaction: its put throws DataCloneError.
          putSynced: [synced('a', 1), { id: 'b', revision: 1, box: detachedBox() }],
        }),
      );
      expect(error).toBeInstanceOf(VaultStoreIoError);
      expect((error as VaultStoreIoError).domName).toBe('DataCloneError');
      expect(await store.snapshot()).toEqual({
        synced: [synced('kept', 1)],
        outbox: [],
        quarantine: [],
        cursor: 1,
      });
      // The store is still usable after the aborted transaction.
      await store.write({ cursor: 5 });
      expect(await store.cursor()).toBe(5);
    });

    test('a snapshot sees a concurrent write entirely or not at all', async () => {
      const { store } = await openFresh();
      await store.write({ putSynced: [synced('a', 1)], cursor: 1 });
      const before = store.snapshot();
      const writing = store.write({
        putSynced: [synced('a', 2), synced('b', 2)],
        putOutbox: [outboxRow('c', 1)],
        cursor: 2,
      });
      const after = store.snapshot();
      await writing;
      expect(await before).toEqual({ synced: [synced('a', 1)], outbox: [], quarantine: [], cursor: 1 });
      expect(await after).toEqual({
        synced: [synced('a', 2), synced('b', 2)],
        outbox: [outboxRow('c', 1)],
        quarantine: [],
        cursor: 2,
      });
    });
  });

  describe('damage on disk', () => {
    test('a row of the wrong shape fails reads with VaultStoreCorruptError naming store and id only', async () => {
      const { name, store } = await openFresh();
      await putRaw(name, 'synced', { id: 'bad', revision: 'secret-looking-content', box: null });
      const error = await rejectionOf(store.snapshot());
      expect(error).toBeInstanceOf(VaultStoreCorruptError);
      expect(error).toMatchObject({ store: 'synced', key: 'bad', code: 'vault-corrupt' });
      expect(String((error as Error).message)).not.toContain('secret-looking-content');
      await expect(store.rows(['bad'])).rejects.toBeInstanceOf(VaultStoreCorruptError);
    });

    test('a damaged counter fails like a damaged row', async () => {
      const { name, store } = await openFresh();
      await putRaw(name, 'meta', 'x', 'cursor');
      await expect(store.cursor()).rejects.toMatchObject({ store: 'meta', key: 'cursor' });
    });
  });

  describe('lifecycle', () => {
    test('vaultDbName is one database per account', () => {
      expect(vaultDbName('0b8f6a7e')).toBe('latchkey-vault-0b8f6a7e');
      expect(() => vaultDbName('')).toThrow(TypeError);
    });

    test('close, then reopen: the data is still there; the closed store refuses calls', async () => {
      const { name, store } = await openFresh();
      await store.write({ putSynced: [synced('a', 1)], cursor: 4 });
      store.close();
      store.close();
      await expect(store.snapshot()).rejects.toEqual(new VaultStoreClosedError('closed'));
      await expect(
        store.addLocalChange({ id: 'a', baseRevision: 0, box: null, changedAt: 1 }),
      ).rejects.toBeInstanceOf(VaultStoreClosedError);
      const reopened = await openVaultStore(name);
      expect(await reopened.snapshot()).toMatchObject({ synced: [synced('a', 1)], cursor: 4 });
    });

    test('two databases are independent', async () => {
      const one = await openFresh('one');
      const two = await openFresh('two');
      await one.store.write({ putSynced: [synced('a', 1)], cursor: 1 });
      await two.store.addLocalChange({ id: 'a', baseRevision: 0, box: null, changedAt: 1 });
      expect(await one.store.snapshot()).toMatchObject({ outbox: [], cursor: 1 });
      expect(await two.store.snapshot()).toMatchObject({ synced: [], cursor: 0 });
      await deleteVaultStore(one.name);
      expect((await two.store.outbox()).length).toBe(1);
    });

    test('deleteVaultStore closes the stores open here, deletes, and a reopen starts empty', async () => {
      const { name, store } = await openFresh();
      const second = await openVaultStore(name);
      await store.write({ putSynced: [synced('a', 1)], cursor: 7 });
      await deleteVaultStore(name);
      await expect(store.cursor()).rejects.toBeInstanceOf(VaultStoreClosedError);
      await expect(second.outbox()).rejects.toBeInstanceOf(VaultStoreClosedError);
      const fresh = await openVaultStore(name);
      expect(await fresh.snapshot()).toEqual({ synced: [], outbox: [], quarantine: [], cursor: 0 });
    });

    test('a delete from another context (versionchange) closes the store instead of blocking it', async () => {
      const { name, store } = await openFresh();
      await store.write({ cursor: 3 });
      // Not deleteVaultStore: a raw delete, as another tab or the worker of another build would do it.
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('delete failed'));
        request.onblocked = () => reject(new Error('blocked: the store did not let go'));
      });
      await expect(store.cursor()).rejects.toEqual(new VaultStoreClosedError('version-change'));
      await expect(store.write({ cursor: 4 })).rejects.toBeInstanceOf(VaultStoreClosedError);
    });
  });
}
