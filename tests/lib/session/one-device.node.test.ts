import { describe, expect, test } from 'vitest';
import { ApiClient } from '../../../lib/api/client';
import type { KitArtifacts } from '../../../lib/messaging/protocol';
import { DEVICE_STORAGE_KEY } from '../../../lib/session/device-store';
import { KEYS_STORAGE_KEY } from '../../../lib/session/key-custody';
import { LOCK_ALARM } from '../../../lib/session/lock-timer';
import { strongPassword, TestBrowser, useServerSuite, uniqueEmail } from './background-harness';

/**
 * One browser against the real server: sign-up, lock and unlock, restarts of the worker and of the browser,
 * the lock timeout, settings actions and sign-out. (tests/lib/session/two-devices.node.test.ts covers what
 * another device does to this one.)
 */

const MINUTE = 60_000;
const suite = useServerSuite();

async function signedUp(label: string) {
  const browser = new TestBrowser({ deviceName: `Chrome on Linux (${label})` });
  const email = uniqueEmail(label);
  const password = strongPassword(label);
  const kit = await browser.ok('account.signUp', {
    serverUrl: suite.server.baseUrl,
    email,
    password,
    emailKit: false,
  });
  return { browser, email, password, kit };
}

describe('sign-up', () => {
  test('creates the account, answers the kit and leaves the browser unlocked', async () => {
    const { browser, email, kit } = await signedUp('signup');
    expect(kit).toEqual<KitArtifacts>({
      payloadText: expect.stringMatching(/^LATCHKEY:[0-9A-Z]+$/) as unknown as string,
      email,
      createdAt: expect.any(String) as unknown as string,
      emailed: null,
    });
    const status = await browser.ok('status.get', {});
    expect(status).toMatchObject({
      phase: 'unlocked',
      email,
      serverUrl: suite.server.baseUrl,
      hasRecovery: false,
      lockTimeout: 'browser-restart',
      notice: null,
    });
    // With "browser-restart" there is no timer.
    expect(browser.alarms.size).toBe(0);
  });

  test('a weak password is refused with the reason, before anything reaches the server', async () => {
    const browser = new TestBrowser({ deviceName: 'weak' });
    const email = uniqueEmail('weak');
    const error = await browser.fails('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email,
      password: 'password123',
      emailKit: false,
    });
    expect(error.code).toBe('weak-password');
    expect(error.message.length).toBeGreaterThan(5);
    const pre = await new ApiClient({ baseUrl: suite.server.baseUrl }).call('prelogin', { body: { email } });
    // The account does not exist: pre-login answers a fake of epoch 1 either way, so sign up now works.
    expect(pre.keyEpoch).toBe(1);
    await browser.ok('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email,
      password: strongPassword(),
      emailKit: false,
    });
  });

  test('the email in the password is refused', async () => {
    const browser = new TestBrowser({ deviceName: 'email' });
    const error = await browser.fails('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email: 'margarethe.vonstein@example.com',
      password: 'margarethe.vonstein-2026!',
      emailKit: false,
    });
    expect(error.code).toBe('weak-password');
  });

  test.each(['http://sync.example.com', 'https://user:pw@sync.example.com', 'https://sync.example.com/v1'])(
    'server address %s is refused with bad-server-url',
    async (serverUrl) => {
      const browser = new TestBrowser({ deviceName: 'url' });
      const error = await browser.fails('account.signUp', {
        serverUrl,
        email: uniqueEmail('url'),
        password: strongPassword(),
        emailKit: false,
      });
      expect(error.code).toBe('bad-server-url');
    },
  );

  test('an email already registered is email-taken, and the browser stays signed out', async () => {
    const { email } = await signedUp('taken');
    const other = new TestBrowser({ deviceName: 'other' });
    const error = await other.fails('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email,
      password: strongPassword(),
      emailKit: false,
    });
    expect(error.code).toBe('email-taken');
    expect(await other.phase()).toBe('signed-out');
  });

  test('a signed-in browser refuses another sign-up or sign-in', async () => {
    const { browser } = await signedUp('twice');
    const request = { serverUrl: suite.server.baseUrl, email: uniqueEmail('x'), password: strongPassword() };
    expect((await browser.fails('account.signUp', { ...request, emailKit: false })).code).toBe(
      'already-signed-in',
    );
    expect((await browser.fails('signIn.begin', request)).code).toBe('already-signed-in');
    expect(
      (await browser.fails('signIn.authenticate', { kitText: 'LATCHKEY:0', source: 'qr-image' })).code,
    ).toBe('already-signed-in');
  });
});

describe('lock and unlock', () => {
  test('lock wipes the keys; the password unlocks again; a wrong one is "Incorrect password"', async () => {
    const { browser, password } = await signedUp('lock');
    const held = browser.background.deps.custody.held;
    expect(held).not.toBeNull();
    const vaultKey = held?.keys.vaultKey;

    expect((await browser.ok('lock', {})).phase).toBe('locked');
    expect(vaultKey?.every((b) => b === 0)).toBe(true);
    expect(browser.session.data.has(KEYS_STORAGE_KEY)).toBe(false);

    // Handlers that need the vault say so.
    expect((await browser.fails('devices.list', {})).code).toBe('locked');
    expect((await browser.fails('kit.make', { password, sendEmail: false })).code).toBe('locked');

    const wrong = await browser.fails('unlock', { password: `${password}!` });
    expect(wrong).toEqual({ code: 'wrong-password', message: 'Incorrect password' });
    expect(await browser.phase()).toBe('locked');

    expect((await browser.ok('unlock', { password })).phase).toBe('unlocked');
    expect(browser.session.data.has(KEYS_STORAGE_KEY)).toBe(true);
    // Unlock when unlocked is a no-op that answers the status.
    expect((await browser.ok('unlock', { password: 'anything' })).phase).toBe('unlocked');
  });

  test('a worker restart keeps the vault unlocked; a browser restart locks it', async () => {
    const { browser, password } = await signedUp('restart');
    browser.restartWorker();
    expect(browser.background.deps.custody.held).toBeNull();
    expect(await browser.phase()).toBe('unlocked');
    expect(browser.background.deps.custody.held).not.toBeNull();

    browser.restartBrowser();
    expect(await browser.phase()).toBe('locked');
    expect((await browser.ok('unlock', { password })).phase).toBe('unlocked');
  });

  test("'never': a browser restart does not lock; leaving 'never' removes the disk copy", async () => {
    const { browser } = await signedUp('never');
    expect((await browser.ok('settings.setLockTimeout', { lockTimeout: 'never' })).phase).toBe('unlocked');
    expect(browser.local.data.has(KEYS_STORAGE_KEY)).toBe(true);
    browser.restartBrowser();
    expect(await browser.ok('status.get', {})).toMatchObject({ phase: 'unlocked', lockTimeout: 'never' });

    await browser.ok('settings.setLockTimeout', { lockTimeout: 'browser-restart' });
    expect(browser.local.data.has(KEYS_STORAGE_KEY)).toBe(false);
    browser.restartBrowser();
    expect(await browser.phase()).toBe('locked');
  });

  test('the inactivity timeout locks after N minutes without activity, even across a worker restart', async () => {
    const { browser, password } = await signedUp('timeout');
    await browser.ok('settings.setLockTimeout', { lockTimeout: 5 });
    const touched = await browser.ok('activity.touch', {});
    expect(Date.parse(touched.lockAt ?? '')).toBe(browser.alarms.get(LOCK_ALARM));

    // Activity at minute 4 pushes the deadline to minute 9.
    browser.clockOffsetMs += 4 * MINUTE;
    await browser.ok('activity.touch', {});
    browser.clockOffsetMs += 4 * MINUTE;
    await browser.fireDueAlarms();
    expect(await browser.quietPhase()).toBe('unlocked');

    // The worker sleeps through the deadline; the alarm wakes a new one, which locks.
    browser.restartWorker();
    browser.clockOffsetMs += 2 * MINUTE;
    expect(browser.session.data.has(KEYS_STORAGE_KEY)).toBe(true);
    await browser.fireDueAlarms();
    expect(await browser.quietPhase()).toBe('locked');
    expect(browser.session.data.has(KEYS_STORAGE_KEY)).toBe(false);

    // A worker woken by a message after the deadline locks before answering, whatever the message.
    await browser.ok('unlock', { password });
    browser.clockOffsetMs += 6 * MINUTE;
    browser.restartWorker();
    expect(await browser.phase()).toBe('locked');
  });

  test('the browser-restart setting while unlocked stops the timer', async () => {
    const { browser } = await signedUp('stop-timer');
    await browser.ok('settings.setLockTimeout', { lockTimeout: 1 });
    expect(browser.alarms.has(LOCK_ALARM)).toBe(true);
    await browser.ok('settings.setLockTimeout', { lockTimeout: 'browser-restart' });
    expect(browser.alarms.has(LOCK_ALARM)).toBe(false);
    browser.clockOffsetMs += 10 * MINUTE;
    expect(await browser.phase()).toBe('unlocked');
  });

  test('neither the password nor the keys are in storage.local; the password is in no storage at all', async () => {
    const { browser, password } = await signedUp('storage');
    await browser.ok('lock', {});
    await browser.ok('unlock', { password });
    expect(browser.storageDump()).not.toContain(password);
    expect(browser.local.dump()).not.toContain(KEYS_STORAGE_KEY);
    expect(browser.logs.join('\n')).not.toContain(password);
  });

  test('a damaged device record reads as signed out, never a crash', async () => {
    const { browser } = await signedUp('damaged');
    const stored = JSON.parse(browser.local.data.get(DEVICE_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    await browser.local.set({ [DEVICE_STORAGE_KEY]: { ...stored, accountId: 'not-a-uuid' } });
    browser.restartWorker();
    expect(await browser.ok('status.get', {})).toMatchObject({ phase: 'signed-out' });
    // The keys in storage.session belonged to a record this worker cannot read: dropped.
    expect(browser.session.data.has(KEYS_STORAGE_KEY)).toBe(false);
    expect(browser.logs.join('\n')).toContain('not readable (accountId)');
    expect(browser.logs.join('\n')).not.toContain(String(stored.token));
  });
});

describe('account actions while unlocked', () => {
  test('kit.make answers a fresh kit after the password; a wrong password is refused', async () => {
    const { browser, password, email } = await signedUp('kit');
    const kit = await browser.ok('kit.make', { password, sendEmail: true });
    expect(kit.email).toBe(email);
    expect(kit.emailed).toBe(true);
    const mail = (await suite.server.outbox()).filter((m) => m.to.includes(email));
    expect(mail).toHaveLength(1);
    expect((await browser.fails('kit.make', { password: 'not it', sendEmail: false })).code).toBe(
      'wrong-password',
    );
  });

  test('devices.list shows this browser by its name', async () => {
    const { browser } = await signedUp('devices');
    const devices = await browser.ok('devices.list', {});
    expect(devices).toEqual([
      expect.objectContaining({ name: 'Chrome on Linux (devices)', current: true, kind: 'full' }),
    ]);
  });

  test('an expired session is renewed with the kept login secret, without asking for the password', async () => {
    const { browser } = await signedUp('expired');
    const before = JSON.parse(browser.local.data.get(DEVICE_STORAGE_KEY) ?? '{}') as { token: string };
    suite.server.clock.advance(31 * 24 * 60 * MINUTE);
    try {
      const devices = await browser.ok('devices.list', {});
      expect(devices.filter((d) => d.current)).toHaveLength(1);
    } finally {
      suite.server.clock.advance(-31 * 24 * 60 * MINUTE);
    }
    const after = JSON.parse(browser.local.data.get(DEVICE_STORAGE_KEY) ?? '{}') as { token: string };
    expect(after.token).not.toBe(before.token);
    expect(await browser.phase()).toBe('unlocked');
  });

  test('recovery.create makes a Recovery Kit; recovery.remove removes it', async () => {
    const { browser, password, email } = await signedUp('recovery');
    const kit = await browser.ok('recovery.create', { password });
    expect(kit.email).toBe(email);
    expect(kit.recoveryCode).toMatch(/^LKR1/);
    expect(kit.accountKey).toMatch(/^LK1-/);
    expect(await browser.ok('status.get', {})).toMatchObject({ phase: 'unlocked', hasRecovery: true });
    expect((await browser.fails('recovery.remove', { password: 'wrong' })).code).toBe('wrong-password');
    expect(await browser.ok('recovery.remove', { password })).toMatchObject({ hasRecovery: false });
  });
});

describe('sign-out', () => {
  test('refuses while there are unsynced changes, listing them; signs out when told to discard them', async () => {
    const { browser, email } = await signedUp('signout');
    const change = { id: 'item-1', title: 'Bank', changedAt: '2026-11-21T07:00:00.000Z' };
    browser.unsynced.changes = [change];
    expect(await browser.ok('account.unsyncedChanges', {})).toEqual([change]);

    const refused = await browser.fails('account.signOut', { discardUnsynced: false });
    expect(refused).toMatchObject({ code: 'unsynced-changes', unsynced: [change] });
    expect(refused.message).toContain('1 change');
    expect(await browser.phase()).toBe('unlocked');

    const status = await browser.ok('account.signOut', { discardUnsynced: true });
    expect(status).toEqual({
      phase: 'signed-out',
      notice: null,
      lastServerUrl: suite.server.baseUrl,
      lastEmail: email,
    });
    expect(browser.local.data.has(DEVICE_STORAGE_KEY)).toBe(false);
    expect(browser.session.data.has(KEYS_STORAGE_KEY)).toBe(false);
  });

  test('with nothing unsynced, signs out and ends the session on the server', async () => {
    const { browser } = await signedUp('signout-clean');
    const { token } = JSON.parse(browser.local.data.get(DEVICE_STORAGE_KEY) ?? '{}') as { token: string };
    await browser.ok('account.signOut', { discardUnsynced: false });
    const error = await new ApiClient({ baseUrl: suite.server.baseUrl, token }).call('devices').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'unauthorized' });
    // Signing out a signed-out browser is a no-op.
    expect((await browser.ok('account.signOut', { discardUnsynced: false })).phase).toBe('signed-out');
    expect((await browser.fails('unlock', { password: 'x' })).code).toBe('not-signed-in');
  });
});
