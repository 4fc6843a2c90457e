import { describe, expect, test } from 'vitest';
import type { AccountStatus } from '../../../../lib/messaging/protocol';
import {
  PASSWORD_CHANGED_NOTICE,
  UNLOCK_PASSWORD_FIELD,
  UnlockModel,
} from '../../../../entrypoints/popup/models/unlock-model';
import { HomeModel } from '../../../../entrypoints/popup/models/home-model';
import { fail, ok, settle } from '../support/scripted-background';
import {
  EMAIL,
  LOCKED,
  SERVER,
  SIGNED_OUT,
  startPopup,
  STRONG_PASSWORD,
  UNLOCKED,
} from '../support/popup-harness';

const PASSWORD_CHANGED: AccountStatus = {
  phase: 'password-changed',
  email: EMAIL,
  serverUrl: SERVER,
  notice: { kind: 'password-changed', message: PASSWORD_CHANGED_NOTICE },
};

describe('UnlockModel', () => {
  test('unlocks with the password and opens home; the password leaves the model', async () => {
    const { deps, background } = await startPopup(LOCKED, { unlock: () => ok(UNLOCKED) });
    const model = new UnlockModel(deps);
    expect(model.email.value).toBe(EMAIL);
    expect(model.label.value).toBe('Password');
    model.password.value = STRONG_PASSWORD;
    await model.submit();
    expect(background.callsOf('unlock')).toEqual([{ password: STRONG_PASSWORD }]);
    expect(deps.app.route.value.screen).toBe('home');
    expect(model.password.value).toBe('');
  });

  test('says "Incorrect password" on the password field and keeps what was typed', async () => {
    const { deps } = await startPopup(LOCKED, { unlock: () => fail('wrong-password', 'Incorrect password') });
    const model = new UnlockModel(deps);
    model.password.value = 'not it at all';
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'wrong-password',
      message: 'Incorrect password',
      field: UNLOCK_PASSWORD_FIELD,
    });
    expect(model.password.value).toBe('not it at all');
    expect(deps.app.route.value.screen).toBe('unlock');
  });

  test('after a password change elsewhere, asks for the NEW password with the DESIGN §6 notice', async () => {
    const { deps } = await startPopup(PASSWORD_CHANGED);
    const model = new UnlockModel(deps);
    expect(model.passwordChanged.value).toBe(true);
    expect(model.label.value).toBe('New password');
    expect(model.notice.value).toBe('Your password was changed on another device. Enter your new password.');
  });

  test('learns of the password change from the unlock answer and switches to "New password"', async () => {
    const { deps, background } = await startPopup(LOCKED, {
      unlock: () => fail('password-changed', PASSWORD_CHANGED_NOTICE),
    });
    background.script['status.get'] = () => ok(PASSWORD_CHANGED);
    const model = new UnlockModel(deps);
    model.password.value = 'the old password';
    await model.submit();
    await settle();
    expect(model.label.value).toBe('New password');
    expect(deps.app.route.value.screen).toBe('unlock');
    // Said once, in the alert, not again in the notice above the field.
    expect(model.task.error.value?.message).toBe(PASSWORD_CHANGED_NOTICE);
    expect(model.notice.value).toBeNull();
  });

  test('a revoked device goes to welcome with the notice', async () => {
    const revoked = 'This device was signed out from another device.';
    const { deps, background } = await startPopup(LOCKED, { unlock: () => fail('session-revoked', revoked) });
    background.script['status.get'] = () =>
      ok({ ...SIGNED_OUT, notice: { kind: 'revoked', message: revoked } });
    const model = new UnlockModel(deps);
    model.password.value = STRONG_PASSWORD;
    await model.submit();
    await settle();
    expect(deps.app.route.value.screen).toBe('welcome');
    expect(deps.app.notice.value).toBe(revoked);
  });

  test('asks for a password before sending, and "Forgot password?" opens the choices', async () => {
    const { deps, background } = await startPopup(LOCKED);
    const model = new UnlockModel(deps);
    await model.submit();
    expect(model.task.error.value?.message).toBe('Enter your password');
    expect(background.callsOf('unlock')).toHaveLength(0);
    model.forgot();
    expect(deps.app.route.value.screen).toBe('forgot-password');
  });
});

describe('HomeModel', () => {
  test('shows the account and locks', async () => {
    const { deps, background } = await startPopup(UNLOCKED, { lock: () => ok(LOCKED) });
    const model = new HomeModel(deps);
    expect(model.email.value).toBe(EMAIL);
    await model.lock();
    expect(background.callsOf('lock')).toHaveLength(1);
    expect(deps.app.route.value.screen).toBe('unlock');
  });
});
