import { WrongPasswordError } from '../account/errors';
import {
  deriveDeviceSecret,
  deriveLoginSecret,
  deriveUnlockKey,
  unwrapAccountKeyForDevices,
  unwrapVaultKey,
  wrapAccountKeyForDevices,
  type KdfSpec,
  type KeyContext,
} from '../account/key-hierarchy';
import type { SessionGrant } from '../api/auth';
import { constantTimeEqual } from '../crypto/constant-time';
import { fromBase64url } from '../encoding/base64url';
import { buildDeviceState, type DeviceState } from './device-state';
import { KeysetMismatchError } from './errors';
import type { UnlockedKeys } from './unlocked-keys';

/**
 * After a login or sign-up that proved the password and the Account Key: opens the grant's keyset and builds
 * the device's state. `kdf` is the spec PWK was derived with (the one that demonstrably works).
 */
export async function keysFromGrant(input: {
  serverUrl: string;
  grant: SessionGrant;
  kdf: KdfSpec;
  pwk: Uint8Array;
  accountKey: Uint8Array;
}): Promise<{ state: DeviceState; keys: UnlockedKeys }> {
  const { grant, pwk, accountKey } = input;
  const ctx = { accountId: grant.accountId, keyEpoch: grant.keyEpoch };
  const wrappedVaultKey = fromBase64url(grant.keyset.wrappedVaultKey);
  let vaultKey: Uint8Array;
  try {
    vaultKey = await unwrapVaultKey(deriveUnlockKey(pwk, accountKey), wrappedVaultKey, ctx);
  } catch (error) {
    // The server just accepted a login derived from the same PWK and AK: not a wrong password.
    if (error instanceof WrongPasswordError) throw new KeysetMismatchError();
    throw error;
  }
  const deviceSecret = deriveDeviceSecret(accountKey);
  const box = await devicesBox(pwk, deviceSecret, accountKey, grant.keyset.accountKeyForDevices, ctx);
  const state = buildDeviceState({
    serverUrl: input.serverUrl,
    email: grant.email,
    accountId: grant.accountId,
    keyEpoch: grant.keyEpoch,
    keyEpochSince: grant.keyEpochSince,
    kdf: input.kdf,
    wrappedVaultKey,
    accountKeyForDevices: box,
    deviceSecret,
    token: grant.token,
    tokenExpiresAt: grant.expiresAt,
    hasRecovery: grant.hasRecovery,
  });
  return { state, keys: { vaultKey, loginSecret: deriveLoginSecret(pwk, accountKey) } };
}

/**
 * The devices' box to keep: the server's when it opens to this Account Key (so every device holds the same
 * box), else one made here. The server's can be missing (an account made before the box existed) or not open
 * (damaged); neither is a security problem, since a box only ever protects the AK this device already holds,
 * and the next password change uploads a fresh one.
 */
async function devicesBox(
  pwk: Uint8Array,
  deviceSecret: Uint8Array,
  accountKey: Uint8Array,
  serverBox: string | null,
  ctx: KeyContext,
): Promise<Uint8Array> {
  if (serverBox !== null) {
    const box = fromBase64url(serverBox);
    const opened = await unwrapAccountKeyForDevices(pwk, deviceSecret, box, ctx).catch(() => null);
    if (opened !== null && constantTimeEqual(opened, accountKey)) return box;
  }
  return wrapAccountKeyForDevices(pwk, deviceSecret, accountKey, ctx);
}
