import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDate } from '../../lib/account/errors';
import { KEYS_STORAGE_KEY } from '../../lib/session/key-custody';
import { newUser, PASSWORDS } from './support/accounts';
import type { ChromiumProfile } from './support/chromium-profile';
import { startE2eServer, type E2eServer } from './support/e2e-server';
import {
  expectAlert,
  expectControl,
  expectNotice,
  waitFor,
  type BrowserName,
  type ExtensionPage,
} from './support/extension-page';
import type { FirefoxProfile } from './support/firefox-profile';
import {
  authenticateWith,
  beginSignIn,
  changePassword,
  expectHome,
  lock,
  openSettings,
  phaseOf,
  signInWith,
  signUp,
  unlock,
} from './support/popup-flows';
import { BROWSERS, useProfiles } from './support/profiles';
import { fixtureFile } from './support/qr-fixtures';

/**
 * Issue 4 / DESIGN §1, §3: what happens to a device's unlocked session. The keys live in the background and
 * in storage.session, so a stopped service worker (Chromium) or event page (Firefox) does not lock the user,
 * a browser restart does, and so does the inactivity timeout. A password changed on another device locks it
 * and asks for the NEW password (mSecure asks for the old one); the QR codes made before the change fail as
 * outdated, with the date of the change, while the new kit works.
 *
 * The timeout is a real minute (the shortest the settings offer; Chrome runs alarms no sooner than 30 s
 * anyway): both browsers start counting first, the other tests of this file run during that minute, and the
 * last tests check that each locked itself when the minute was up.
 */
const PASSWORD_CHANGED = 'Your password was changed on another device. Enter your new password.';

/** Whether this page's storage.session holds the unlocked keys (lib/session/key-custody.ts). */
async function holdsKeys(page: ExtensionPage): Promise<boolean> {
  return KEYS_STORAGE_KEY in (await page.sessionStorage());
}

describe('the session of a device', () => {
  const profiles = useProfiles();
  let server: E2eServer;
  let dir: string;
  /** The profiles left alone with a 1-minute timeout: when their last activity was, and when they locked. */
  const idle = new Map<BrowserName, { lastActivity: number; locked: Promise<number>; page: ExtensionPage }>();

  beforeAll(async () => {
    server = await startE2eServer();
    dir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-session-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test.each(BROWSERS)('%s: a 1-minute lock timeout is set in Settings', async (browser) => {
    const profile = await profiles.launch(browser);
    const page = await profile.openPopup();
    await signUp(page, server.url, newUser(`idle-${browser}`), { emailKit: false });
    await openSettings(page);
    await page.select('Lock timeout', '1 minute');
    const status = await page.send('status.get', {});
    const lastActivity = Date.now();
    expect(status.ok && status.value.phase === 'unlocked' && status.value.lockTimeout).toBe(1);
    expect(await holdsKeys(page)).toBe(true);
    await page.screenshot('settings-lock-timeout');
    // From here on nothing touches this profile (no input, no message) until the last test of the file,
    // while a watcher notes when the keys leave storage.session (reading storage is not a message).
    const locked = whenKeysLeave(page);
    locked.catch(() => undefined); // awaited (and reported) by the last test; not an unhandled rejection
    idle.set(browser, { page, lastActivity, locked });
  });

  test('Chromium: a stopped service worker leaves it unlocked; a browser restart locks it', async () => {
    const profile = await profiles.launchChromium();
    const page = await profile.openPopup();
    const user = newUser('worker');
    await signUp(page, server.url, user, { emailKit: false });
    const worker = await profile.watchServiceWorker();
    await worker.stop();
    // A message wakes a new worker, which restores the keys from storage.session.
    expect(await phaseOf(page)).toBe('unlocked');
    expect(worker.starts).toBe(1);
    await worker.close();
    const reopened = await profile.openPopup();
    await expectHome(reopened);
    await reopened.screenshot('home-after-worker-restart');

    await restartLocks(profile, user.password);
  });

  test('Firefox: a stopped background page leaves it unlocked; a browser restart locks it', async () => {
    const profile = await profiles.launchFirefox();
    const page = await profile.openPopup();
    const user = newUser('eventpage');
    await signUp(page, server.url, user, { emailKit: false });
    await profile.stopBackground();
    expect(await phaseOf(page)).toBe('unlocked');
    expect(await profile.backgroundState()).toBe('running');
    const reopened = await profile.openPopup();
    await expectHome(reopened);
    await reopened.screenshot('home-after-background-restart');

    await restartLocks(profile, user.password);
  });

  test.each(BROWSERS)(
    '%s: a password changed in A → B asks for the new one; in C the old QR code is outdated, the new one works',
    async (browser) => {
      const user = newUser(`pat-${browser}`, PASSWORDS.first);
      const profileA = await profiles.launch(browser);
      const a = await profileA.openPopup();
      const first = await signUp(a, server.url, user, { emailKit: false });
      const oldPng = await fixtureFile(dir, `${browser}-old-kit.png`, first.kit.png.bytes);
      const keyFile = await fixtureFile(dir, `${browser}-old.lkkey`, first.kit.keyFile.bytes);

      const profileB = await profiles.launch(browser);
      const b = await profileB.openPopup();
      await signInWith(b, server.url, user, 'Key file', keyFile);
      await lock(b);

      await openSettings(a);
      const second = await changePassword(a, PASSWORDS.first, PASSWORDS.second, 'A');
      const changedOn = formatDate(new Date());
      const newPng = await fixtureFile(dir, `${browser}-new-kit.png`, second.png.bytes);
      await profiles.close(profileA);

      // B only knows the old password: it opens the local keys, then the server says the password changed.
      await b.fill('Password', PASSWORDS.first);
      await b.click('Unlock');
      await expectNotice(b, PASSWORD_CHANGED, 45_000);
      await expectControl(b, 'New password');
      expect(await phaseOf(b)).toBe('password-changed');
      await b.screenshot('B-unlock-new-password');
      await unlock(b, PASSWORDS.second, 'New password');
      await b.screenshot('B-home-after-password-change');
      await profiles.close(profileB);

      // A fresh browser C with the new password: the old kit is refused as outdated, the new one works.
      const profileC = await profiles.launch(browser);
      const c = await profileC.openPopup();
      await beginSignIn(c, server.url, { ...user, password: PASSWORDS.second });
      await authenticateWith(c, 'QR code image', oldPng);
      await expectAlert(
        c,
        `This QR code is outdated: it was created before your password was changed on ${changedOn}. Use the newest one.`,
        { timeoutMs: 45_000 },
      );
      await c.screenshot('C-error-outdated');
      await authenticateWith(c, 'QR code image', newPng);
      await expectHome(c);
    },
  );

  test.each(BROWSERS)('%s: locks itself after a minute without activity', async (browser) => {
    const entry = idle.get(browser);
    if (!entry) throw new Error(`the ${browser} profile did not start counting: see the first tests`);
    const { page, lastActivity, locked } = entry;
    const lockedAfter = (await locked) - lastActivity;
    // The deadline is a minute after the last message (just before lastActivity); the alarm fires on it.
    expect(lockedAfter).toBeGreaterThanOrEqual(58_000);
    expect(lockedAfter).toBeLessThan(80_000);
    expect(await phaseOf(page)).toBe('locked');
    await page.reload();
    await page.heading('Unlock');
    await page.screenshot('unlock-after-timeout');
  });
});

/** When the keys leave this page's storage.session (polled twice a second, for at most 90 s). */
function whenKeysLeave(page: ExtensionPage): Promise<number> {
  return waitFor(
    'the inactivity lock to remove the keys from storage.session',
    async () => ((await holdsKeys(page)) ? undefined : Date.now()),
    90_000,
    500,
  );
}

/** A browser restart on the same profile: locked (storage.session is gone), and the password unlocks it. */
async function restartLocks(profile: ChromiumProfile | FirefoxProfile, password: string): Promise<void> {
  await profile.restart();
  const page = await profile.openPopup();
  await page.heading('Unlock');
  expect(await phaseOf(page)).toBe('locked');
  await page.screenshot('unlock-after-restart');
  await unlock(page, password);
}
