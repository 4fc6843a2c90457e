import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { restoreKeys, type StoredKeys } from '../../lib/account-service/unlocked-keys';
import { KEYS_STORAGE_KEY } from '../../lib/session/key-custody';
import { parseKit } from '../../lib/account/kit-payload';
import { readKeyFile } from '../../lib/account/key-file';
import { maskedEmail, newUser, PASSWORDS } from './support/accounts';
import { startE2eServer, type E2eServer } from './support/e2e-server';
import {
  expectAlert,
  expectControl,
  expectNotice,
  type BrowserProfile,
  type ExtensionPage,
} from './support/extension-page';
import {
  authenticateWith,
  beginSignIn,
  expectHome,
  lock,
  openSettings,
  phaseOf,
  signInWith,
  signUp,
  unlock,
  type SignUpResult,
} from './support/popup-flows';
import { BROWSERS, useProfiles } from './support/profiles';
import { fixtureFile, readQrPng } from './support/qr-fixtures';

/**
 * Issue 4: the account's way back and way out. A device revoked from another is signed out on its next
 * action, with the reason; a forgotten password is replaced with the Recovery Kit without losing anything (the
 * vault key stays the same); and without one, the account is reset with the code emailed to its owner.
 * In Chromium the Recovery Kit's PDF is uploaded, in Firefox its two codes are typed.
 */
const REVOKED = 'This device was signed out from another device.';

describe.each(BROWSERS)('%s: revoke, Recovery Kit, reset', (browser) => {
  const profiles = useProfiles();
  const user = newUser('rita', PASSWORDS.first);
  let server: E2eServer;
  let dir: string;
  let profileA: BrowserProfile;
  let a: ExtensionPage;
  let account: SignUpResult;

  beforeAll(async () => {
    server = await startE2eServer();
    dir = await mkdtemp(join(tmpdir(), `latchkey-e2e-recovery-${browser}-`));
    profileA = await profiles.launch(browser);
    a = await profileA.openPopup();
    account = await signUp(a, server.url, user, { emailKit: false, recoveryKit: true, shots: 'A' });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('Settings: "Show my QR code" and "Email me my kit" ask for the password first', async () => {
    const original = parseKit(readKeyFile(account.kit.keyFile.bytes.toString('utf8')).payloadText);
    const sameAccount = (payload: string | null) => {
      const kit = parseKit(payload ?? '');
      return (
        kit.accountId === original.accountId &&
        kit.email === original.email &&
        kit.keyEpoch === original.keyEpoch
      );
    };

    await openSettings(a);
    await a.click('Show my QR code');
    await a.heading('Show my QR code');
    await a.fill('Password', user.password);
    await a.screenshot('A-reauth');
    await a.click('Show my QR code');
    await a.heading('Your Authentication Kit', 45_000);
    const png = await a.download(() => a.click('Download PNG'));
    expect(sameAccount(await readQrPng(png.bytes))).toBe(true);
    await a.check('I have saved my kit');
    await a.click('Continue');
    await a.heading('Settings');

    const mailsBefore = await server.mailCount();
    await a.click('Email me my kit');
    await a.heading('Email me my kit');
    await a.fill('Password', user.password);
    await a.click('Email me my kit');
    await a.heading('Settings', 45_000);
    await expectNotice(a, `Email sent to ${maskedEmail(user.email)}`);
    const email = await server.kitEmail(user.email, mailsBefore);
    expect(sameAccount(await readQrPng(email.png))).toBe(true);

    await a.click('Recovery Kit');
    await a.heading('Recovery Kit');
    await a.screenshot('A-recovery-kit-settings');
    await a.click('Back');
    await a.heading('Settings');
    await a.click('Back');
    await expectHome(a);
  });

  test('a device revoked in A is signed out on its next action, and told why', async () => {
    const profileB = await profiles.launch(browser);
    const b = await profileB.openPopup();
    const keyFile = await fixtureFile(dir, 'kit.lkkey', account.kit.keyFile.bytes);
    await signInWith(b, server.url, user, 'Key file', keyFile);

    await openSettings(a);
    await a.click('Devices');
    await a.heading('Devices');
    const devices = await a.send('devices.list', {});
    if (!devices.ok) throw new Error(devices.error.message);
    const others = devices.value.filter((device) => !device.current);
    expect(others).toHaveLength(1);
    const [deviceB] = others;
    await a.screenshot('A-devices');
    await a.click(`Revoke ${deviceB!.name}`);
    await a.click('Revoke');
    await expectControl(a, 'Back');
    const after = await a.send('devices.list', {});
    expect(after.ok && after.value.map((device) => device.id)).not.toContain(deviceB!.id);

    // B's next action that reaches the server.
    await openSettings(b);
    await b.click('Devices');
    await b.heading('Latchkey');
    await expectControl(b, 'Create account');
    await expectNotice(b, REVOKED);
    expect(await phaseOf(b)).toBe('signed-out');
    await b.screenshot('B-revoked');
    await profiles.close(profileB);
  });

  test('forgot password: the Recovery Kit sets a new one, and the vault key stays the same', async () => {
    const recovery = account.recovery;
    if (!recovery) throw new Error('the sign-up made no Recovery Kit');
    await a.reload();
    await expectHome(a);
    const vaultKeyBefore = await vaultKeyIn(a);

    await lock(a);
    await a.click('Forgot password?');
    await a.heading('Forgot password');
    await a.screenshot('A-forgot-password');
    await a.click('Use my Recovery Kit');
    await a.heading('Use my Recovery Kit');
    await a.fill('Email', user.email);
    await a.fill('Server', server.url);
    if (browser === 'chromium') {
      await a.upload(
        'Recovery Kit image or PDF',
        await fixtureFile(dir, 'recovery-kit.pdf', recovery.pdf.bytes),
      );
      await expectNotice(a, `Read from ${'recovery-kit.pdf'}`, 45_000);
    } else {
      await a.fill('Account Key', recovery.accountKey);
      await a.fill('Recovery code', recovery.recoveryCode);
    }
    await a.fill('New password', PASSWORDS.third);
    await a.fill('Confirm new password', PASSWORDS.third);
    await a.uncheck('Email me my new kit');
    await a.screenshot('A-recovery-use');
    await a.click('Set new password');
    // A new password means a new Authentication Kit (the old QR codes are now outdated).
    await a.heading('Your Authentication Kit', 45_000);
    await a.check('I have saved my kit');
    await a.click('Continue');
    await expectHome(a);
    expect(await vaultKeyIn(a)).toBe(vaultKeyBefore);

    // Only the new password opens it now, and it opens the same vault.
    await lock(a);
    await a.fill('Password', PASSWORDS.first);
    await a.click('Unlock');
    await expectAlert(a, 'Incorrect password', { timeoutMs: 45_000 });
    await unlock(a, PASSWORDS.third);
    expect(await vaultKeyIn(a)).toBe(vaultKeyBefore);
  });

  test('reset with the emailed code: the account is deleted, and its old QR code names the reset', async () => {
    await a.reload();
    await lock(a);
    await a.click('Forgot password?');
    await a.heading('Forgot password');
    await a.click('Reset my account');
    await a.heading('Reset account');
    await a.click('Email me a reset code');
    const code = await server.resetCode(user.email);
    await a.fill('Reset code', code);
    await a.check('I understand that everything in this account will be deleted');
    await a.screenshot('A-reset-confirm');
    await a.click('Delete everything and reset');
    await a.heading('Latchkey', 45_000);
    await expectControl(a, 'Create account');
    expect(await phaseOf(a)).toBe('signed-out');
    await a.screenshot('A-after-reset');

    // The email is free again: the same person signs up anew…
    await signUp(a, server.url, user, { emailKit: false });
    // …and the QR code of the deleted account is refused for what it is.
    const profileC = await profiles.launch(browser);
    const c = await profileC.openPopup();
    await beginSignIn(c, server.url, user);
    await authenticateWith(
      c,
      'QR code image',
      await fixtureFile(dir, 'deleted-account.png', account.kit.png.bytes),
    );
    // Not a DESIGN §6 message, so not checked word for word: it must say that the account was reset.
    await expectAlert(c, /^This QR code .*\breset\b/);
    await c.screenshot('C-error-reset-account');
  });

  test('sign out from Settings', async () => {
    await a.reload();
    await expectHome(a);
    await openSettings(a);
    await a.click('Sign out');
    await a.heading('Sign out');
    await a.screenshot('A-sign-out');
    await a.click('Sign out');
    await a.heading('Latchkey');
    await expectControl(a, 'Create account');
    expect(await phaseOf(a)).toBe('signed-out');
  });
});

/**
 * The vault key as the background holds it while unlocked: storage.session's custody record
 * (lib/session/key-custody.ts), read with the background's own decoder (lib/account-service/unlocked-keys.ts).
 * Until the vault's items arrive (issue 5), this is how "nothing was lost" is seen from outside.
 */
async function vaultKeyIn(page: ExtensionPage): Promise<string> {
  const record = (await page.sessionStorage())[KEYS_STORAGE_KEY] as { keys?: StoredKeys } | undefined;
  if (record?.keys === undefined) throw new Error('no unlocked keys in storage.session');
  return Buffer.from(restoreKeys(record.keys).vaultKey).toString('hex');
}
