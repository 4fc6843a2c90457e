import { changePassword } from '../../account-service/change-password';
import { listDevices, revokeDevice } from '../../account-service/devices';
import { makeKit } from '../../account-service/make-kit';
import { createRecoveryKit, removeRecoveryKit } from '../../account-service/recovery-kit-setup';
import type { Handlers } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import { ok } from '../result';

/**
 * The settings screen's account actions. All need the vault unlocked (the settings screen is behind the
 * unlock), and those that touch the keys ask for the password again: it opens the Account Key.
 */
export function accountSettingsHandlers(
  session: AccountSession,
): Pick<
  Handlers,
  'kit.make' | 'password.change' | 'devices.list' | 'devices.revoke' | 'recovery.create' | 'recovery.remove'
> {
  /** Runs `body` when unlocked, else answers locked / not-signed-in. */
  function whenUnlocked<T>(body: () => Promise<T>) {
    return session.run(async () => {
      const open = await session.unlocked();
      if ('failure' in open) return open.failure;
      return body();
    });
  }

  return {
    'kit.make': ({ password, sendEmail }) =>
      whenUnlocked(() =>
        session.callSignedIn((device) => makeKit(device, password, sendEmail, session.service())),
      ),

    'password.change': ({ currentPassword, newPassword, emailKit }) =>
      whenUnlocked(async () => {
        const device = await session.device();
        if (device === null) return session.toFailure(new Error('device vanished while unlocked'));
        const weak = await session.refuseWeak(newPassword, device.email);
        if (weak) return weak;
        const changed = await session.callSignedIn((current) =>
          changePassword(current, currentPassword, newPassword, emailKit, session.service()),
        );
        if (!changed.ok) return changed;
        // This browser is the one that changed it: it stays unlocked, under the new epoch's keys.
        await session.becomeUnlocked(changed.value.state, changed.value.keys);
        return ok(changed.value.kit);
      }),

    'devices.list': () =>
      whenUnlocked(() => session.callSignedIn((device) => listDevices(device, session.service()))),

    'devices.revoke': ({ id }) =>
      whenUnlocked(() => session.callSignedIn((device) => revokeDevice(device, id, session.service()))),

    'recovery.create': ({ password }) =>
      whenUnlocked(async () => {
        const made = await session.callSignedIn((device) =>
          createRecoveryKit(device, password, session.service()),
        );
        if (!made.ok) return made;
        await session.deps.store.set(made.value.state);
        return ok(made.value.kit);
      }),

    'recovery.remove': ({ password }) =>
      whenUnlocked(async () => {
        const removed = await session.callSignedIn((device) =>
          removeRecoveryKit(device, password, session.service()),
        );
        if (!removed.ok) return removed;
        await session.deps.store.set(removed.value);
        return session.answerStatus();
      }),
  };
}
