import { describe, expect, test } from 'vitest';
import { makeKeyFile } from '../../../lib/account/key-file';
import { PENDING_SIGN_IN_TTL_MS } from '../../../lib/session/pending-sign-in';
import { DEVICE_STORAGE_KEY } from '../../../lib/session/device-store';
import { KEYS_STORAGE_KEY } from '../../../lib/session/key-custody';
import { resetCodeIn } from '../../server/http/harness';
import { strongPassword, signedUpPair, TestBrowser, useServerSuite, uniqueEmail } from './background-harness';

/**
 * Two browsers of one account against the real server: signing in with the kit, and what one browser does to
 * the other (password change, revoke), then forgot-password (Recovery Kit, account reset).
 */

const PASSWORD_CHANGED = 'Your password was changed on another device. Enter your new password.';
const REVOKED = 'This device was signed out from another device.';

const suite = useServerSuite();

const twoDevices = (label: string) => signedUpPair(suite.server, label);

describe('signing in on a second browser', () => {
  test('begin → authenticating; the kit → unlocked, and both browsers are in the device list', async () => {
    const a = new TestBrowser({ deviceName: 'A' });
    const b = new TestBrowser({ deviceName: 'B' });
    const email = uniqueEmail('signin');
    const password = strongPassword();
    const kit = await a.ok('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email,
      password,
      emailKit: false,
    });

    const begun = await b.ok('signIn.begin', { serverUrl: suite.server.baseUrl, email, password });
    expect(begun).toEqual({ phase: 'authenticating', email, serverUrl: suite.server.baseUrl });
    // The password waits in memory only.
    expect(b.storageDump()).not.toContain(password);

    const keyFile = makeKeyFile(kit.payloadText).text;
    const done = await b.ok('signIn.authenticate', { kitText: keyFile, source: 'key-file' });
    expect(done).toMatchObject({ phase: 'unlocked', email });
    const names = (await a.ok('devices.list', {})).map((d) => d.name).sort();
    expect(names).toEqual(['A', 'B']);
    expect(b.storageDump()).not.toContain(password);
  });

  test('a wrong password shows at the kit step and sends the user back to step one', async () => {
    const a = new TestBrowser({ deviceName: 'A' });
    const b = new TestBrowser({ deviceName: 'B' });
    const email = uniqueEmail('wrongpw');
    const password = strongPassword();
    const kit = await a.ok('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email,
      password,
      emailKit: false,
    });
    await b.ok('signIn.begin', { serverUrl: suite.server.baseUrl, email, password: `${password}?` });
    const error = await b.fails('signIn.authenticate', { kitText: kit.payloadText, source: 'qr-pdf' });
    expect(error).toEqual({ code: 'wrong-password', message: 'Incorrect password' });
    expect(await b.phase()).toBe('signed-out');
    expect((await b.fails('signIn.authenticate', { kitText: kit.payloadText, source: 'qr-pdf' })).code).toBe(
      'no-sign-in-in-progress',
    );
  });

  test('a code that is not Latchkey’s keeps the sign-in going, so another image can be tried', async () => {
    const a = new TestBrowser({ deviceName: 'A' });
    const b = new TestBrowser({ deviceName: 'B' });
    const email = uniqueEmail('notlk');
    const password = strongPassword();
    const kit = await a.ok('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email,
      password,
      emailKit: false,
    });
    await b.ok('signIn.begin', { serverUrl: suite.server.baseUrl, email, password });
    const error = await b.fails('signIn.authenticate', {
      kitText: 'https://example.com/',
      source: 'qr-camera',
    });
    expect(error).toEqual({
      code: 'not-latchkey',
      message: 'This QR code is not a Latchkey Authentication QR Code',
    });
    expect(await b.phase()).toBe('authenticating');
    expect((await b.ok('signIn.authenticate', { kitText: kit.payloadText, source: 'qr-camera' })).phase).toBe(
      'unlocked',
    );
  });

  test('another account’s kit is wrong-account with the masked email', async () => {
    const other = await twoDevices('other-acct');
    const c = new TestBrowser({ deviceName: 'C' });
    const email = uniqueEmail('mine');
    const password = strongPassword();
    await new TestBrowser({ deviceName: 'D' }).ok('account.signUp', {
      serverUrl: suite.server.baseUrl,
      email,
      password,
      emailKit: false,
    });
    await c.ok('signIn.begin', { serverUrl: suite.server.baseUrl, email, password });
    const error = await c.fails('signIn.authenticate', {
      kitText: other.kit.payloadText,
      source: 'qr-image',
    });
    expect(error.code).toBe('wrong-account');
    expect(error.message).toMatch(/^This QR code belongs to a different account \(o•+@example\.com\)$/);
  });

  test('cancel forgets the pending sign-in; so do ten minutes', async () => {
    const b = new TestBrowser({ deviceName: 'B' });
    const email = uniqueEmail('cancel');
    await b.ok('signIn.begin', { serverUrl: suite.server.baseUrl, email, password: strongPassword() });
    expect((await b.ok('signIn.cancel', {})).phase).toBe('signed-out');

    await b.ok('signIn.begin', { serverUrl: suite.server.baseUrl, email, password: strongPassword() });
    b.clockOffsetMs += PENDING_SIGN_IN_TTL_MS - 1_000;
    expect(await b.phase()).toBe('authenticating');
    b.clockOffsetMs += 1_000;
    expect(await b.phase()).toBe('signed-out');
  });

  test('an unreachable server fails signIn.begin with network, and nothing is kept', async () => {
    const b = new TestBrowser({ deviceName: 'B' });
    const error = await b.fails('signIn.begin', {
      serverUrl: 'http://127.0.0.1:9',
      email: uniqueEmail('net'),
      password: strongPassword(),
    });
    expect(error.code).toBe('network');
    expect(await b.phase()).toBe('signed-out');
  });
});

describe('a password change on A, as B sees it', () => {
  test('B, unlocked, learns it on its next request: locked, asking for the NEW password', async () => {
    const { a, b, password } = await twoDevices('pwchange-live');
    const newPassword = strongPassword('new');
    const newKit = await a.ok('password.change', { currentPassword: password, newPassword, emailKit: false });
    expect(newKit.payloadText).toMatch(/^LATCHKEY:/);
    // A stays unlocked under the new epoch.
    expect(await a.phase()).toBe('unlocked');

    const error = await b.fails('devices.list', {});
    expect(error).toEqual({ code: 'password-changed', message: PASSWORD_CHANGED });
    expect(await b.ok('status.get', {})).toMatchObject({
      phase: 'password-changed',
      notice: { kind: 'password-changed', message: PASSWORD_CHANGED },
    });
    expect(b.session.data.has(KEYS_STORAGE_KEY)).toBe(false);

    // The old password is not accepted any more, even though it still opens B's old local copy.
    expect((await b.fails('unlock', { password })).code).toBe('wrong-password');
    expect(await b.phase()).toBe('password-changed');
    // The phase survives a worker restart.
    b.restartWorker();
    expect(await b.phase()).toBe('password-changed');

    expect((await b.ok('unlock', { password: newPassword })).phase).toBe('unlocked');
    expect((await b.ok('devices.list', {})).length).toBe(2);
  });

  test('B, locked and unaware, unlocks with the NEW password (pre-login shows the epoch moved)', async () => {
    const { a, b, password } = await twoDevices('pwchange-new');
    await b.ok('lock', {});
    const newPassword = strongPassword('new');
    await a.ok('password.change', { currentPassword: password, newPassword, emailKit: false });
    expect((await b.ok('unlock', { password: newPassword })).phase).toBe('unlocked');
    b.restartBrowser();
    // B's local copy is now under the new password.
    expect((await b.ok('unlock', { password: newPassword })).phase).toBe('unlocked');
  });

  test('B, locked and unaware, typing the OLD password: told the password changed, never unlocked', async () => {
    const { a, b, password } = await twoDevices('pwchange-old');
    await b.ok('lock', {});
    await a.ok('password.change', {
      currentPassword: password,
      newPassword: strongPassword('n'),
      emailKit: false,
    });
    const error = await b.fails('unlock', { password });
    expect(error).toEqual({ code: 'password-changed', message: PASSWORD_CHANGED });
    expect(await b.phase()).toBe('password-changed');
    expect(b.session.data.has(KEYS_STORAGE_KEY)).toBe(false);
  });

  test('a weak new password is refused before the account changes', async () => {
    const { a, b, password } = await twoDevices('pwchange-weak');
    const error = await a.fails('password.change', {
      currentPassword: password,
      newPassword: 'qwerty12345',
      emailKit: false,
    });
    expect(error.code).toBe('weak-password');
    expect((await b.ok('devices.list', {})).length).toBe(2);
  });
});

describe('revoking a device', () => {
  test('B, locked, is signed out at its next unlock, with a notice shown once', async () => {
    const { a, b, email, password } = await twoDevices('revoke');
    await b.ok('lock', {});
    const bId = (await a.ok('devices.list', {})).find((d) => !d.current)?.id ?? '';
    const left = await a.ok('devices.revoke', { id: bId });
    expect(left.map((d) => d.current)).toEqual([true]);

    const error = await b.fails('unlock', { password });
    expect(error).toEqual({ code: 'session-revoked', message: REVOKED });
    expect(await b.ok('status.get', {})).toEqual({
      phase: 'signed-out',
      notice: { kind: 'revoked', message: REVOKED },
      lastServerUrl: suite.server.baseUrl,
      lastEmail: email,
    });
    expect(b.local.data.has(DEVICE_STORAGE_KEY)).toBe(false);
    // Shown once.
    expect(await b.ok('status.get', {})).toMatchObject({ phase: 'signed-out', notice: null });
  });

  test('B, unlocked, is signed out by its next server request', async () => {
    const { a, b } = await twoDevices('revoke-live');
    const bId = (await a.ok('devices.list', {})).find((d) => !d.current)?.id ?? '';
    await a.ok('devices.revoke', { id: bId });
    const error = await b.fails('devices.list', {});
    expect(error.code).toBe('session-revoked');
    expect(await b.phase()).toBe('signed-out');
  });
});

describe('forgot password', () => {
  test('the Recovery Kit (typed) sets a new password on a locked browser, with the same vault key', async () => {
    const { a, b, email, password } = await twoDevices('recover');
    const recovery = await a.ok('recovery.create', { password });
    const vaultKeyBefore = [...(a.background.deps.custody.held?.keys.vaultKey ?? [])];
    await b.ok('lock', {});

    const newPassword = strongPassword('recovered');
    const kit = await b.ok('recovery.use', {
      serverUrl: suite.server.baseUrl,
      email,
      kit: { kind: 'typed', accountKey: recovery.accountKey, recoveryCode: recovery.recoveryCode },
      newPassword,
      emailKit: false,
    });
    expect(kit.email).toBe(email);
    expect(await b.ok('status.get', {})).toMatchObject({ phase: 'unlocked', hasRecovery: true });
    expect([...(b.background.deps.custody.held?.keys.vaultKey ?? [])]).toEqual(vaultKeyBefore);

    // A hears of the new password like after any password change.
    expect((await a.fails('devices.list', {})).code).toBe('password-changed');
    expect((await a.ok('unlock', { password: newPassword })).phase).toBe('unlocked');
  });

  test('the Recovery Kit (its QR payload) works on a signed-out browser; a weak new password is refused', async () => {
    const { a, email, password } = await twoDevices('recover-qr');
    const recovery = await a.ok('recovery.create', { password });
    const c = new TestBrowser({ deviceName: 'C' });
    const request = {
      serverUrl: suite.server.baseUrl,
      email,
      kit: { kind: 'payload' as const, payloadText: recovery.payloadText },
      emailKit: false,
    };
    expect((await c.fails('recovery.use', { ...request, newPassword: 'letmein2026' })).code).toBe(
      'weak-password',
    );
    await c.ok('recovery.use', { ...request, newPassword: strongPassword() });
    expect(await c.phase()).toBe('unlocked');
  });

  test('a mistyped recovery code, or another account’s Recovery Kit, is said so', async () => {
    const { a, password } = await twoDevices('recover-typo');
    const recovery = await a.ok('recovery.create', { password });
    const other = await twoDevices('recover-victim');
    const c = new TestBrowser({ deviceName: 'C' });
    const request = {
      serverUrl: suite.server.baseUrl,
      email: other.email,
      newPassword: strongPassword(),
      emailKit: false,
    };
    const typo = await c.fails('recovery.use', {
      ...request,
      kit: {
        kind: 'typed',
        accountKey: recovery.accountKey,
        // The last character changed (to one it is not: a fixed "0" was no typo when the code ended in 0).
        recoveryCode: `${recovery.recoveryCode.slice(0, -1)}${recovery.recoveryCode.endsWith('0') ? '1' : '0'}`,
      },
    });
    expect(typo.code).toBe('account-key-format');
    const foreign = await c.fails('recovery.use', {
      ...request,
      kit: { kind: 'payload', payloadText: recovery.payloadText },
    });
    expect(foreign.code).toBe('wrong-recovery-kit');
    expect(await c.phase()).toBe('signed-out');
    // The victim's account is untouched.
    expect((await other.b.ok('devices.list', {})).length).toBe(2);
  });

  test('recovery for another account than the signed-in one is refused', async () => {
    const { a } = await twoDevices('recover-other');
    const error = await a.fails('recovery.use', {
      serverUrl: suite.server.baseUrl,
      email: uniqueEmail('someone-else'),
      kit: { kind: 'typed', accountKey: 'LK1-X', recoveryCode: 'LKR1-X' },
      newPassword: strongPassword(),
      emailKit: false,
    });
    expect(error.code).toBe('already-signed-in');
  });

  test('account reset with the emailed code wipes the account and this browser, with a notice', async () => {
    const { a, b, email } = await twoDevices('reset');
    expect(await b.ok('reset.start', { serverUrl: suite.server.baseUrl, email })).toEqual({});
    const mail = (await suite.server.outbox()).filter((m) => m.to.includes(email)).at(-1);
    if (!mail) throw new Error('no reset email');
    const wrong = await b.fails('reset.finish', {
      serverUrl: suite.server.baseUrl,
      email,
      code: '00000-00000',
    });
    expect(wrong.code).toBe('invalid-reset-code');
    expect(await b.phase()).toBe('unlocked');

    const status = await b.ok('reset.finish', {
      serverUrl: suite.server.baseUrl,
      email,
      code: resetCodeIn(mail),
    });
    expect(status).toMatchObject({ phase: 'signed-out', notice: { kind: 'account-reset' } });
    expect(b.local.data.has(DEVICE_STORAGE_KEY)).toBe(false);
    // A learns at its next request that its session is gone.
    const error = await a.fails('devices.list', {});
    expect(error.code).toBe('not-signed-in');
    expect(await a.phase()).toBe('signed-out');
  });
});
