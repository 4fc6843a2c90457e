import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OutdatedKitError, WrongPasswordError } from '../../../lib/account/errors';
import { parseKit } from '../../../lib/account/kit-payload';
import { changePassword } from '../../../lib/account-service/change-password';
import { checkAccount } from '../../../lib/account-service/check-account';
import { listDevices } from '../../../lib/account-service/devices';
import { makeKit } from '../../../lib/account-service/make-kit';
import { unlock } from '../../../lib/account-service/open-account-key';
import { toProtocolError } from '../../../lib/account-service/protocol-error';
import { signInWithKit } from '../../../lib/account-service/sign-in-with-kit';
import { signUp } from '../../../lib/account-service/sign-up';
import { unlockAfterPasswordChange } from '../../../lib/account-service/unlock-after-password-change';
import { apiFailure, failure, startServiceServer, uniqueEmail, type ServiceServer } from './service-server';

const OLD = 'correct horse battery staple';
const NEW = 'Tr0ub4dor&3 is not a passphrase';

/**
 * DESIGN §1 "Change password": the other devices are told on their next contact and ask for the NEW password
 * (mSecure makes them type the old one); old QR codes then fail as outdated, and the new one works.
 */
describe('password change across devices', () => {
  let s: ServiceServer;
  let email: string;
  let deviceA: Awaited<ReturnType<typeof signUp>>;
  let deviceB: Awaited<ReturnType<typeof signInWithKit>>;
  let changed: Awaited<ReturnType<typeof changePassword>>;

  beforeAll(async () => {
    s = await startServiceServer();
    email = uniqueEmail('change');
    deviceA = await signUp({ serverUrl: s.serverUrl, email, password: OLD, emailKit: false }, s.deps('A'));
    deviceB = await signInWithKit(
      { serverUrl: s.serverUrl, email, password: OLD, kitText: deviceA.kit.payloadText, source: 'qr-pdf' },
      s.deps('B'),
    );
  }, 60_000);
  afterAll(() => s?.stop());

  test('a wrong current password changes nothing', async () => {
    const error = await failure(changePassword(deviceA.state, 'not my password', NEW, false, s.deps('A')));
    expect(error).toBeInstanceOf(WrongPasswordError);
    // Both devices still work with the old password.
    await expect(checkAccount(deviceB.state, deviceB.keys, s.deps('B'))).resolves.toMatchObject({
      keyEpoch: 1,
    });
  });

  test('device A changes the password: new epoch, same vault key, a new kit, emailed', async () => {
    // A session older than 10 minutes: the server wants a fresh login for this, which the change makes first.
    s.server.clock.advance(11 * 60_000);
    changed = await changePassword(deviceA.state, OLD, NEW, true, s.deps('A'));
    expect(changed.state.keyEpoch).toBe(2);
    expect(changed.keys.vaultKey).toEqual(deviceA.keys.vaultKey);
    expect(changed.keys.loginSecret).not.toEqual(deviceA.keys.loginSecret);
    expect(changed.state.deviceSecret).toBe(deviceA.state.deviceSecret);
    expect(changed.state.accountKeyForDevices).not.toBe(deviceA.state.accountKeyForDevices);
    expect(parseKit(changed.kit.payloadText).keyEpoch).toBe(2);
    expect(changed.kit.emailed).toBe(true);
    expect(changed.state.token).not.toBe(deviceA.state.token);
    // A stays signed in (its fresh session), and unlocks with the new password only.
    await expect(checkAccount(changed.state, changed.keys, s.deps('A'))).resolves.toMatchObject({
      keyEpoch: 2,
    });
    expect((await unlock(changed.state, NEW)).vaultKey).toEqual(deviceA.keys.vaultKey);
    await expect(unlock(changed.state, OLD)).rejects.toThrow(WrongPasswordError);
    // The server's box is the one A keeps.
    const account = await s.deps().api(s.serverUrl, changed.state.token).call('account');
    expect(account.keyset.accountKeyForDevices).toBe(changed.state.accountKeyForDevices);
    // A's superseded session is gone: the devices list shows this browser once.
    expect((await listDevices(changed.state, s.deps('A'))).map((d) => d.name)).toEqual(['A']);
  });

  test('device B learns it on its next contact: password-changed, in plain words', async () => {
    const error = await apiFailure(checkAccount(deviceB.state, deviceB.keys, s.deps('B')));
    expect(error.code).toBe('password-changed');
    expect(toProtocolError(error)).toEqual({
      code: 'password-changed',
      message: 'Your password was changed on another device. Enter your new password.',
    });
  });

  test('device B does not accept the OLD password', async () => {
    const error = await failure(unlockAfterPasswordChange(deviceB.state, OLD, s.deps('B')));
    expect(error).toBeInstanceOf(WrongPasswordError);
  });

  test('device B accepts the NEW password, with the same vault key, and is signed in again', async () => {
    const after = await unlockAfterPasswordChange(deviceB.state, NEW, s.deps('B'));
    expect(after.keys.vaultKey).toEqual(deviceA.keys.vaultKey);
    expect(after.keys.loginSecret).toEqual(changed.keys.loginSecret);
    expect(after.state).toMatchObject({
      keyEpoch: 2,
      keyEpochSince: changed.state.keyEpochSince,
      accountKeyForDevices: changed.state.accountKeyForDevices,
      kdf: changed.state.kdf,
    });
    await expect(checkAccount(after.state, after.keys, s.deps('B'))).resolves.toMatchObject({ keyEpoch: 2 });
    // From now on B unlocks locally with the new password.
    expect((await unlock(after.state, NEW)).vaultKey).toEqual(deviceA.keys.vaultKey);
    await expect(unlock(after.state, OLD)).rejects.toThrow(WrongPasswordError);
  });

  test('the old QR code is outdated, with the date of the change; the new one works', async () => {
    const outdated = await failure(
      signInWithKit(
        {
          serverUrl: s.serverUrl,
          email,
          password: OLD,
          kitText: deviceA.kit.payloadText,
          source: 'qr-image',
        },
        s.deps('C'),
      ),
    );
    expect(outdated).toBeInstanceOf(OutdatedKitError);
    const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(changed.state.keyEpochSince),
    );
    expect(toProtocolError(outdated)).toEqual({
      code: 'outdated',
      message: `This QR code is outdated: it was created before your password was changed on ${day}. Use the newest one.`,
    });

    const withOldPassword = await failure(
      signInWithKit(
        {
          serverUrl: s.serverUrl,
          email,
          password: OLD,
          kitText: changed.kit.payloadText,
          source: 'qr-image',
        },
        s.deps('C'),
      ),
    );
    expect(withOldPassword).toBeInstanceOf(WrongPasswordError);

    const deviceC = await signInWithKit(
      { serverUrl: s.serverUrl, email, password: NEW, kitText: changed.kit.payloadText, source: 'qr-image' },
      s.deps('C'),
    );
    expect(deviceC.keys.vaultKey).toEqual(deviceA.keys.vaultKey);
  });

  test('"show my QR code" makes a fresh kit of the current epoch, after the password', async () => {
    await expect(makeKit(changed.state, OLD, false, s.deps('A'))).rejects.toThrow(WrongPasswordError);
    const kit = await makeKit(changed.state, NEW, true, s.deps('A'));
    expect(kit.emailed).toBe(true);
    expect(parseKit(kit.payloadText)).toMatchObject({ keyEpoch: 2, accountId: changed.state.accountId });
    const deviceD = await signInWithKit(
      { serverUrl: s.serverUrl, email, password: NEW, kitText: kit.payloadText, source: 'qr-camera' },
      s.deps('D'),
    );
    expect(deviceD.keys.vaultKey).toEqual(deviceA.keys.vaultKey);
  });

  test('a device still at the old epoch cannot change the password: it is told the password changed', async () => {
    // B's state from before the change (epoch 1): the old password still opens it locally, but its session was
    // ended by the change, and that error propagates instead of a fresh login papering over it.
    const stale = await apiFailure(
      changePassword(deviceB.state, OLD, 'yet another password', false, s.deps('B')),
    );
    expect(stale.code).toBe('password-changed');
  });
});
