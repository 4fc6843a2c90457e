import { describe, expect, test } from 'vitest';
import { makeKeyFile } from '../../../../lib/account/key-file';
import { qrToPngBytes } from '../../../../lib/qr/make';
import { AuthenticateModel } from '../../../../entrypoints/popup/models/authenticate-model';
import { SIGN_IN_FIELDS, SignInModel } from '../../../../entrypoints/popup/models/sign-in-model';
import { blankPng } from '../support/node-kit-files';
import { fail, ok, settle } from '../support/scripted-background';
import {
  AUTHENTICATING,
  EMAIL,
  kitPayload,
  SERVER,
  SIGNED_OUT,
  startPopup,
  STRONG_PASSWORD,
  UNLOCKED,
} from '../support/popup-harness';

const OUTDATED =
  'This QR code is outdated: it was created before your password was changed on November 21, 2026. Use the newest one.';

function file(data: Uint8Array | string, name: string, type: string): File {
  return new File([typeof data === 'string' ? data : new Uint8Array(data)], name, { type });
}

describe('SignInModel', () => {
  test('begins the sign-in and moves to "Authenticate this device"', async () => {
    const { deps, background } = await startPopup(SIGNED_OUT, { 'signIn.begin': () => ok(AUTHENTICATING) });
    const model = new SignInModel(deps);
    model.email.value = EMAIL;
    model.password.value = STRONG_PASSWORD;
    await model.submit();
    expect(background.callsOf('signIn.begin')).toEqual([
      { serverUrl: SERVER, email: EMAIL, password: STRONG_PASSWORD },
    ]);
    expect(deps.app.route.value.screen).toBe('authenticate');
  });

  test('asks for what is missing, and shows an unreachable server on the Server field', async () => {
    const { deps, background } = await startPopup(SIGNED_OUT, {
      'signIn.begin': () => fail('network', 'The server at 127.0.0.1:8787 cannot be reached.'),
    });
    const model = new SignInModel(deps);
    model.email.value = EMAIL;
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'input',
      message: 'Enter your password',
      field: SIGN_IN_FIELDS.password,
    });
    expect(background.callsOf('signIn.begin')).toHaveLength(0);
    model.password.value = STRONG_PASSWORD;
    await model.submit();
    expect(model.task.error.value?.field).toBe(SIGN_IN_FIELDS.server);
    expect(deps.app.route.value.screen).toBe('welcome');
  });
});

describe('AuthenticateModel', () => {
  test('reads the QR from an image and authenticates with its text (source qr-image)', async () => {
    const payload = await kitPayload();
    const { deps, background } = await startPopup(AUTHENTICATING, {
      'signIn.authenticate': () => ok(UNLOCKED),
    });
    const model = new AuthenticateModel(deps);
    expect(model.email.value).toBe(EMAIL);
    await model.fromImage(file(await qrToPngBytes(payload), 'kit.png', 'image/png'));
    expect(background.callsOf('signIn.authenticate')).toEqual([{ kitText: payload, source: 'qr-image' }]);
    expect(deps.app.route.value.screen).toBe('home');
  });

  test('says "No QR code found in this image" with its hint, and asks nothing of the background', async () => {
    const { deps, background } = await startPopup(AUTHENTICATING);
    const model = new AuthenticateModel(deps);
    await model.fromImage(file(blankPng(), 'blank.png', 'image/png'));
    expect(model.task.error.value).toEqual({
      code: 'file',
      message: 'No QR code found in this image',
      hint: 'Try a closer crop, more light, or upload the kit PDF instead.',
    });
    await model.fromPdf(file('just some text', 'notes.txt', 'text/plain'));
    expect(model.task.error.value?.message).toBe(
      'This file is not an image or a PDF. Upload a PNG, JPEG or WebP image, or a PDF.',
    );
    expect(background.callsOf('signIn.authenticate')).toHaveLength(0);
    expect(deps.app.route.value.screen).toBe('authenticate');
  });

  test('shows the background’s DESIGN §6 message exactly (outdated, wrong password)', async () => {
    const payload = await kitPayload();
    const { deps, background } = await startPopup(AUTHENTICATING, {
      'signIn.authenticate': () => fail('outdated', OUTDATED),
    });
    const model = new AuthenticateModel(deps);
    await model.fromImage(file(await qrToPngBytes(payload), 'kit.png', 'image/png'));
    expect(model.task.error.value?.message).toBe(OUTDATED);
    background.script['signIn.authenticate'] = () => fail('wrong-password', 'Incorrect password');
    await model.fromImage(file(await qrToPngBytes(payload), 'kit.png', 'image/png'));
    // The background has dropped the pending password: back to Sign in to type it again, email and server kept.
    const route = deps.app.route.value;
    expect(route).toEqual({
      screen: 'sign-in',
      retry: {
        email: AUTHENTICATING.email,
        serverUrl: AUTHENTICATING.serverUrl,
        message: 'Incorrect password',
      },
    });
  });

  test('passes the key file’s text as is (source key-file) and refuses what cannot be one', async () => {
    const payload = await kitPayload();
    const { deps, background } = await startPopup(AUTHENTICATING, {
      'signIn.authenticate': () => ok(UNLOCKED),
    });
    const model = new AuthenticateModel(deps);
    await model.fromKeyFile(file('x'.repeat(5000), 'big.lkkey', 'text/plain'));
    expect(model.task.error.value?.message).toBe('This file is not a Latchkey key file');
    await model.fromKeyFile(file('  \n', 'empty.lkkey', 'text/plain'));
    expect(model.task.error.value?.message).toBe('This file is not a Latchkey key file');
    expect(background.callsOf('signIn.authenticate')).toHaveLength(0);
    const keyFile = makeKeyFile(payload);
    await model.fromKeyFile(file(keyFile.text, keyFile.fileName, keyFile.mimeType));
    expect(background.callsOf('signIn.authenticate')).toEqual([
      { kitText: keyFile.text, source: 'key-file' },
    ]);
    expect(deps.app.route.value.screen).toBe('home');
  });

  test('opens the camera page in a tab and says to continue there', async () => {
    const harness = await startPopup(AUTHENTICATING);
    const model = new AuthenticateModel(harness.deps);
    await model.scanWithCamera();
    expect(harness.scanTabsOpened).toBe(1);
    expect(model.cameraTabOpen.value).toBe(true);
  });

  test('Cancel ends the sign-in and returns to welcome', async () => {
    const { deps, background } = await startPopup(AUTHENTICATING, { 'signIn.cancel': () => ok(SIGNED_OUT) });
    await new AuthenticateModel(deps).cancel();
    expect(background.callsOf('signIn.cancel')).toHaveLength(1);
    expect(deps.app.route.value.screen).toBe('welcome');
  });

  test('a sign-in that expired in the background sends the popup back to where the account is', async () => {
    const payload = await kitPayload();
    const { deps, background } = await startPopup(AUTHENTICATING, {
      'signIn.authenticate': () => fail('no-sign-in-in-progress', 'This sign-in expired. Start again.'),
    });
    background.script['status.get'] = () => ok(SIGNED_OUT);
    const model = new AuthenticateModel(deps);
    await model.fromImage(file(await qrToPngBytes(payload), 'kit.png', 'image/png'));
    await settle();
    expect(deps.app.route.value.screen).toBe('welcome');
  });
});
