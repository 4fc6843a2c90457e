import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UNREADABLE_TITLE } from '../../entrypoints/popup/models/damaged-model';
import { damageMessage } from '../../lib/vault/record-errors';
import { newUser } from './support/accounts';
import { startE2eServer, type E2eServer } from './support/e2e-server';
import {
  expectAlert,
  expectControl,
  expectStatus,
  waitFor,
  type BrowserName,
  type ExtensionPage,
} from './support/extension-page';
import { startNetworkCut, type NetworkCut } from './support/network-cut';
import { sampleLogin, signUpNodeDevice } from './support/node-device';
import { signInWith, signOutQuietly, signUp } from './support/popup-flows';
import { useProfiles } from './support/profiles';
import { fixtureFile } from './support/qr-fixtures';
import {
  addLogin,
  backHome,
  deleteItem,
  editItem,
  expectRow,
  expectRows,
  expectSettled,
  openItem,
  search,
  syncNow,
} from './support/vault-flows';

/**
 * Issue 5's e2e list, with the built extension in real browsers and the real server: add / edit / delete /
 * search through the popup; sync between two profiles; an offline edit that syncs once the network is back; a
 * conflict shown and resolved; a damaged record quarantined while the rest of the vault is fine.
 *
 * Each pair runs one account in two browsers, A signing up and B signing in with A's key file, once as
 * Chromium → Firefox and once as Firefox → Chromium: every screen is driven in both browsers, and every sync
 * crosses from one browser to the other. B reaches the server through a relay whose cable the tests pull
 * (support/network-cut.ts), so "offline" is B's alone while A keeps syncing.
 */
const PAIRS: [BrowserName, BrowserName][] = [
  ['chromium', 'firefox'],
  ['firefox', 'chromium'],
];

/** Sign-up and sign-in each run Argon2id and the QR KDF in the browser: the set-up gets more than a step. */
const SETUP_TIMEOUT_MS = 120_000;

let server: E2eServer;
let dir: string;
beforeAll(async () => {
  server = await startE2eServer();
  dir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-vault-'));
});
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(PAIRS)('one account in %s (A) and %s (B)', (browserA, browserB) => {
  const profiles = useProfiles();
  const user = newUser(`vault-${browserA}`);
  let relay: NetworkCut;
  let a: ExtensionPage;
  let b: ExtensionPage;

  beforeAll(async () => {
    relay = await startNetworkCut(server.url);
    const [pageA, pageB] = await Promise.all([
      profiles.launch(browserA).then((profile) => profile.openPopup()),
      profiles.launch(browserB).then((profile) => profile.openPopup()),
    ]);
    a = pageA;
    b = pageB;
    const { kit } = await signUp(a, server.url, user, { emailKit: false });
    const keyFile = await fixtureFile(dir, `${browserA}-${kit.keyFile.name}`, kit.keyFile.bytes);
    await signInWith(b, relay.url, user, 'Key file', keyFile);
    await expectSettled(b);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await relay?.close();
  });

  test(`${browserA}: add, copy, reveal, search, edit (password history), delete`, async () => {
    const first = 'Quartz-Lantern-7731';
    const second = 'Meadow-Sextant-4410';
    await addLogin(
      a,
      {
        title: 'Kestrel Post',
        username: 'ada.lovelace',
        password: first,
        url: 'https://inbox.quillmail.test/login',
      },
      'A-new-login',
    );
    // The view shows the fields; the password stays masked until asked for.
    expect(await a.text()).toContain('ada.lovelace');
    expect(await a.text()).not.toContain(first);
    await a.click('Copy password');
    await expectStatus(a, 'Copied. The clipboard is cleared in 30 s.');
    await a.click('Show password');
    await waitFor('the password to show', async () => ((await a.text()).includes(first) ? true : undefined));
    await a.screenshot('A-item-view');
    await backHome(a);
    await addLogin(a, { title: 'Heron Bank', username: 'grace', password: 'Ferry-Orbit-2201' });
    await backHome(a);
    await expectRows(a, ['Heron Bank', 'Kestrel Post']);

    // Search: title, username and URL find it; the password does not (issue 5: "not secrets"). The search is
    // cleared between queries, so each result is read after the list changed (never a stale one).
    for (const query of ['kestrel', 'lovelace', 'quillmail']) {
      await search(a, query);
      await expectRows(a, ['Kestrel Post']);
      await search(a, '');
      await expectRows(a, ['Heron Bank', 'Kestrel Post']);
    }
    await search(a, first);
    await expectRows(a, []);
    await expectStatus(a, `No items match “${first}”`);
    await a.screenshot('A-search-password-finds-nothing');
    await search(a, '');
    await expectRows(a, ['Heron Bank', 'Kestrel Post']);

    await openItem(a, 'Kestrel Post');
    await editItem(a, 'Kestrel Post', { Password: second }, 'A-edit-password');
    await a.click('Show password');
    await waitFor('the new password to show', async () =>
      (await a.text()).includes(second) ? true : undefined,
    );
    expect(await a.text()).toContain('Password history (1)');
    await a.screenshot('A-item-after-edit');

    await deleteItem(a, 'A-delete-confirm');
    await expectRows(a, ['Heron Bank']);
    await search(a, 'kestrel');
    await expectRows(a, []);
    await search(a, '');
  });

  test(`sync: added in ${browserA} → seen in ${browserB}; edited in ${browserB} → seen in ${browserA}`, async () => {
    await addLogin(a, {
      title: 'Shared Forum',
      username: 'grace',
      password: 'Ledger-Comet-5512',
      url: 'https://forum.example.org',
    });
    await backHome(a);
    await expectSettled(a);
    await syncNow(b);
    await expectRow(b, 'Shared Forum');
    await b.screenshot('B-synced-from-A');

    await openItem(b, 'Shared Forum');
    await editItem(b, 'Shared Forum', { Username: 'grace.hopper' });
    await backHome(b);
    await syncNow(b);
    await syncNow(a);
    await expectRow(a, 'Shared Forum', 'grace.hopper');
    await openItem(a, 'Shared Forum');
    expect(await a.text()).toContain('grace.hopper');
    await a.screenshot('A-sees-edit-from-B');
    await backHome(a);
  });

  test(`${browserB} offline: the edit waits, the bar says why; back online it reaches ${browserA}`, async () => {
    relay.cut();
    await openItem(b, 'Shared Forum');
    await editItem(b, 'Shared Forum', { Username: 'g.hopper@navy.example' });
    await backHome(b);
    const failed = await syncNow(b);
    expect(failed.lastError?.code).toBe('network');
    expect(failed.pending).toBe(1);
    await expectAlert(b, /^Can't reach the Latchkey server/);
    // …with the next automatic try (the backoff's first wait is 30 s, lib/sync/sync-scheduler.ts).
    expect(await b.text()).toMatch(/Retrying in \d+ (s|min)/);
    await waitFor('the sync bar to count the waiting change', async () =>
      (await b.statuses()).some((line) => line.endsWith(' · 1 change waiting')) ? true : undefined,
    );
    await expectRow(b, 'Shared Forum', ', not synced yet');
    await b.screenshot('B-offline-change-waiting');

    relay.restore();
    const done = await syncNow(b);
    expect(done.pending).toBe(0);
    expect(done.lastError).toBeNull();
    await syncNow(a);
    await expectRow(a, 'Shared Forum', 'g.hopper@navy.example');
    await openItem(a, 'Shared Forum');
    expect(await a.text()).toContain('g.hopper@navy.example');
    await backHome(a);
  });

  test(`a conflict: both change the password; ${browserB} shows the copy and resolves it`, async () => {
    relay.cut();
    await openItem(a, 'Shared Forum');
    await editItem(a, 'Shared Forum', { Password: 'Alpha-Route-1189' });
    await backHome(a);
    await expectSettled(a);
    await openItem(b, 'Shared Forum');
    await editItem(b, 'Shared Forum', { Password: 'Bravo-Route-2276' });
    await backHome(b);
    relay.restore();

    await syncNow(b);
    await expectRow(b, 'Shared Forum (conflict)', ', conflict copy');
    await expectControl(b, 'Conflicts');
    await b.click('Conflicts');
    await expectRows(b, ['Shared Forum (conflict)']);
    await b.screenshot('B-conflicts');
    await openItem(b, 'Shared Forum (conflict)');
    expect(await b.text()).toContain('This is a conflicting copy of “Shared Forum”');
    await expectControl(b, 'Keep the other version');
    await b.screenshot('B-conflict-banner');
    await b.click('Keep this version');
    await expectRows(b, ['Heron Bank', 'Shared Forum']);
    expect(await b.hasControl('Conflicts')).toBe(false);

    await syncNow(b);
    await syncNow(a);
    await expectRows(a, ['Heron Bank', 'Shared Forum']);
    await openItem(a, 'Shared Forum');
    await a.click('Show password');
    await waitFor('the kept password to show', async () =>
      (await a.text()).includes('Bravo-Route-2276') ? true : undefined,
    );
    await backHome(a);
  });

  test(`${browserA}: a damaged record is quarantined, the other five are fine`, async () => {
    // Another device of a second account (Node, support/node-device.ts) puts five good records and one box no
    // key opens on the server; A signs in to that account with its key file and syncs them down.
    const nodeUser = newUser(`node-${browserA}`);
    const node = await signUpNodeDevice(server.url, nodeUser);
    const logins = [1, 2, 3, 4, 5].map((n) => sampleLogin(n));
    await node.pushNew(logins);
    const damagedId = randomUUID();
    await node.pushRaw(damagedId, randomBytes(120), 0);
    const keyFile = join(dir, `${browserA}-node.lkkey`);
    await writeFile(keyFile, node.kitText);

    await signOutQuietly(a);
    await signInWith(a, server.url, nodeUser, 'Key file', keyFile);
    const status = await expectSettled(a);
    expect(status.damaged).toBe(1);
    const titles = logins.map((login) => login.fields.title).sort();
    await expectRows(a, titles);
    await a.click('1 damaged item');
    expect(await a.text()).toContain(damageMessage('undecryptable', false));
    await a.screenshot('A-damaged-item');
    // The good records open as usual.
    await openItem(a, titles[0]!);
    await backHome(a);

    await a.click('1 damaged item');
    await a.click('Delete it everywhere');
    await a.click('Delete everywhere');
    await expectStatus(a, `Deleted “${UNREADABLE_TITLE}” everywhere.`);
    await waitFor('the damaged banner to go', async () =>
      (await a.hasControl('1 damaged item')) ? undefined : true,
    );
    await expectRows(a, titles);
    await a.screenshot('A-damaged-deleted');
    // Deleted on the server too: the Node device no longer sees it, and the five are untouched.
    await expectSettled(a);
    const onServer = await node.revisions();
    expect(onServer.has(damagedId)).toBe(false);
    expect([...onServer.keys()].sort()).toEqual(logins.map((login) => login.id).sort());
  });
});
