import type { DeviceState } from '../account-service/device-state';
import type { AccountStatus, Notice } from '../messaging/protocol';
import type { DeviceStore } from './device-store';
import type { HeldKeys, KeyCustody } from './key-custody';
import type { NoticeStore } from './notice-store';
import type { PendingSignInSlot } from './pending-sign-in';
import type { SettingsStore } from './settings-store';

/**
 * Where the account stands, as the popup is told (protocol AccountStatus). Derived every time from what is
 * stored and what custody holds, never kept as a variable, so a restarted worker cannot disagree with its data.
 */

/** DESIGN §6, word for word. */
export const PASSWORD_CHANGED_NOTICE: Notice = {
  kind: 'password-changed',
  message: 'Your password was changed on another device. Enter your new password.',
};
export const REVOKED_NOTICE: Notice = {
  kind: 'revoked',
  message: 'This device was signed out from another device.',
};

export interface StatusSources {
  store: DeviceStore;
  pending: PendingSignInSlot;
  notices: NoticeStore;
  custody: KeyCustody;
  settings: SettingsStore;
}

export async function readAccountStatus(sources: StatusSources): Promise<AccountStatus> {
  const { store, pending, notices, custody, settings } = sources;
  const device = await store.get();
  if (device === null) {
    const started = pending.get();
    if (started) return { phase: 'authenticating', email: started.email, serverUrl: started.serverUrl };
    const last = await store.lastAccount();
    return {
      phase: 'signed-out',
      notice: await notices.peek(),
      lastServerUrl: last?.serverUrl ?? null,
      lastEmail: last?.email ?? null,
    };
  }
  const { email, serverUrl } = device;
  if (await store.passwordChanged()) {
    return { phase: 'password-changed', email, serverUrl, notice: PASSWORD_CHANGED_NOTICE };
  }
  const notice = await notices.peek();
  if (!keysMatch(custody.held, device)) return { phase: 'locked', email, serverUrl, notice };
  return {
    phase: 'unlocked',
    email,
    serverUrl,
    accountId: device.accountId,
    hasRecovery: device.hasRecovery,
    lockTimeout: (await settings.get()).lockTimeout,
    keyEpochSince: device.keyEpochSince,
    notice,
  };
}

/** Keys belong to the stored account and its current key epoch (never another account's, or older ones). */
export function keysMatch(held: HeldKeys | null, device: DeviceState | null): held is HeldKeys {
  return (
    held !== null &&
    device !== null &&
    held.accountId === device.accountId &&
    held.keyEpoch === device.keyEpoch
  );
}
