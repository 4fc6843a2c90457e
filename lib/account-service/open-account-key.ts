import {
  deriveLoginSecret,
  derivePasswordKey,
  deriveUnlockKey,
  unwrapAccountKeyForDevices,
  unwrapVaultKey,
} from '../account/key-hierarchy';
import { fromBase64url } from '../encoding/base64url';
import { kdfOf, keyContextOf, type DeviceState } from './device-state';
import type { UnlockedKeys } from './unlocked-keys';

/** The keys a password opens on this device, and the Account Key they come from (for kits and re-keying). */
export interface OpenedAccount {
  pwk: Uint8Array;
  accountKey: Uint8Array;
  keys: UnlockedKeys;
}

/**
 * Opens this device's keys with the password, locally: exactly one Argon2id (PWK), then HKDFs and two AEAD
 * opens. Throws WrongPasswordError when the password does not open the devices' box.
 */
export async function openAccount(state: DeviceState, password: string): Promise<OpenedAccount> {
  const ctx = keyContextOf(state);
  const pwk = await derivePasswordKey(password, kdfOf(state));
  const accountKey = await unwrapAccountKeyForDevices(
    pwk,
    fromBase64url(state.deviceSecret),
    fromBase64url(state.accountKeyForDevices),
    ctx,
  );
  // The box just vouched for PWK and the AK, so a vault key that does not open is a damaged state, not a wrong
  // password: unwrapVaultKey's WrongPasswordError would mislead the user into retyping.
  const vaultKey = await unwrapVaultKey(
    deriveUnlockKey(pwk, accountKey),
    fromBase64url(state.wrappedVaultKey),
    ctx,
  ).catch((error: unknown) => {
    throw new Error('The stored vault key does not open with the Account Key of this device', {
      cause: error,
    });
  });
  return { pwk, accountKey, keys: { vaultKey, loginSecret: deriveLoginSecret(pwk, accountKey) } };
}

/** Unlock (DESIGN §1): the password alone, on a device already authenticated. No network. */
export async function unlock(state: DeviceState, password: string): Promise<UnlockedKeys> {
  return (await openAccount(state, password)).keys;
}
