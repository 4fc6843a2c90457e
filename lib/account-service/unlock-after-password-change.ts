import { deriveLoginSecret, derivePasswordKey, unwrapAccountKeyForDevices } from '../account/key-hierarchy';
import { ApiError } from '../api/api-error';
import { fromBase64url } from '../encoding/base64url';
import type { AccountServiceDeps } from './deps';
import type { DeviceState } from './device-state';
import { SignInAgainError } from './errors';
import { keysFromGrant } from './keys-from-grant';
import { prelogin } from './prelogin';
import { logIn } from './session-login';
import type { UnlockedKeys } from './unlocked-keys';

/**
 * After the password was changed on another device (DESIGN §1): this device asks for the NEW password, not the
 * old one. The pre-login answer carries the new KDF and the devices' box re-made by the other device; the new
 * password and this device's DS open it (lib/account/README.md), which yields the Account Key and with it the
 * new login secret. Throws WrongPasswordError when the box does not open (e.g. the old password was typed).
 */
export async function unlockAfterPasswordChange(
  state: DeviceState,
  newPassword: string,
  deps: AccountServiceDeps,
): Promise<{ state: DeviceState; keys: UnlockedKeys }> {
  const pre = await prelogin(state.serverUrl, state.email, deps);
  if (pre.accountKeyForDevices === null) throw new SignInAgainError();
  const pwk = await derivePasswordKey(newPassword, pre.kdf);
  const accountKey = await unwrapAccountKeyForDevices(
    pwk,
    fromBase64url(state.deviceSecret),
    pre.accountKeyForDevices,
    { accountId: state.accountId, keyEpoch: pre.keyEpoch },
  );
  const grant = await logIn(state.serverUrl, state.email, deriveLoginSecret(pwk, accountKey), deps);
  if (grant.accountId !== state.accountId) {
    throw new ApiError(401, 'unauthorized', 'The account under this email is not this device’s account');
  }
  // Changed yet again between the two requests: the box opened was already superseded.
  if (grant.keyEpoch !== pre.keyEpoch) {
    throw new ApiError(409, 'conflict-epoch', 'The password was changed again meanwhile');
  }
  return keysFromGrant({ serverUrl: state.serverUrl, grant, kdf: pre.kdf, pwk, accountKey });
}
