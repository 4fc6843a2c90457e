import { describe, expect, test } from 'vitest';
import { AppModel, DEFAULT_SERVER_URL } from '../../../../entrypoints/popup/models/app-model';
import type { AccountStatus } from '../../../../lib/messaging/protocol';
import { fail, ok, scriptedBackground, settle } from '../support/scripted-background';
import {
  AUTHENTICATING,
  EMAIL,
  LOCKED,
  SERVER,
  SIGNED_OUT,
  startPopup,
  UNLOCKED,
} from '../support/popup-harness';

const REVOKED = 'This device was signed out from another device.';

describe('AppModel', () => {
  test.each([
    [SIGNED_OUT, 'welcome'],
    [AUTHENTICATING, 'authenticate'],
    [LOCKED, 'unlock'],
    [
      {
        phase: 'password-changed',
        email: EMAIL,
        serverUrl: SERVER,
        notice: {
          kind: 'password-changed',
          message: 'Your password was changed on another device. Enter your new password.',
        },
      } satisfies AccountStatus,
      'unlock',
    ],
    [UNLOCKED, 'home'],
  ] as const)('opens on the screen for phase %#', async (status, screen) => {
    const { deps } = await startPopup(status);
    expect(deps.app.route.value.screen).toBe(screen);
    expect(deps.app.status.value).toEqual(status);
  });

  test('shows the loading error and recovers on retry when the background does not answer', async () => {
    const background = scriptedBackground({
      'status.get': () =>
        fail('internal', "Latchkey's background stopped responding. Close and reopen the popup."),
    });
    const app = new AppModel(background.send);
    await app.start();
    expect(app.route.value.screen).toBe('loading');
    expect(app.loading.error.value?.message).toBe(
      "Latchkey's background stopped responding. Close and reopen the popup.",
    );
    background.script['status.get'] = () => ok(SIGNED_OUT);
    await app.refresh();
    expect(app.route.value.screen).toBe('welcome');
    expect(app.loading.error.value).toBeNull();
  });

  test('prefills server and email from the last sign-in, else the local default server', async () => {
    expect((await startPopup(SIGNED_OUT)).deps.app.defaults.value).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      email: '',
    });
    const remembered = await startPopup({
      ...SIGNED_OUT,
      lastServerUrl: 'https://sync.example.com',
      lastEmail: EMAIL,
    });
    expect(remembered.deps.app.defaults.value).toEqual({
      serverUrl: 'https://sync.example.com',
      email: EMAIL,
    });
    expect((await startPopup(LOCKED)).deps.app.defaults.value).toEqual({ serverUrl: SERVER, email: EMAIL });
  });

  test('shows the status notice, and a notice of its own after go() clears it', async () => {
    const { deps } = await startPopup({ ...SIGNED_OUT, notice: { kind: 'revoked', message: REVOKED } });
    expect(deps.app.notice.value).toBe(REVOKED);
    deps.app.welcome('Your account was reset.');
    expect(deps.app.notice.value).toBe('Your account was reset.');
    deps.app.go({ screen: 'sign-in' });
    expect(deps.app.notice.value).toBe(REVOKED);
  });

  test('follows a failure that means the account moved: revoked → welcome with the notice', async () => {
    const { deps, background } = await startPopup(UNLOCKED);
    deps.app.go({ screen: 'settings' });
    background.script['status.get'] = () =>
      ok({ ...SIGNED_OUT, notice: { kind: 'revoked', message: REVOKED } });
    deps.app.followFailure({ code: 'session-revoked', message: REVOKED });
    await settle();
    expect(deps.app.route.value.screen).toBe('welcome');
    expect(deps.app.notice.value).toBe(REVOKED);
  });

  test('does not re-route on an ordinary failure (wrong password, network)', async () => {
    const { deps, background } = await startPopup(UNLOCKED);
    deps.app.go({ screen: 'change-password' });
    deps.app.followFailure({ code: 'wrong-password', message: 'Incorrect password' });
    deps.app.followFailure({ code: 'network', message: 'The server cannot be reached.' });
    await settle();
    expect(deps.app.route.value.screen).toBe('change-password');
    expect(background.callsOf('status.get')).toHaveLength(1);
  });

  test('reports activity only while unlocked, at most once per 20 s', async () => {
    let now = 1_000_000;
    const locked = await startPopup(LOCKED, { 'activity.touch': () => ok({ lockAt: null }) }, () => now);
    locked.deps.app.activity();
    expect(locked.background.callsOf('activity.touch')).toHaveLength(0);

    const { deps, background } = await startPopup(
      UNLOCKED,
      { 'activity.touch': () => ok({ lockAt: null }) },
      () => now,
    );
    deps.app.activity();
    now += 19_999;
    deps.app.activity();
    expect(background.callsOf('activity.touch')).toHaveLength(1);
    now += 1;
    deps.app.activity();
    expect(background.callsOf('activity.touch')).toHaveLength(2);
  });

  test('routes after the kit by why it was shown', async () => {
    const { deps } = await startPopup(UNLOCKED);
    deps.app.afterKit('sign-up');
    expect(deps.app.route.value).toEqual({ screen: 'recovery-kit', from: 'sign-up' });
    deps.app.afterKit('password-change');
    expect(deps.app.route.value).toEqual({ screen: 'settings' });
    deps.app.afterKit('recovery');
    expect(deps.app.route.value).toEqual({ screen: 'home' });
  });
});
