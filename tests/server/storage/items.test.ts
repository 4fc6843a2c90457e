import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ItemChange, Storage } from '../../../server/storage/storage';
import { backendFactories, type Backend } from './backends';
import { at, blob, newAccount, T0 } from './fixtures';

function put(id: string, baseRevision: number, ciphertext = blob(64)): ItemChange {
  return { id, baseRevision, ciphertext, deleted: false };
}

function remove(id: string, baseRevision: number): ItemChange {
  return { id, baseRevision, ciphertext: null, deleted: true };
}

// Records: push (optimistic concurrency per item, one transaction per batch) and pull (paged by revision).
describe.each(backendFactories)('$name storage: items', (factory) => {
  let backend: Backend;
  let storage: Storage;
  let accountId: string;

  beforeAll(async () => {
    backend = await factory.start();
    storage = await backend.open();
  }, 30_000);
  afterAll(() => backend?.dispose());

  beforeEach(async () => {
    const account = newAccount();
    await storage.createAccount(account);
    accountId = account.id;
  });

  describe('push', () => {
    test('new items (baseRevision 0) get consecutive revisions in batch order', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      const result = await storage.push(accountId, [put(a, 0), put(b, 0), put(c, 0)], at(T0));
      expect(result).toEqual({
        outcomes: [
          { id: a, status: 'accepted', revision: 1 },
          { id: b, status: 'accepted', revision: 2 },
          { id: c, status: 'accepted', revision: 3 },
        ],
        headRevision: 3,
      });
      expect(await storage.headRevision(accountId)).toBe(3);
      expect((await storage.getAccountById(accountId))?.revision).toBe(3);
    });

    test('an edit based on the current revision is accepted and stored', async () => {
      const id = randomUUID();
      await storage.push(accountId, [put(id, 0)], at(T0));
      const edit = put(id, 1);
      expect(await storage.push(accountId, [edit], at(T0 + 5))).toEqual({
        outcomes: [{ id, status: 'accepted', revision: 2 }],
        headRevision: 2,
      });
      expect((await storage.pull(accountId, 0, 10)).items).toEqual([
        { id, revision: 2, ciphertext: edit.ciphertext, deleted: false, updatedAt: at(T0 + 5) },
      ]);
    });

    test('a stale baseRevision is a conflict that returns the current row and writes nothing', async () => {
      const id = randomUUID();
      const first = put(id, 0);
      await storage.push(accountId, [first], at(T0));
      const second = put(id, 1);
      await storage.push(accountId, [second], at(T0 + 1));
      const current = {
        id,
        revision: 2,
        ciphertext: second.ciphertext,
        deleted: false,
        updatedAt: at(T0 + 1),
      };

      expect(await storage.push(accountId, [put(id, 1)], at(T0 + 2))).toEqual({
        outcomes: [{ id, status: 'conflict', current }],
        headRevision: 2,
      });
      // "New" (base 0) for an id the server has is a conflict too.
      expect((await storage.push(accountId, [put(id, 0)], at(T0 + 3))).outcomes).toEqual([
        { id, status: 'conflict', current },
      ]);
      // A base from the future as well.
      expect((await storage.push(accountId, [put(id, 7)], at(T0 + 3))).outcomes[0]?.status).toBe('conflict');
      expect((await storage.pull(accountId, 0, 10)).items).toEqual([current]);
      expect(await storage.headRevision(accountId)).toBe(2);
    });

    test('an edit of an item the server never had → conflict with current null', async () => {
      const id = randomUUID();
      expect(await storage.push(accountId, [put(id, 3)], at(T0))).toEqual({
        outcomes: [{ id, status: 'conflict', current: null }],
        headRevision: 0,
      });
      expect(await storage.pull(accountId, 0, 10)).toEqual({ items: [], headRevision: 0, hasMore: false });
    });

    test('a mixed batch: accepted changes take the next revisions, conflicts take none', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await storage.push(accountId, [put(a, 0), put(b, 0)], at(T0));
      const result = await storage.push(accountId, [put(a, 0), put(b, 2), put(c, 0)], at(T0 + 1));
      expect(result.outcomes).toEqual([
        { id: a, status: 'conflict', current: expect.objectContaining({ id: a, revision: 1 }) },
        { id: b, status: 'accepted', revision: 3 },
        { id: c, status: 'accepted', revision: 4 },
      ]);
      expect(result.headRevision).toBe(4);
    });

    test('deletes are tombstones: pulled like edits, and editable again from their revision', async () => {
      const id = randomUUID();
      await storage.push(accountId, [put(id, 0)], at(T0));
      expect((await storage.push(accountId, [remove(id, 1)], at(T0 + 1))).outcomes).toEqual([
        { id, status: 'accepted', revision: 2 },
      ]);
      const tombstone = { id, revision: 2, ciphertext: null, deleted: true, updatedAt: at(T0 + 1) };
      expect(await storage.pull(accountId, 1, 10)).toEqual({
        items: [tombstone],
        headRevision: 2,
        hasMore: false,
      });
      // Editing a deleted item from an older base is a conflict that shows the tombstone.
      expect((await storage.push(accountId, [put(id, 1)], at(T0 + 2))).outcomes).toEqual([
        { id, status: 'conflict', current: tombstone },
      ]);
      // Restoring it from the tombstone's revision is accepted.
      const restore = put(id, 2);
      expect((await storage.push(accountId, [restore], at(T0 + 3))).outcomes).toEqual([
        { id, status: 'accepted', revision: 3 },
      ]);
      expect((await storage.pull(accountId, 0, 10)).items).toEqual([
        { id, revision: 3, ciphertext: restore.ciphertext, deleted: false, updatedAt: at(T0 + 3) },
      ]);
    });

    test('the same id twice in one batch: the second sees the first', async () => {
      const id = randomUUID();
      const first = put(id, 0);
      const result = await storage.push(accountId, [first, put(id, 0), put(randomUUID(), 0)], at(T0));
      expect(result.outcomes).toEqual([
        { id, status: 'accepted', revision: 1 },
        {
          id,
          status: 'conflict',
          current: { id, revision: 1, ciphertext: first.ciphertext, deleted: false, updatedAt: at(T0) },
        },
        expect.objectContaining({ status: 'accepted', revision: 2 }),
      ]);
    });

    test('an empty batch changes nothing', async () => {
      await storage.push(accountId, [put(randomUUID(), 0)], at(T0));
      expect(await storage.push(accountId, [], at(T0))).toEqual({ outcomes: [], headRevision: 1 });
    });

    test('item ids are scoped to their account', async () => {
      const other = newAccount();
      await storage.createAccount(other);
      const id = randomUUID();
      await storage.push(accountId, [put(id, 0), put(randomUUID(), 0)], at(T0));
      // The other account's client does not see (or conflict with) this account's item of the same id.
      expect((await storage.push(other.id, [put(id, 0)], at(T0))).outcomes).toEqual([
        { id, status: 'accepted', revision: 1 },
      ]);
      expect((await storage.pull(other.id, 0, 10)).items.map((item) => item.revision)).toEqual([1]);
      expect(await storage.headRevision(accountId)).toBe(2);
    });

    test('a push to an unknown account fails', async () => {
      await expect(storage.push(randomUUID(), [put(randomUUID(), 0)], at(T0))).rejects.toThrow(/no account/);
    });

    test('bad baseRevision → RangeError before anything is written', async () => {
      await expect(
        storage.push(accountId, [put(randomUUID(), 0), put(randomUUID(), -1)], at(T0)),
      ).rejects.toThrow(RangeError);
      await expect(storage.push(accountId, [put(randomUUID(), 1.5)], at(T0))).rejects.toThrow(RangeError);
      expect(await storage.headRevision(accountId)).toBe(0);
    });

    // The batch is one transaction: a failure after some of its writes leaves none of them. The schema
    // rejects a live item without ciphertext (and a tombstone with one), here as the third change.
    test.each([
      ['a live item without ciphertext', { ciphertext: null, deleted: false }],
      ['a tombstone with ciphertext', { ciphertext: 'abc', deleted: true }],
    ])('a failure mid-batch (%s) writes nothing of the batch', async (_, bad) => {
      const writer = await backend.open({ rowByRow: true });
      const existing = randomUUID();
      await writer.push(accountId, [put(existing, 0)], at(T0));
      const before = await writer.pull(accountId, 0, 100);

      const batch = [put(existing, 1), put(randomUUID(), 0), { id: randomUUID(), baseRevision: 0, ...bad }];
      await expect(writer.push(accountId, batch, at(T0 + 1))).rejects.toThrow();
      await expect(storage.push(accountId, batch, at(T0 + 1))).rejects.toThrow();

      expect(await storage.pull(accountId, 0, 100)).toEqual(before);
      expect((await storage.getAccountById(accountId))?.revision).toBe(1);
      // And the account is not left locked: the next push goes through.
      expect((await writer.push(accountId, [put(existing, 1)], at(T0 + 2))).outcomes[0]).toEqual({
        id: existing,
        status: 'accepted',
        revision: 2,
      });
    });

    test('a large batch (2,500 items) in one push', async () => {
      const batch = Array.from({ length: 2_500 }, () => put(randomUUID(), 0, blob(300)));
      const result = await storage.push(accountId, batch, at(T0));
      expect(result.headRevision).toBe(2_500);
      expect(result.outcomes.every((o, i) => o.status === 'accepted' && o.revision === i + 1)).toBe(true);
      const pulled = await storage.pull(accountId, 0, 5_000);
      expect(pulled.items.map((item) => item.ciphertext)).toEqual(batch.map((change) => change.ciphertext));
    });
  });

  describe('pull', () => {
    test('an account with nothing: head 0, no items', async () => {
      expect(await storage.headRevision(accountId)).toBe(0);
      expect(await storage.pull(accountId, 0, 10)).toEqual({ items: [], headRevision: 0, hasMore: false });
      expect(await storage.headRevision(randomUUID())).toBe(0);
      expect(await storage.pull(randomUUID(), 0, 10)).toEqual({ items: [], headRevision: 0, hasMore: false });
    });

    test('pages by since and limit, with hasMore', async () => {
      const ids = Array.from({ length: 5 }, () => randomUUID());
      for (const id of ids) await storage.push(accountId, [put(id, 0)], at(T0));
      const page = async (since: number, limit: number) => {
        const result = await storage.pull(accountId, since, limit);
        return {
          ids: result.items.map((item) => item.id),
          head: result.headRevision,
          hasMore: result.hasMore,
        };
      };
      expect(await page(0, 2)).toEqual({ ids: ids.slice(0, 2), head: 5, hasMore: true });
      expect(await page(2, 2)).toEqual({ ids: ids.slice(2, 4), head: 5, hasMore: true });
      expect(await page(4, 2)).toEqual({ ids: ids.slice(4), head: 5, hasMore: false });
      expect(await page(3, 2)).toEqual({ ids: ids.slice(3), head: 5, hasMore: false });
      expect(await page(5, 2)).toEqual({ ids: [], head: 5, hasMore: false });
      expect(await page(0, 100)).toEqual({ ids, head: 5, hasMore: false });

      // An edited item moves to the end, once: it is only at its latest revision.
      await storage.push(accountId, [put(ids[0]!, 1)], at(T0));
      const all = await storage.pull(accountId, 0, 100);
      expect(all.items.map((item) => [item.id, item.revision])).toEqual([
        [ids[1], 2],
        [ids[2], 3],
        [ids[3], 4],
        [ids[4], 5],
        [ids[0], 6],
      ]);
      expect(await page(5, 1)).toEqual({ ids: [ids[0]], head: 6, hasMore: false });
    });

    test('bad since or limit → RangeError', async () => {
      await expect(storage.pull(accountId, -1, 10)).rejects.toThrow(RangeError);
      await expect(storage.pull(accountId, 0, 0)).rejects.toThrow(RangeError);
      await expect(storage.pull(accountId, 0.5, 10)).rejects.toThrow(RangeError);
    });
  });
});
