import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readKeyFile } from '../../lib/account/key-file';
import { newUser, PASSWORDS } from './support/accounts';
import { startE2eServer, type E2eServer } from './support/e2e-server';
import {
  expectAlert,
  expectControl,
  expectStatus,
  type BrowserProfile,
  type ExtensionPage,
} from './support/extension-page';
import { FIREFOX_CAMERA } from './support/firefox-profile';
import { beginSignIn, expectHome, phaseOf, signUp } from './support/popup-flows';
import { useProfiles } from './support/profiles';
import { fixtureFile } from './support/qr-fixtures';
import { qrVideoY4m } from './support/y4m';

/**
 * Issue 4: "Scan with camera" opens the scan page in a tab (popups cannot ask for the camera). Chromium's fake
 * capture device plays a video of the QR code, so the whole path runs: camera, frames, decoder, background.
 * Firefox has no way to play a file as a camera (firefox-profile.ts, FIREFOX_CAMERA), so there the tests
 * cover the page's messages for a denied permission and a missing camera; Chromium covers those too.
 */

const SCAN_HEADING = 'Scan your Authentication QR Code';
const SIGNED_IN = 'This browser is now signed in. You can close this tab.';
const DENIED =
  "Latchkey was not allowed to use the camera. Allow camera access for this page in the browser's site " +
  'settings, or go back and upload an image or PDF of your QR code.';
const NO_CAMERA_PREFIX = 'No camera was found.';
const NOT_LATCHKEY = 'This QR code is not a Latchkey Authentication QR Code';

/** Chromium's fake camera, playing `video` in a loop, with the permission prompt answered "allow". */
const fakeCamera = (video: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
];

describe('the camera scan page', () => {
  const profiles = useProfiles();
  const user = newUser('carmen');
  let server: E2eServer;
  let dir: string;
  let payload: string;

  beforeAll(async () => {
    server = await startE2eServer();
    dir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-camera-'));
    const profileA = await profiles.launchChromium();
    const { kit } = await signUp(await profileA.openPopup(), server.url, user, { emailKit: false });
    payload = readKeyFile(kit.keyFile.bytes.toString('utf8')).payloadText;
    await profiles.close(profileA);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Popup → Sign in → "Scan with camera": the scan tab the popup opens. */
  async function openScanTab(profile: BrowserProfile, password = user.password): Promise<ExtensionPage> {
    const popup = await profile.openPopup();
    await beginSignIn(popup, server.url, { ...user, password });
    const scan = await profile.nextTab(() => popup.click('Scan with camera'));
    await scan.heading(SCAN_HEADING);
    return scan;
  }

  test('Chromium: a wrong password ends the sign-in; then the camera reads the QR code and signs in', async () => {
    const video = await fixtureFile(dir, 'kit.y4m', qrVideoY4m(payload));
    const profile = await profiles.launchChromium(fakeCamera(video));

    const wrong = await openScanTab(profile, PASSWORDS.third);
    await expectAlert(wrong, 'Incorrect password', { timeoutMs: 45_000 });
    // The background dropped the sign-in with the wrong password: scanning again cannot help here.
    expect(await wrong.hasControl('Scan again')).toBe(false);
    await wrong.screenshot('scan-wrong-password');
    await wrong.close();

    const scan = await openScanTab(profile);
    await expectStatus(scan, SIGNED_IN, { timeoutMs: 45_000 });
    await scan.screenshot('scan-signed-in');
    expect(await phaseOf(scan)).toBe('unlocked');
    // The camera is off once the code is read: the video element holds no stream any more.
    expect(await cameraIsOff(scan)).toBe(true);

    const popup = await profile.openPopup();
    await expectHome(popup);
  });

  test('Chromium: another QR code is named as such and scanning goes on', async () => {
    const video = await fixtureFile(dir, 'menu.y4m', qrVideoY4m('https://example.com/menu?table=12'));
    const profile = await profiles.launchChromium(fakeCamera(video));
    const scan = await openScanTab(profile);
    await expectAlert(scan, NOT_LATCHKEY);
    await expectStatus(scan, 'Looking for a QR code…');
    await scan.screenshot('scan-not-latchkey');
    expect(await phaseOf(scan)).toBe('authenticating');
    expect(await cameraIsOff(scan)).toBe(false);
  });

  test('Chromium: a denied camera permission is explained, with the way out', async () => {
    const video = await fixtureFile(dir, 'denied.y4m', qrVideoY4m(payload));
    // --deny-permission-prompts answers the camera prompt "block", as a user clicking Block does.
    const profile = await profiles.launchChromium([
      '--deny-permission-prompts',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    const scan = await openScanTab(profile);
    await expectAlert(scan, DENIED);
    await expectControl(scan, 'Try again');
    await scan.screenshot('scan-denied');
    expect(await phaseOf(scan)).toBe('authenticating');
  });

  test('Chromium: a machine without a camera is told so', async () => {
    const profile = await profiles.launchChromium();
    const scan = await openScanTab(profile);
    await expectAlert(scan, NO_CAMERA_PREFIX, { prefix: true });
    await scan.screenshot('scan-no-camera');
  });

  test('Chromium: opened with no sign-in in progress, the page says where to start', async () => {
    const profile = await profiles.launchChromium();
    // A user who bookmarked the page, or reopened it from the history.
    const scan = await profile.openPage('/scan.html');
    await scan.heading(SCAN_HEADING);
    await expectAlert(scan, 'No sign-in is in progress.', { prefix: true });
    await scan.screenshot('scan-no-sign-in');
  });

  test('Firefox: a denied camera permission is explained, with the way out', async () => {
    const profile = await profiles.launchFirefox(FIREFOX_CAMERA.denied);
    const scan = await openScanTab(profile);
    await expectAlert(scan, DENIED);
    await expectControl(scan, 'Try again');
    await scan.screenshot('scan-denied');
  });

  test('Firefox: a machine without a camera is told so', async () => {
    const profile = await profiles.launchFirefox(FIREFOX_CAMERA.none);
    const scan = await openScanTab(profile);
    await expectAlert(scan, NO_CAMERA_PREFIX, { prefix: true });
    await scan.screenshot('scan-no-camera');
  });
});

/** Whether the scan page holds no live camera track (the camera light is off). */
async function cameraIsOff(scan: ExtensionPage): Promise<boolean> {
  return (await scan.liveVideoTracks()) === 0;
}
