import { describe, expect, test } from 'vitest';
import type { MessageType, RequestInput } from '../../../lib/messaging/protocol';
import { SYNC_ALARM, SYNC_PERIOD_MINUTES } from '../../../lib/sync/sync-scheduler';
import { SYNC_STATUS_STORAGE_KEY } from '../../../lib/sync/sync-status-store';
import { damageMessage } from '../../../lib/vault/record-errors';
import { openVaultStore } from '../../../lib/vault/vault-store';
import { strongPassword, TestBrowser, useServerSuite, uniqueEmail } from './background-harness';
import { loginDraft, noteDraft } from './vault-drafts';

/**
 * The vault messages through the real router, one browser against the real server (fake-indexeddb for the
 * vault on disk, the real record crypto): what is refused when, the save/list/get/delete round trip, sync.now
 * and its status, lock and worker restarts, and what sign-out does with unsynced changes and the database.
 */

const suite = useServerSuite();

async function signedUp(label: string) {
  const browser = new TestBrowser({ deviceName: `Chrome (${label})` });
  const email = uniqueEmail(label);
  const password = strongPassword(label);
  await browser.ok('account.signUp', { serverUrl: suite.server.baseUrl, email, password, emailKit: false });
  const accountId = (await browser.ok('status.get', {})) as { accountId: string };
  return { browser, email, password, accountId: accountId.accountId };
}

const SOME_ID = '3f1c2b9a-8d7e-4c6b-9a5f-1e2d3c4b5a69';

/** Every vault and sync message with a valid request. */
const VAULT_MESSAGES: { [T in MessageType]?: RequestInput<T> } = {
  'vault.list': {},
  'vault.get': { id: SOME_ID },
  'vault.save': { draft: loginDraft() },
  'vault.delete': { id: SOME_ID },
  'vault.resolveConflict': { copyId: SOME_ID, keep: 'copy' },
  'vault.repair': { id: SOME_ID, action: 'delete' },
  'sync.now': {},
  'sync.status': {},
};

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name ?? '');
}

describe('when the vault is not open', () => {
  test('every vault message answers locked after lock, and not-signed-in before sign-in', async () => {
    const { browser } = await signedUp('locked');
    await browser.ok('lock', {});
    for (const [type, request] of Object.entries(VAULT_MESSAGES)) {
      const error = await browser.fails(type as MessageType, request as never);
      expect(error.code, type).toBe('locked');
    }
    const fresh = new TestBrowser({ deviceName: 'fresh' });
    for (const [type, request] of Object.entries(VAULT_MESSAGES)) {
      expect((await fresh.fails(type as MessageType, request as never)).code, type).toBe('not-signed-in');
    }
  });
});

describe('save, list, get, delete', () => {
  test('round trip: a new record is listed (pending), opened whole, edited, deleted', async () => {
    const { browser } = await signedUp('roundtrip');
    const empty = await browser.ok('vault.list', {});
    expect(empty.items).toEqual([]);
    expect(empty.damaged).toEqual([]);

    const saved = await browser.ok('vault.save', { draft: loginDraft({ title: 'Bank', tags: ['money'] }) });
    expect(saved).toMatchObject({
      type: 'login',
      conflict: null,
      fields: { title: 'Bank', tags: ['money'] },
    });
    expect(saved.createdAt).toBe(saved.updatedAt);

    const listed = await browser.ok('vault.list', {});
    expect(listed.items).toEqual([
      {
        id: saved.id,
        type: 'login',
        title: 'Bank',
        subtitle: 'jane@example.com',
        urls: [{ url: 'https://example.com/login', match: 'base-domain' }],
        tags: ['money'],
        favorite: false,
        createdAt: saved.createdAt,
        updatedAt: saved.updatedAt,
        conflict: null,
        pending: true,
      },
    ]);
    // The list carries list fields only, never a secret.
    expect(JSON.stringify(listed)).not.toContain('correct horse');
    expect(listed.sync.pending).toBe(1);

    expect(await browser.ok('vault.get', { id: saved.id })).toEqual(saved);

    const edited = await browser.ok('vault.save', {
      draft: loginDraft({ title: 'Bank', password: 'a new password' }, saved.id),
    });
    expect(edited.id).toBe(saved.id);
    expect(edited.createdAt).toBe(saved.createdAt);
    if (edited.type !== 'login') throw new Error('type changed');
    expect(edited.fields.passwordHistory.map((entry) => entry.password)).toEqual([
      'correct horse battery staple',
    ]);
    expect((await browser.ok('vault.get', { id: saved.id })).fields).toEqual(edited.fields);
    // Still one pending change: the outbox keeps the newest version of a record.
    expect((await browser.ok('sync.status', {})).pending).toBe(1);

    const note = await browser.ok('vault.save', { draft: noteDraft() });
    expect((await browser.ok('vault.list', {})).items.map((item) => item.id).sort()).toEqual(
      [saved.id, note.id].sort(),
    );
    expect(await browser.ok('vault.delete', { id: saved.id })).toEqual({});
    expect((await browser.ok('vault.list', {})).items.map((item) => item.id)).toEqual([note.id]);
    expect((await browser.fails('vault.get', { id: saved.id })).code).toBe('not-found');
  });

  test('vault.list: in title order, a first screenful with the total, and the logins for a page', async () => {
    const { browser } = await signedUp('firstscreen');
    const titles = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'];
    for (const title of titles) {
      const url =
        title === 'charlie' ? 'https://login.charlie.example/' : `https://${title.toLowerCase()}.test/`;
      await browser.ok('vault.save', { draft: loginDraft({ title, urls: [{ url, match: 'base-domain' }] }) });
    }
    const whole = await browser.ok('vault.list', {});
    expect(whole.items.map((item) => item.title)).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
    expect(whole.total).toBe(5);
    expect(whole.matches).toBeUndefined();

    const first = await browser.ok('vault.list', { first: 2, pageUrl: 'https://www.charlie.example/signin' });
    expect(first.items.map((item) => item.title)).toEqual(['Alpha', 'Bravo']);
    expect(first.total).toBe(5);
    // From the whole vault, not only the first screen; http pages get no https logins.
    expect(first.matches?.map((item) => item.title)).toEqual(['charlie']);
    const insecure = await browser.ok('vault.list', { first: 2, pageUrl: 'http://www.charlie.example/' });
    expect(insecure.matches).toEqual([]);
    expect((await browser.fails('vault.list', { first: 0 })).code).toBe('invalid-message');
  });

  test('unknown ids, a type change and an oversized record are refused in plain words', async () => {
    const { browser } = await signedUp('refusals');
    expect((await browser.fails('vault.get', { id: SOME_ID })).code).toBe('not-found');
    expect((await browser.fails('vault.delete', { id: SOME_ID })).code).toBe('not-found');
    expect((await browser.fails('vault.save', { draft: loginDraft({}, SOME_ID) })).code).toBe('not-found');
    expect((await browser.fails('vault.repair', { id: SOME_ID, action: 'delete' })).code).toBe('not-found');
    expect((await browser.fails('vault.resolveConflict', { copyId: SOME_ID, keep: 'copy' })).code).toBe(
      'not-found',
    );

    const note = await browser.ok('vault.save', { draft: noteDraft() });
    const retyped = await browser.fails('vault.save', { draft: loginDraft({}, note.id) });
    expect(retyped).toMatchObject({ code: 'invalid-record', message: 'An item cannot change its type.' });
    // Not a conflict copy.
    expect((await browser.fails('vault.resolveConflict', { copyId: note.id, keep: 'copy' })).code).toBe(
      'not-found',
    );

    // Within every per-field limit, but three bytes per character: past the 64 KiB box.
    const big = '€'.repeat(1000);
    const tooLarge = await browser.fails('vault.save', {
      draft: noteDraft({
        notes: '€'.repeat(20_000),
        customFields: Array.from({ length: 10 }, (_, i) => ({
          id: `f${i}`,
          name: `field ${i}`,
          value: big,
          kind: 'text' as const,
        })),
      }),
    });
    expect(tooLarge).toEqual({ code: 'invalid-record', message: 'This item is too large (max 64 KiB)' });
    expect((await browser.ok('vault.list', {})).items).toHaveLength(1);
  });
});

describe('a damaged secret half', () => {
  test('the list still shows the item; vault.get says it is damaged and what to do', async () => {
    const { browser, accountId } = await signedUp('details');
    const saved = await browser.ok('vault.save', { draft: loginDraft({ title: 'Half' }) });
    // The details box is the end of the record's box (lib/vault/README.md): flip its last byte on disk.
    const store = await openVaultStore(browser.vaultDbName(accountId));
    const [row] = await store.outbox();
    if (!row?.box) throw new Error('no outbox row');
    const box = Uint8Array.from(row.box);
    box[box.length - 1] = (box[box.length - 1] ?? 0) ^ 1;
    await store.write({ putOutbox: [{ ...row, box }] });
    store.close();
    browser.restartWorker();

    expect((await browser.ok('vault.list', {})).items.map((item) => item.title)).toEqual(['Half']);
    expect(await browser.fails('vault.get', { id: saved.id })).toEqual({
      code: 'invalid-record',
      message: damageMessage('undecryptable', false),
    });
  });
});

describe('sync', () => {
  test('sync.now sends the outbox and answers the status; a change is sent by the debounced sync', async () => {
    const { browser } = await signedUp('syncnow');
    // What the worker's start-up does (entrypoints/background); the unlock above scheduled a sync.
    await browser.vault.sync.start();
    expect(browser.syncAlarms.get(SYNC_ALARM)).toEqual({ periodInMinutes: SYNC_PERIOD_MINUTES });
    expect(browser.timers.size).toBe(1);
    await browser.runSyncTimers();
    const first = await browser.ok('sync.status', {});
    expect(first).toMatchObject({
      syncing: false,
      pending: 0,
      damaged: 0,
      lastError: null,
      nextRetryAt: null,
    });
    expect(first.lastSuccessAt).not.toBeNull();

    const saved = await browser.ok('vault.save', { draft: loginDraft({ title: 'Mail' }) });
    const status = await browser.ok('sync.now', {});
    expect(status).toMatchObject({ syncing: false, pending: 0, lastError: null });
    expect((await browser.ok('vault.list', {})).items).toMatchObject([{ id: saved.id, pending: false }]);

    await browser.ok('vault.save', { draft: loginDraft({ title: 'Mail 2' }, saved.id) });
    expect((await browser.ok('vault.list', {})).sync.pending).toBe(1);
    expect(browser.timers.size).toBe(1);
    await browser.runSyncTimers();
    expect((await browser.ok('vault.list', {})).sync.pending).toBe(0);
    // The status is on disk for the popup after a worker restart, without secrets.
    const stored = browser.local.data.get(SYNC_STATUS_STORAGE_KEY) ?? '';
    expect(stored).toContain('lastSuccessAt');
    expect(stored).not.toContain('Mail');
  });

  test('an unreachable server is said plainly, with the next retry', async () => {
    const { browser } = await signedUp('offline');
    await browser.ok('vault.save', { draft: noteDraft() });
    const device = JSON.parse(browser.local.data.get('latchkey.device') ?? '{}') as Record<string, unknown>;
    browser.local.data.set('latchkey.device', JSON.stringify({ ...device, serverUrl: 'http://127.0.0.1:9' }));
    const status = await browser.ok('sync.now', {});
    expect(status.lastError).toMatchObject({ code: 'network' });
    expect(status.lastError?.message).toContain("Can't reach the Latchkey server");
    expect(Date.parse(status.nextRetryAt ?? '') - browser.now()).toBeGreaterThanOrEqual(29_000);
    expect(status.pending).toBe(1);
    expect(await browser.phase()).toBe('unlocked');
  });
});

describe('lock, restarts, sign-out', () => {
  test('lock closes the vault; unlock and a worker restart bring the same list back', async () => {
    const { browser, password } = await signedUp('lock');
    const saved = await browser.ok('vault.save', { draft: loginDraft({ title: 'Kept' }) });
    await browser.ok('lock', {});
    expect((await browser.fails('vault.list', {})).code).toBe('locked');
    await browser.ok('unlock', { password });
    expect((await browser.ok('vault.list', {})).items.map((item) => item.title)).toEqual(['Kept']);

    browser.restartWorker();
    const listed = await browser.ok('vault.list', {});
    expect(listed.items).toMatchObject([{ id: saved.id, title: 'Kept', pending: true }]);
    expect((await browser.ok('vault.get', { id: saved.id })).fields.title).toBe('Kept');

    browser.restartBrowser();
    expect((await browser.fails('vault.list', {})).code).toBe('locked');
  });

  test('sign-out refuses while changes are unsent, listing their titles; then deletes the vault database', async () => {
    const { browser, accountId } = await signedUp('signout');
    const bank = await browser.ok('vault.save', { draft: loginDraft({ title: 'Bank' }) });
    await browser.ok('sync.now', {});
    await browser.ok('vault.save', { draft: noteDraft({ title: 'Diary' }) });
    await browser.ok('vault.delete', { id: bank.id });

    const refused = await browser.fails('account.signOut', { discardUnsynced: false });
    expect(refused.code).toBe('unsynced-changes');
    expect(refused.message).toContain('2 changes');
    expect(refused.unsynced?.map((change) => change.title)).toEqual(['Diary', 'Bank (deleted)']);
    expect(await browser.ok('account.unsyncedChanges', {})).toEqual(refused.unsynced);

    // Locked, the titles cannot be read: the list says so rather than inventing them.
    await browser.ok('lock', {});
    expect((await browser.ok('account.unsyncedChanges', {})).map((change) => change.title)).toEqual([
      'An item (unlock to see its title)',
      'A deleted item (unlock to see its title)',
    ]);
    expect((await browser.fails('account.signOut', { discardUnsynced: false })).code).toBe(
      'unsynced-changes',
    );

    expect(await databaseNames()).toContain(browser.vaultDbName(accountId));
    expect((await browser.ok('account.signOut', { discardUnsynced: true })).phase).toBe('signed-out');
    expect(await databaseNames()).not.toContain(browser.vaultDbName(accountId));
    expect(browser.local.data.has(SYNC_STATUS_STORAGE_KEY)).toBe(false);
  });
});
