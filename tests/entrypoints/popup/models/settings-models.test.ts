import { describe, expect, test } from 'vitest';
import type { DeviceInfo, LockTimeout } from '../../../../lib/messaging/protocol';
import {
  CHANGE_PASSWORD_FIELDS,
  ChangePasswordModel,
  SAME_PASSWORD,
} from '../../../../entrypoints/popup/models/change-password-model';
import { DevicesModel } from '../../../../entrypoints/popup/models/devices-model';
import { KIT_EMAIL_NOT_SENT, ReauthModel } from '../../../../entrypoints/popup/models/reauth-model';
import { parseLockTimeout, SettingsModel } from '../../../../entrypoints/popup/models/settings-model';
import { SignOutModel } from '../../../../entrypoints/popup/models/sign-out-model';
import { fail, ok } from '../support/scripted-background';
import { kitArtifacts, SIGNED_OUT, startPopup, STRONG_PASSWORD, UNLOCKED } from '../support/popup-harness';

const THIS_DEVICE: DeviceInfo = {
  id: '6f1c2b1e-1f6e-4c56-9a8e-2b8f1e0d9c11',
  name: 'Chrome on Linux',
  kind: 'full',
  createdAt: '2026-11-01T10:00:00Z',
  lastSeenAt: '2026-11-21T10:00:00Z',
  current: true,
};
const OTHER_DEVICE: DeviceInfo = {
  ...THIS_DEVICE,
  id: '1d2b7a8c-5e4f-4a3b-8c2d-9e0f1a2b3c4d',
  name: 'Firefox on Windows',
  current: false,
};

describe('SettingsModel', () => {
  test('maps the select’s values back to lock timeouts and refuses others', () => {
    expect(parseLockTimeout('browser-restart')).toBe('browser-restart');
    expect(parseLockTimeout('15')).toBe(15);
    expect(parseLockTimeout('never')).toBe('never');
    expect(parseLockTimeout('2')).toBeNull();
  });

  test('saves a timer choice at once, but "Never" only after the risk is confirmed', async () => {
    const saved: LockTimeout[] = [];
    const { deps, background } = await startPopup(UNLOCKED, {
      'settings.setLockTimeout': ({ lockTimeout }) => {
        saved.push(lockTimeout);
        return ok({ ...UNLOCKED, lockTimeout });
      },
    });
    const model = new SettingsModel(deps, null);
    await model.chooseLockTimeout('5');
    expect(model.lockTimeout.value).toBe(5);
    await model.chooseLockTimeout('never');
    expect(model.confirmingNever.value).toBe(true);
    expect(saved).toEqual([5]);
    model.cancelNever();
    expect(model.lockTimeout.value).toBe(5);
    await model.chooseLockTimeout('never');
    await model.confirmNever();
    expect(saved).toEqual([5, 'never']);
    expect(model.lockTimeout.value).toBe('never');
    expect(background.callsOf('settings.setLockTimeout')).toHaveLength(2);
  });
});

describe('ReauthModel', () => {
  test('"Show my QR code" makes a fresh kit without email and shows it', async () => {
    const kit = await kitArtifacts(null);
    const { deps, background } = await startPopup(UNLOCKED, { 'kit.make': () => ok(kit) });
    const model = new ReauthModel(deps, 'show-qr');
    model.password.value = STRONG_PASSWORD;
    await model.submit();
    expect(background.callsOf('kit.make')).toEqual([{ password: STRONG_PASSWORD, sendEmail: false }]);
    expect(deps.app.route.value).toEqual({ screen: 'kit', kit, reason: 'show' });
  });

  test('"Email me my kit" goes back to settings saying where it went, or says it failed', async () => {
    const { deps, background } = await startPopup(UNLOCKED, {
      'kit.make': async () => ok(await kitArtifacts(true)),
    });
    const model = new ReauthModel(deps, 'email-kit');
    model.password.value = STRONG_PASSWORD;
    await model.submit();
    expect(background.callsOf('kit.make')).toEqual([{ password: STRONG_PASSWORD, sendEmail: true }]);
    expect(deps.app.route.value).toEqual({ screen: 'settings', flash: 'Email sent to j•••@example.com' });

    background.script['kit.make'] = async () => ok(await kitArtifacts(false));
    const again = new ReauthModel(deps, 'email-kit');
    again.password.value = STRONG_PASSWORD;
    await again.submit();
    expect(again.task.error.value?.message).toBe(KIT_EMAIL_NOT_SENT);
  });

  test('a wrong password is said on the password field', async () => {
    const { deps } = await startPopup(UNLOCKED, {
      'kit.make': () => fail('wrong-password', 'Incorrect password'),
    });
    const model = new ReauthModel(deps, 'show-qr');
    model.password.value = 'wrong';
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'wrong-password',
      message: 'Incorrect password',
      field: 'reauth-password',
    });
  });
});

describe('ChangePasswordModel', () => {
  test('changes the password and shows the new kit', async () => {
    const kit = await kitArtifacts(true);
    const { deps, background } = await startPopup(UNLOCKED, { 'password.change': () => ok(kit) });
    const model = new ChangePasswordModel(deps);
    model.current.value = STRONG_PASSWORD;
    model.setNext('quartz lantern meadow fjord');
    model.confirm.value = 'quartz lantern meadow fjord';
    await model.submit();
    expect(background.callsOf('password.change')).toEqual([
      { currentPassword: STRONG_PASSWORD, newPassword: 'quartz lantern meadow fjord', emailKit: true },
    ]);
    expect(deps.app.route.value).toEqual({ screen: 'kit', kit, reason: 'password-change' });
  });

  test('refuses the same password, a weak one and a mismatch; a wrong current one lands on its field', async () => {
    const { deps, background } = await startPopup(UNLOCKED, {
      'password.change': () => fail('wrong-password', 'Incorrect password'),
    });
    const model = new ChangePasswordModel(deps);
    model.current.value = STRONG_PASSWORD;
    model.setNext(STRONG_PASSWORD);
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'input',
      message: SAME_PASSWORD,
      field: CHANGE_PASSWORD_FIELDS.next,
    });
    model.setNext('qwertyuiop12');
    await model.submit();
    expect(model.task.error.value?.field).toBe(CHANGE_PASSWORD_FIELDS.next);
    model.setNext('quartz lantern meadow fjord');
    await model.submit();
    expect(model.task.error.value?.field).toBe(CHANGE_PASSWORD_FIELDS.confirm);
    expect(background.callsOf('password.change')).toHaveLength(0);
    model.confirm.value = 'quartz lantern meadow fjord';
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'wrong-password',
      message: 'Incorrect password',
      field: CHANGE_PASSWORD_FIELDS.current,
    });
  });
});

describe('DevicesModel', () => {
  test('lists devices and revokes another one only after confirmation', async () => {
    const { deps, background } = await startPopup(UNLOCKED, {
      'devices.list': () => ok([THIS_DEVICE, OTHER_DEVICE]),
      'devices.revoke': () => ok([THIS_DEVICE]),
    });
    const model = new DevicesModel(deps);
    await model.load();
    expect(model.others.value).toEqual([OTHER_DEVICE]);
    model.askRevoke(THIS_DEVICE);
    expect(model.confirming.value).toBeNull();
    model.askRevoke(OTHER_DEVICE);
    expect(model.confirming.value).toEqual(OTHER_DEVICE);
    expect(background.callsOf('devices.revoke')).toHaveLength(0);
    await model.confirmRevoke();
    expect(background.callsOf('devices.revoke')).toEqual([{ id: OTHER_DEVICE.id }]);
    expect(model.devices.value).toEqual([THIS_DEVICE]);
    expect(model.confirming.value).toBeNull();
  });
});

describe('SignOutModel', () => {
  test('with nothing unsynced, a plain sign-out', async () => {
    const { deps, background } = await startPopup(UNLOCKED, {
      'account.unsyncedChanges': () => ok([]),
      'account.signOut': () => ok(SIGNED_OUT),
    });
    const model = new SignOutModel(deps);
    await model.load();
    expect(model.unsynced.value).toEqual([]);
    await model.confirm();
    expect(background.callsOf('account.signOut')).toEqual([{ discardUnsynced: false }]);
    expect(deps.app.route.value.screen).toBe('welcome');
  });

  test('lists unsynced changes and discards them only on confirmation; a newer list replaces the old', async () => {
    const first = [{ id: 'a', title: 'GitHub', changedAt: '2026-11-21T10:00:00Z' }];
    const newer = [...first, { id: 'b', title: 'Bank', changedAt: '2026-11-21T10:01:00Z' }];
    const { deps, background } = await startPopup(UNLOCKED, {
      'account.unsyncedChanges': () => ok(first),
      'account.signOut': () =>
        fail('unsynced-changes', 'Some changes have not been synced.', { unsynced: newer }),
    });
    const model = new SignOutModel(deps);
    await model.load();
    expect(model.unsynced.value).toEqual(first);
    await model.confirm();
    expect(background.callsOf('account.signOut')).toEqual([{ discardUnsynced: true }]);
    expect(model.unsynced.value).toEqual(newer);
    expect(deps.app.route.value.screen).toBe('home');
  });
});
