import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../lib/api/api-error';
import type { ApiClient } from '../../../lib/api/client';
import { generateVaultKey } from '../../../lib/account/key-hierarchy';
import { importAeadKey } from '../../../lib/crypto/aead';
import { toBase64url } from '../../../lib/encoding/base64url';
import { createRecordCipher } from '../../../lib/vault/record-crypto';
import { newRecord } from '../../../lib/vault/record-schema';
import { TestUser, uniqueEmail } from '../../server/http/test-user';
import { BLANK_LOGIN, SyncClient, useSyncSuite } from './sync-client';

/**
 * The sync engine (lib/sync/sync-engine.ts, PROTOCOL.md) against the real server over HTTP, with the real
 * store (fake-indexeddb), the real record cipher and the real merge: one or two devices of one account.
 */

const suite = useSyncSuite('sync engine suite password');

/** A new account with its first device; `device()` signs in another one. */
async function account(label: string) {
  const user = new TestUser(uniqueEmail(label), suite.password);
  const { session } = await user.signUp(suite.server.api);
  const open = async (name: string, api: ApiClient) => {
    const client = await SyncClient.open(name, api, user.accountId, user.vaultKey);
    suite.clients.push(client);
    return client;
  };
  const device = async (name: string) => {
    const login = await user.logIn(suite.server.api, { deviceName: name });
    if (!login) throw new Error('login failed');
    return open(name, login.session);
  };
  return { user, session, a: await open('A', session), device };
}

const titles = (records: { fields: { title: string } }[]) => records.map((r) => r.fields.title).sort();

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => new Error('expected the sync to fail'),
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw error;
  return error;
}

describe('sync engine, one and two devices', () => {
  test('first sync of an empty vault, then a no-change sync: one pull, no write', async () => {
    const { a } = await account('empty');
    const first = await a.sync();
    expect(first).toEqual({
      changedIds: [],
      pulled: 0,
      pushed: 0,
      conflictCopies: [],
      quarantined: [],
      headRevision: 0,
      pending: 0,
    });
    await a.add({ title: 'One' });
    await a.sync();
    a.server.pulls = a.server.pushes = 0;
    a.store.writes = [];
    const started = performance.now();
    const quiet = await a.sync();
    const elapsed = performance.now() - started;
    expect(quiet).toMatchObject({ changedIds: [], pulled: 0, pushed: 0, headRevision: 1, pending: 0 });
    expect([a.server.pulls, a.server.pushes, a.store.writes.length]).toEqual([1, 0, 0]);
    // Not the budget (fake-indexeddb and Node), just a guard against a no-change sync doing real work.
    expect(elapsed).toBeLessThan(250);

    // A record added and deleted before it ever reached the server: forgotten locally, nothing sent.
    await a.remove(await a.add({ title: 'Never sent' }));
    expect(await a.sync()).toMatchObject({ pushed: 0, pending: 0, headRevision: 1 });
    expect(a.server.pushes).toBe(0);
    expect(await a.store.outbox()).toEqual([]);
  });

  test('add, edit and delete travel between two devices; the pusher does not pull its own writes back', async () => {
    const { a, device } = await account('roundtrip');
    const b = await device('B');
    const github = await a.add({ title: 'GitHub', username: 'jane', password: 'one' });
    const bank = await a.add({ title: 'Bank', username: 'jane.doe' });
    const pushed = await a.sync();
    expect(pushed).toMatchObject({ pushed: 2, pulled: 0, headRevision: 2, pending: 0 });
    // Accepted revisions 1..2 were exactly cursor+1..head: nothing to pull back.
    expect(await a.store.cursor()).toBe(2);
    a.server.pulls = 0;
    expect((await a.sync()).pulled).toBe(0);
    expect(a.server.pulls).toBe(1);

    const received = await b.sync();
    expect(received).toMatchObject({ pulled: 2, pushed: 0, headRevision: 2 });
    expect(new Set(received.changedIds)).toEqual(new Set([github, bank]));
    expect(await b.visible()).toEqual(await a.visible());

    await b.edit(github, { password: 'two' });
    await b.remove(bank);
    expect((await b.sync()).pushed).toBe(2);
    const back = await a.sync();
    expect(new Set(back.changedIds)).toEqual(new Set([github, bank]));
    const aVault = await a.visible();
    expect(aVault).toEqual(await b.visible());
    expect(aVault).toHaveLength(1);
    const edited = aVault[0];
    expect(edited?.type === 'login' && edited.fields.password).toBe('two');
    expect(edited?.type === 'login' && edited.fields.passwordHistory.map((h) => h.password)).toEqual(['one']);
    // The tombstone is kept as the synced row (DESIGN §4: deletes are tombstones).
    const tombstone = (await a.store.rows([bank])).get(bank)?.synced;
    expect(tombstone).toMatchObject({ id: bank, box: null });
    expect(tombstone?.revision).toBeGreaterThan(2);
  });

  test('when another device wrote in between, the cursor stays and the next pull skips our own rows', async () => {
    const { a, device } = await account('cursor');
    const b = await device('B');
    await a.sync();
    await b.add({ title: 'From B' });
    await b.sync(); // revision 1
    const mine = await a.add({ title: 'From A' });
    const report = await a.sync(); // pulls 1, pushes 2
    expect(report).toMatchObject({ pulled: 1, pushed: 1, headRevision: 2 });
    expect(await a.store.cursor()).toBe(2);

    // B writes revision 3 after A's pull and before A's push lands (revision 4).
    await a.edit(mine, { username: 'a' });
    const theirs = await b.add({ title: 'B again' });
    a.server.hooks.beforePush = async () => {
      a.server.hooks = {};
      await b.sync();
    };
    const raced = await a.sync();
    expect(raced).toMatchObject({ pulled: 0, pushed: 1, headRevision: 4 });
    // Accepted 4 is not cursor+1..head (3..4): the cursor waits for a pull.
    expect(await a.store.cursor()).toBe(2);
    const again = await a.sync();
    // Both rows come back; only B's is news (A's own is "already held").
    expect(again).toMatchObject({ pulled: 2, pushed: 0, changedIds: [theirs] });
    expect(await a.store.cursor()).toBe(4);
    expect(titles(await a.visible())).toEqual(titles(await b.visible()));
  });

  test('1,100 records: pushed in batches of 500, pulled in pages of 1000, and a failed page resumes', async () => {
    const { a, device } = await account('paging');
    for (let i = 0; i < 1100; i++) await a.add({ title: `Record ${i}`, username: `user${i}` });
    const pushed = await a.sync();
    expect(pushed).toMatchObject({ pushed: 1100, pending: 0, headRevision: 1100 });
    expect(a.server.pushes).toBe(3);

    const b = await device('B');
    const full = await b.sync();
    expect(full).toMatchObject({ pulled: 1100, headRevision: 1100 });
    expect(full.changedIds).toHaveLength(1100);
    expect(b.server.pulls).toBe(2);
    expect(b.store.writes).toHaveLength(2);

    // A third device whose second page fails: the first page is applied with its cursor, the retry asks
    // only for the rest.
    const c = await device('C');
    c.server.hooks.beforePull = (since) => {
      if (since > 0) throw new ApiError(0, 'network', 'offline');
    };
    expect((await apiErrorOf(c.sync())).code).toBe('network');
    const firstPageEnd = await c.store.cursor();
    expect(firstPageEnd).toBe(1000);
    expect((await c.store.snapshot()).synced).toHaveLength(1000);
    c.server.hooks = {};
    c.server.pulls = 0;
    const rest = await c.sync();
    expect(rest).toMatchObject({ pulled: 100, headRevision: 1100 });
    expect(c.server.pulls).toBe(1);
    expect((await c.visible()).length).toBe(1100);
  }, 120_000);

  test('a push whose answer is lost converges on the next sync with no duplicate and no conflict copy', async () => {
    const { a, device } = await account('lost');
    const keep = await a.add({ title: 'Keep', password: 'p1' });
    const drop = await a.add({ title: 'Drop' });
    await a.sync();
    await a.edit(keep, { password: 'p2', notes: 'edited' });
    await a.remove(drop);
    const fresh = await a.add({ title: 'Fresh' });
    a.server.hooks.afterPush = () => {
      throw new ApiError(0, 'network', 'connection reset');
    };
    expect((await apiErrorOf(a.sync())).code).toBe('network');
    // Nothing was settled locally: the three changes are still queued.
    expect((await a.store.outbox()).map((row) => row.id).sort()).toEqual([keep, drop, fresh].sort());

    a.server.hooks = {};
    const retry = await a.sync();
    expect(retry).toMatchObject({ pushed: 0, pending: 0, conflictCopies: [] });
    const b = await device('B');
    await b.sync();
    const vault = await b.visible();
    expect(titles(vault)).toEqual(['Fresh', 'Keep']);
    expect(vault.every((record) => record.conflict === null)).toBe(true);
    expect(await a.visible()).toEqual(vault);
  });

  test('an edit made while its push is in flight stays queued, based on the accepted revision', async () => {
    const { a, device } = await account('inflight');
    const id = await a.add({ title: 'Mail', username: 'first' });
    let edited = false;
    a.server.hooks.afterPush = async () => {
      if (edited) return;
      edited = true;
      await a.edit(id, { username: 'second' });
    };
    const report = await a.sync();
    expect(report).toMatchObject({ pushed: 1, pending: 1 });
    const rows = (await a.store.rows([id])).get(id);
    expect(rows?.synced?.revision).toBe(1);
    expect(rows?.outbox?.baseRevision).toBe(1);
    expect((await a.visibleRecord(id))?.fields).toMatchObject({ username: 'second' });

    const next = await a.sync();
    expect(next).toMatchObject({ pushed: 1, pending: 0, conflictCopies: [] });
    const b = await device('B');
    await b.sync();
    expect((await b.visible()).map((r) => r.type === 'login' && r.fields.username)).toEqual(['second']);
  });

  test('an edit that lands while a pulled page is merged is not overwritten: the push merges it', async () => {
    const { a, device } = await account('pullrace');
    const b = await device('B');
    const id = await a.add({ title: 'Shared', username: 'u', notes: '' });
    await a.sync();
    await b.sync();
    await a.edit(id, { username: 'from A' });
    await a.sync();
    // B reads the page's rows with no local change for `id`; the user saves one right after.
    b.store.afterNextRows = async () => {
      await b.edit(id, { notes: 'from B' });
    };
    const report = await b.sync();
    expect(report).toMatchObject({ pending: 0, conflictCopies: [] });
    await a.sync();
    const expected = { username: 'from A', notes: 'from B' };
    expect((await a.visibleRecord(id))?.fields).toMatchObject(expected);
    expect(await b.visible()).toEqual(await a.visible());
  });

  test('a damaged server box is quarantined: the good copy stays, nothing is pushed over it, the rest syncs', async () => {
    const { user, session, a, device } = await account('damaged');
    const b = await device('B');
    const good = await a.add({ title: 'Good', password: 'secret' });
    const other = await a.add({ title: 'Other' });
    await a.sync();
    await b.sync();

    // The server (or anyone writing to it) flips one byte of `good`, and adds a box sealed under another key.
    const pulled = await session.call('pull', { query: {} });
    const item = pulled.items.find((i) => i.id === good);
    if (!item?.ciphertext) throw new Error('no ciphertext');
    const bytes = Buffer.from(item.ciphertext, 'base64url');
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0x01;
    const stranger = createRecordCipher(await importAeadKey(generateVaultKey()), user.accountId);
    const foreignId = randomUUID();
    const foreign = await stranger.seal(
      newRecord({ type: 'login', fields: { ...BLANK_LOGIN, title: 'Foreign' } }, { id: foreignId, now: 0 }),
    );
    await session.call('push', {
      body: {
        changes: [
          { id: good, baseRevision: item.revision, ciphertext: bytes.toString('base64url') },
          { id: foreignId, baseRevision: 0, ciphertext: toBase64url(foreign) },
        ],
      },
    });
    await a.edit(other, { username: 'still syncing' });
    expect(new Set((await a.sync()).quarantined)).toEqual(new Set([good, foreignId]));

    const report = await b.sync();
    expect(new Set(report.quarantined)).toEqual(new Set([good, foreignId]));
    const rows = await b.store.rows([good, foreignId]);
    expect(rows.get(good)?.quarantine).toMatchObject({
      revision: 3,
      reason: 'undecryptable',
      source: 'server',
    });
    expect(rows.get(good)?.synced?.revision).toBe(item.revision);
    expect(rows.get(foreignId)?.synced).toBeUndefined();
    const vault = await b.visible();
    expect(titles(vault)).toEqual(['Good', 'Other']);
    expect((await b.visibleRecord(other))?.fields).toMatchObject({ username: 'still syncing' });

    // A local edit of the damaged record waits: never pushed over the damaged box.
    await b.edit(good, { notes: 'edited while damaged' });
    const waiting = await b.sync();
    expect(waiting).toMatchObject({ pushed: 0, pending: 1 });
    expect(b.server.pushedChanges).toBe(0);
    // Pulled again (from cursor 0), nothing is news: quarantined and synced revisions are already held.
    await b.store.write({ cursor: 0 });
    b.store.writes = [];
    expect(await b.sync()).toMatchObject({ pulled: 3, quarantined: [], changedIds: [], pending: 1 });
    expect(b.store.writes).toEqual([{ cursor: 5 }]);

    // The user's repair, as the background does it: rebase the change onto the damaged revision, drop the row.
    const row = (await b.store.rows([good])).get(good)?.outbox;
    if (!row) throw new Error('no outbox row');
    await b.store.write({ putOutbox: [{ ...row, baseRevision: 3 }], deleteQuarantine: [good] });
    expect(await b.sync()).toMatchObject({ pushed: 1, pending: 0 });
    const healed = await a.sync();
    expect(healed).toMatchObject({ quarantined: [], changedIds: [good] });
    expect((await a.visibleRecord(good))?.fields).toMatchObject({ notes: 'edited while damaged' });
    expect((await a.store.rows([good])).get(good)?.quarantine).toBeUndefined();
  });

  test('server errors propagate as ApiError and leave the store consistent for the next sync', async () => {
    const { a, device } = await account('errors');
    // A real answer from the server: a token it never issued.
    const bogus = await SyncClient.open(
      'bogus',
      suite.server.api.withToken('x'.repeat(43)),
      'acct',
      new Uint8Array(32),
    );
    suite.clients.push(bogus);
    const unauthorized = await apiErrorOf(bogus.sync());
    expect(unauthorized.status).toBe(401);

    for (let i = 0; i < 600; i++) await a.add({ title: `R${i}` });
    let pushes = 0;
    a.server.hooks.beforePush = () => {
      pushes += 1;
      if (pushes === 2) throw new ApiError(503, 'unavailable', 'down for maintenance');
    };
    expect((await apiErrorOf(a.sync())).code).toBe('unavailable');
    // The first batch is settled (synced, out of the outbox, cursor moved); the second is still queued.
    expect(await a.store.outbox()).toHaveLength(100);
    expect((await a.store.snapshot()).synced).toHaveLength(500);
    expect(await a.store.cursor()).toBe(500);

    a.server.hooks = {};
    a.server.pushedChanges = 0;
    expect(await a.sync()).toMatchObject({ pushed: 100, pending: 0, headRevision: 600 });
    expect(a.server.pushedChanges).toBe(100);
    const b = await device('B');
    expect((await b.sync()).pulled).toBe(600);
    expect(await b.visible()).toEqual(await a.visible());
  }, 60_000);
});
