import type { Credentials } from './accounts';
import {
  STEP_TIMEOUT_MS,
  expectAlert,
  expectControl,
  waitFor,
  type DownloadedFile,
  type ExtensionPage,
} from './extension-page';

/**
 * The popup's screens walked as a user walks them, with the accessible names of the UI contract (issue 4).
 * Each step waits for the screen it leads to and takes its screenshot; `shots` prefixes the screenshot names
 * with the profile (A, B…) so the artifacts read as a story.
 */

/** Sign-up and its Authentication Kit are the slowest steps: Argon2id, then the heavier QR KDF. */
const KDF_TIMEOUT_MS = 45_000;

export interface KitDownloads {
  png: DownloadedFile;
  pdf: DownloadedFile;
  keyFile: DownloadedFile;
}

export interface RecoveryKit {
  pdf: DownloadedFile;
  /** The two codes the screen shows (and the PDF prints), for typing them in. */
  accountKey: string;
  recoveryCode: string;
}

export interface SignUpResult {
  kit: KitDownloads;
  recovery: RecoveryKit | null;
}

export async function signUp(
  page: ExtensionPage,
  serverUrl: string,
  user: Credentials,
  options: { emailKit?: boolean; recoveryKit?: boolean; shots?: string } = {},
): Promise<SignUpResult> {
  const shot = shooter(page, options.shots);
  await page.heading('Latchkey');
  await expectControl(page, 'Create account');
  await shot('welcome');
  await page.click('Create account');
  await page.heading('Create account');
  await page.fill('Email', user.email);
  await page.fill('Password', user.password);
  await page.fill('Confirm password', user.password);
  await page.fill('Server', serverUrl);
  if (options.emailKit === false) await page.uncheck('Email me my kit');
  else await page.check('Email me my kit');
  await shot('create-account');
  await page.click('Create account');
  await page.heading('Your Authentication Kit', KDF_TIMEOUT_MS);
  await shot('kit');
  const kit = await downloadKit(page);
  await page.check('I have saved my kit');
  await page.click('Continue');

  await page.heading('Recovery Kit');
  await shot('recovery-offer');
  let recovery: RecoveryKit | null = null;
  if (options.recoveryKit) {
    await page.click('Create Recovery Kit');
    await page.fill('Password', user.password);
    await shot('recovery-password');
    await page.click('Create Recovery Kit');
    await page.heading('Your Recovery Kit', KDF_TIMEOUT_MS);
    await shot('recovery-kit');
    const codes = recoveryCodesIn(await page.text());
    recovery = { ...codes, pdf: await page.download(() => page.click('Download Recovery Kit PDF')) };
    await page.check('I have saved my Recovery Kit');
    await page.click('Continue');
  } else {
    await page.click('Not now');
  }
  await expectHome(page);
  await shot('home');
  return { kit, recovery };
}

/** The screen lists "Account Key" and "Recovery code", each followed by its value on the next line. */
function recoveryCodesIn(text: string): { accountKey: string; recoveryCode: string } {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const after = (label: string) => {
    const value = lines[lines.indexOf(label) + 1];
    if (!lines.includes(label) || value === undefined)
      throw new Error(`no "${label}" on the Recovery Kit screen`);
    return value;
  };
  return { accountKey: after('Account Key'), recoveryCode: after('Recovery code') };
}

/** On the kit screen: the three downloads. */
export async function downloadKit(page: ExtensionPage): Promise<KitDownloads> {
  const png = await page.download(() => page.click('Download PNG'));
  const pdf = await page.download(() => page.click('Download printable PDF'));
  const keyFile = await page.download(() => page.click('Save key file'));
  return { png, pdf, keyFile };
}

/** Welcome → Sign in → email, password, server → "Authenticate this device". */
export async function beginSignIn(
  page: ExtensionPage,
  serverUrl: string,
  user: Credentials,
  shots?: string,
): Promise<void> {
  const shot = shooter(page, shots);
  await page.heading('Latchkey');
  await page.click('Sign in');
  await page.heading('Sign in');
  await page.fill('Email', user.email);
  await page.fill('Password', user.password);
  await page.fill('Server', serverUrl);
  await shot('sign-in');
  await page.click('Continue');
  await page.heading('Authenticate this device');
  await shot('authenticate');
}

export type KitInput = 'QR code image' | 'Kit PDF' | 'Key file';

/** On "Authenticate this device": hands the file to one of the hidden inputs. */
export async function authenticateWith(page: ExtensionPage, input: KitInput, file: string): Promise<void> {
  await page.upload(input, file);
}

/** Waits for the unlocked home screen (its heading is "Latchkey", like Welcome's; "Lock" tells them apart). */
export async function expectHome(page: ExtensionPage, timeoutMs = KDF_TIMEOUT_MS): Promise<void> {
  await page.heading('Latchkey', timeoutMs);
  await expectControl(page, 'Lock', timeoutMs);
}

/** A whole sign-in on a new device with one kit file, ending unlocked on the home screen. */
export async function signInWith(
  page: ExtensionPage,
  serverUrl: string,
  user: Credentials,
  input: KitInput,
  file: string,
  shots?: string,
): Promise<void> {
  await beginSignIn(page, serverUrl, user, shots);
  await authenticateWith(page, input, file);
  await expectHome(page);
}

/** A sign-in that must fail with exactly `message` (DESIGN §6) and leave the user on the same screen. */
export async function expectSignInError(
  page: ExtensionPage,
  input: KitInput,
  file: string,
  message: string,
  options: { prefix?: boolean; shot?: string } = {},
): Promise<void> {
  await authenticateWith(page, input, file);
  await expectAlert(page, message, { prefix: options.prefix, timeoutMs: KDF_TIMEOUT_MS });
  await page.heading('Authenticate this device');
  if (options.shot) await page.screenshot(options.shot);
}

/** Signs out through the protocol (the UI path is its own test), then shows Welcome. */
export async function signOutQuietly(page: ExtensionPage): Promise<void> {
  const answer = await page.send('account.signOut', { discardUnsynced: true });
  if (!answer.ok) throw new Error(`sign-out failed: ${answer.error.message}`);
  await page.reload();
  await page.heading('Latchkey');
  await expectControl(page, 'Create account');
}

/**
 * Brings a profile back to Welcome whatever a failed test left behind (a sign-in waiting for its kit, or an
 * account), so the next test starts where it says it does.
 */
export async function backToWelcome(page: ExtensionPage): Promise<void> {
  const phase = await phaseOf(page);
  if (phase === 'signed-out' && (await page.hasControl('Create account'))) return;
  if (phase === 'authenticating') await page.send('signIn.cancel', {});
  else if (phase !== 'signed-out') await page.send('account.signOut', { discardUnsynced: true });
  await page.reload();
  await page.heading('Latchkey');
  await expectControl(page, 'Create account');
}

/** Cancels a sign-in that stopped at "Authenticate this device". */
export async function cancelSignIn(page: ExtensionPage): Promise<void> {
  await page.click('Cancel');
  await page.heading('Latchkey');
  await expectControl(page, 'Create account');
}

export async function lock(page: ExtensionPage): Promise<void> {
  await page.click('Lock');
  await page.heading('Unlock');
}

/** Unlock with `password` in the field labelled `label` ("Password", or "New password" after a change). */
export async function unlock(page: ExtensionPage, password: string, label = 'Password'): Promise<void> {
  await page.heading('Unlock');
  await page.fill(label, password);
  await page.click('Unlock');
  await expectHome(page);
}

export async function openSettings(page: ExtensionPage): Promise<void> {
  await page.click('Settings');
  await page.heading('Settings');
}

/** Settings → Change password → the new kit (downloaded) → back in Settings. */
export async function changePassword(
  page: ExtensionPage,
  current: string,
  next: string,
  shots?: string,
): Promise<KitDownloads> {
  const shot = shooter(page, shots);
  await page.click('Change password');
  await page.heading('Change password');
  await page.fill('Current password', current);
  await page.fill('New password', next);
  await page.fill('Confirm new password', next);
  await page.uncheck('Email me my new kit');
  await shot('change-password');
  await page.click('Change password');
  await page.heading('Your Authentication Kit', KDF_TIMEOUT_MS);
  await shot('new-kit');
  const kit = await downloadKit(page);
  await page.check('I have saved my kit');
  await page.click('Continue');
  await page.heading('Settings');
  return kit;
}

/** Where the account stands, from the background (status.get). */
export async function phaseOf(page: ExtensionPage): Promise<string> {
  const status = await page.send('status.get', {});
  if (!status.ok) throw new Error(`status.get failed: ${status.error.message}`);
  return status.value.phase;
}

export async function expectPhase(
  page: ExtensionPage,
  phase: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  let last = '';
  try {
    await waitFor(
      `phase ${phase}`,
      async () => ((last = await phaseOf(page)) === phase ? true : undefined),
      timeoutMs,
    );
  } catch {
    throw new Error(`expected the account to be ${phase}, it is ${last}`);
  }
}

function shooter(page: ExtensionPage, prefix: string | undefined): (screen: string) => Promise<void> {
  return async (screen) => {
    if (prefix !== undefined) await page.screenshot(`${prefix}-${screen}`);
  };
}
