import { describe, expect, test } from 'vitest';
import { ApiClient } from '../../../lib/api/client';
import { randomBytes } from '../../../lib/crypto/random';
import { toBase64url } from '../../../lib/encoding/base64url';
import { DEVICE_STORAGE_KEY } from '../../../lib/session/device-store';
import { openVaultStore } from '../../../lib/vault/vault-store';
import { signedUpPair, strongPassword, type TestBrowser, useServerSuite } from './background-harness';
import { loginDraft } from './vault-drafts';

/**
 * Two browsers on one account, each with its own vault database, syncing through the real server with
 * sync.now: they converge, a conflict makes a visible copy that resolveConflict settles either way, and a
 * damaged record (on the server, or on this browser's disk) is listed as damaged while the rest of the vault
 * lists fine, and is repaired.
 */

const suite = useServerSuite();

const twoDevices = (label: string) => signedUpPair(suite.server, label);

/** The server as a raw client with this browser's session: what a hostile or broken server could hold. */
function rawApi(browser: TestBrowser): ApiClient {
  const { token } = JSON.parse(browser.local.data.get(DEVICE_STORAGE_KEY) ?? '{}') as { token: string };
  return new ApiClient({ baseUrl: suite.server.baseUrl, token });
}

async function serverRevision(browser: TestBrowser, id: string): Promise<number> {
  const pulled = await rawApi(browser).call('pull', { query: { since: 0, limit: 1000 } });
  const item = pulled.items.find((candidate) => candidate.id === id);
  if (!item) throw new Error('not on the server');
  return item.revision;
}

/** A box that is not Latchkey's: random bytes of a plausible size. */
const garbage = () => toBase64url(randomBytes(300));

async function titles(browser: TestBrowser): Promise<string[]> {
  return (await browser.ok('vault.list', {})).items.map((item) => item.title).sort();
}

describe('two devices', () => {
  test('converge through sync.now: adds, edits of different fields, deletes', async () => {
    const { a, b } = await twoDevices('converge');
    const bank = await a.ok('vault.save', { draft: loginDraft({ title: 'Bank', username: 'jane' }) });
    const mail = await a.ok('vault.save', { draft: loginDraft({ title: 'Mail' }) });
    await a.ok('sync.now', {});
    expect((await b.ok('sync.now', {})).pending).toBe(0);
    expect(await titles(b)).toEqual(['Bank', 'Mail']);
    expect((await b.ok('vault.get', { id: bank.id })).fields).toEqual(bank.fields);

    // Offline on both: A changes the username, B the password of the same record; B deletes Mail.
    await a.ok('vault.save', { draft: loginDraft({ title: 'Bank', username: 'jane.doe' }, bank.id) });
    await b.ok('vault.save', {
      draft: loginDraft({ title: 'Bank', username: 'jane', password: 'new pw' }, bank.id),
    });
    await b.ok('vault.delete', { id: mail.id });
    await a.ok('sync.now', {});
    await b.ok('sync.now', {});
    await a.ok('sync.now', {});

    for (const browser of [a, b]) {
      expect(await titles(browser)).toEqual(['Bank']);
      const record = await browser.ok('vault.get', { id: bank.id });
      expect(record.fields).toMatchObject({ username: 'jane.doe', password: 'new pw' });
      expect((await browser.ok('sync.status', {})).pending).toBe(0);
    }
  });

  test('the same field edited on both: a visible conflict copy; keep the copy', async () => {
    const { a, b } = await twoDevices('conflict-copy');
    const item = await a.ok('vault.save', { draft: loginDraft({ title: 'Shop', password: 'original' }) });
    await a.ok('sync.now', {});
    await b.ok('sync.now', {});
    await a.ok('vault.save', { draft: loginDraft({ title: 'Shop', password: 'from A' }, item.id) });
    await b.ok('vault.save', { draft: loginDraft({ title: 'Shop', password: 'from B' }, item.id) });
    await a.ok('sync.now', {});
    await b.ok('sync.now', {});

    const listed = (await b.ok('vault.list', {})).items;
    expect(listed).toHaveLength(2);
    const copy = listed.find((entry) => entry.conflict !== null);
    expect(copy).toMatchObject({ title: 'Shop (conflict)', conflict: { of: item.id } });
    if (!copy) throw new Error('no copy');
    expect((await b.ok('vault.get', { id: item.id })).fields).toMatchObject({ password: 'from A' });
    expect((await b.ok('vault.get', { id: copy.id })).fields).toMatchObject({ password: 'from B' });

    await b.ok('vault.resolveConflict', { copyId: copy.id, keep: 'copy' });
    const resolved = await b.ok('vault.list', {});
    expect(resolved.items.map((entry) => [entry.id, entry.title, entry.conflict])).toEqual([
      [item.id, 'Shop', null],
    ]);
    await b.ok('sync.now', {});
    await a.ok('sync.now', {});
    for (const browser of [a, b]) {
      expect(await titles(browser)).toEqual(['Shop']);
      expect((await browser.ok('vault.get', { id: item.id })).fields).toMatchObject({ password: 'from B' });
    }
  });

  test('keep the original: the copy goes everywhere', async () => {
    const { a, b } = await twoDevices('conflict-original');
    const item = await a.ok('vault.save', { draft: loginDraft({ title: 'Forum' }) });
    await a.ok('sync.now', {});
    await b.ok('sync.now', {});
    await a.ok('vault.save', { draft: loginDraft({ title: 'Forum A' }, item.id) });
    await b.ok('vault.save', { draft: loginDraft({ title: 'Forum B' }, item.id) });
    await a.ok('sync.now', {});
    await b.ok('sync.now', {});
    await a.ok('sync.now', {});
    // A sees the copy B made, too.
    const copy = (await a.ok('vault.list', {})).items.find((entry) => entry.conflict !== null);
    expect(copy?.title).toBe('Forum B (conflict)');
    await a.ok('vault.resolveConflict', { copyId: copy?.id ?? '', keep: 'original' });
    await a.ok('sync.now', {});
    await b.ok('sync.now', {});
    for (const browser of [a, b]) expect(await titles(browser)).toEqual(['Forum A']);
  });
});

describe("the server's word on the session, through a sync", () => {
  test('password changed elsewhere: the sync locks this browser and closes its vault', async () => {
    const { a, b, password } = await twoDevices('pw-changed');
    await b.ok('vault.save', { draft: loginDraft({ title: 'Mine' }) });
    await a.ok('password.change', {
      currentPassword: password,
      newPassword: strongPassword('new'),
      emailKit: false,
    });
    const status = await b.ok('sync.now', {});
    expect(status.pending).toBe(1);
    expect(await b.phase()).toBe('password-changed');
    expect((await b.fails('vault.list', {})).code).toBe('locked');
  });

  test('revoked from another device: the sync signs this browser out and deletes its vault', async () => {
    const { a, b } = await twoDevices('revoked');
    await b.ok('sync.now', {});
    const accountId = ((await b.ok('status.get', {})) as { accountId: string }).accountId;
    const other = (await a.ok('devices.list', {})).find((device) => !device.current);
    await a.ok('devices.revoke', { id: other?.id ?? '' });
    await b.ok('sync.now', {});
    expect(await b.phase()).toBe('signed-out');
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.toContain(b.vaultDbName(accountId));
    expect((await b.fails('sync.status', {})).code).toBe('not-signed-in');
  });

  test('two sync.now at once both answer, after the same passes', async () => {
    const { a } = await twoDevices('parallel');
    await a.ok('vault.save', { draft: loginDraft({ title: 'One' }) });
    const [first, second] = await Promise.all([a.ok('sync.now', {}), a.ok('sync.now', {})]);
    expect(first).toMatchObject({ pending: 0, syncing: false, lastError: null });
    expect(second).toEqual(first);
  });
});

describe('damaged records', () => {
  test('a damaged server version is listed as damaged, the rest fine; keep-this-device-copy heals it', async () => {
    const { a, b } = await twoDevices('damaged');
    const good = await a.ok('vault.save', { draft: loginDraft({ title: 'Good' }) });
    const victim = await a.ok('vault.save', { draft: loginDraft({ title: 'Victim', password: 'keep me' }) });
    await a.ok('sync.now', {});
    const revision = await serverRevision(a, victim.id);
    const pushed = await rawApi(a).call('push', {
      body: { changes: [{ id: victim.id, baseRevision: revision, ciphertext: garbage() }] },
    });
    const damagedRevision = pushed.outcomes[0]?.status === 'accepted' ? pushed.outcomes[0].revision : -1;
    expect(damagedRevision).toBeGreaterThan(revision);

    const status = await a.ok('sync.now', {});
    expect(status).toMatchObject({ damaged: 1, lastError: null });
    const listed = await a.ok('vault.list', {});
    expect(listed.items.map((item) => item.title).sort()).toEqual(['Good', 'Victim']);
    expect(listed.damaged).toEqual([
      {
        id: victim.id,
        reason: 'undecryptable',
        message: expect.stringContaining('This browser still has a good copy') as unknown as string,
        hasGoodCopy: true,
        source: 'server',
        at: expect.any(String) as unknown as string,
      },
    ]);
    // Never pushed over: the server still holds the damaged revision.
    expect(await serverRevision(a, victim.id)).toBe(damagedRevision);

    await a.ok('vault.repair', { id: victim.id, action: 'keep-this-device-copy' });
    expect((await a.ok('sync.now', {})).damaged).toBe(0);
    expect((await a.ok('vault.list', {})).damaged).toEqual([]);

    // The other browser gets the intact version.
    await b.ok('sync.now', {});
    expect(await titles(b)).toEqual(['Good', 'Victim']);
    expect((await b.ok('vault.get', { id: victim.id })).fields).toMatchObject({ password: 'keep me' });
    expect((await b.ok('vault.get', { id: good.id })).fields.title).toBe('Good');
  });

  test('damage with no good copy: not listed as an item; repair delete removes it everywhere', async () => {
    const { a, b } = await twoDevices('damaged-new');
    await a.ok('vault.save', { draft: loginDraft({ title: 'Fine' }) });
    await a.ok('sync.now', {});
    const id = crypto.randomUUID();
    await rawApi(a).call('push', { body: { changes: [{ id, baseRevision: 0, ciphertext: garbage() }] } });
    await b.ok('sync.now', {});
    const listed = await b.ok('vault.list', {});
    expect(await titles(b)).toEqual(['Fine']);
    expect(listed.damaged).toMatchObject([{ id, hasGoodCopy: false, source: 'server' }]);
    expect(listed.damaged[0]?.message).toContain('another device');
    expect((await b.fails('vault.get', { id })).code).toBe('not-found');
    expect((await b.fails('vault.repair', { id, action: 'keep-this-device-copy' })).code).toBe('not-found');

    await b.ok('vault.repair', { id, action: 'delete' });
    await b.ok('sync.now', {});
    expect((await b.ok('vault.list', {})).damaged).toEqual([]);
    const pulled = await rawApi(b).call('pull', { query: { since: 0, limit: 1000 } });
    expect(pulled.items.find((item) => item.id === id)).toMatchObject({ deleted: true, ciphertext: null });
    await a.ok('sync.now', {});
    expect((await a.ok('vault.list', {})).damaged).toEqual([]);
  });

  test("a record damaged on this browser's disk is quarantined at open and healed by the next pull", async () => {
    const { a } = await twoDevices('disk');
    const kept = await a.ok('vault.save', { draft: loginDraft({ title: 'Kept' }) });
    const hurt = await a.ok('vault.save', { draft: loginDraft({ title: 'Hurt' }) });
    await a.ok('sync.now', {});
    const accountId = ((await a.ok('status.get', {})) as { accountId: string }).accountId;
    const revision = await serverRevision(a, hurt.id);

    // Flip the disk copy behind the background's back, then restart the worker (the list is rebuilt).
    const store = await openVaultStore(a.vaultDbName(accountId));
    await store.write({ putSynced: [{ id: hurt.id, revision, box: randomBytes(300) }] });
    store.close();
    a.restartWorker();

    const listed = await a.ok('vault.list', {});
    expect(listed.items.map((item) => item.id)).toEqual([kept.id]);
    expect(listed.damaged).toMatchObject([{ id: hurt.id, source: 'local', hasGoodCopy: false }]);

    expect((await a.ok('sync.now', {})).damaged).toBe(0);
    expect(await titles(a)).toEqual(['Hurt', 'Kept']);
    expect((await a.ok('vault.get', { id: hurt.id })).fields.title).toBe('Hurt');
  });
});
