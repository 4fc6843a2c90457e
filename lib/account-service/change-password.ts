import type { KitArtifacts } from '../messaging/protocol';
import { fromBase64url } from '../encoding/base64url';
import type { AccountServiceDeps } from './deps';
import { buildDeviceState, type DeviceState } from './device-state';
import { issueKit } from './kit-artifacts';
import { openAccount } from './open-account-key';
import { rekey } from './rekey';
import { withRecentSession } from './session-login';
import type { UnlockedKeys } from './unlocked-keys';

/**
 * Changes the password (DESIGN §1, §2). The current password is checked locally first (WrongPasswordError);
 * the server also wants a login from the last 10 minutes (a stolen token alone must not replace the password),
 * so an older session is replaced by a fresh OPAQUE login first. A session that was revoked, or outdated by a
 * change elsewhere, is not: its error propagates. The server bumps the key epoch and signs out every other
 * session; they learn it on their next request (password-changed) and ask for the new password. The new kit
 * replaces the old ones, which are now outdated.
 */
export async function changePassword(
  state: DeviceState,
  currentPassword: string,
  newPassword: string,
  emailKit: boolean,
  deps: AccountServiceDeps,
): Promise<{ state: DeviceState; keys: UnlockedKeys; kit: KitArtifacts }> {
  const { accountKey, keys } = await openAccount(state, currentPassword);
  const deviceSecret = fromBase64url(state.deviceSecret);
  const { state: signedIn, value: rekeyed } = await withRecentSession(
    state,
    keys.loginSecret,
    deps,
    (session) =>
      rekey(
        session,
        {
          accountId: state.accountId,
          expectedEpoch: state.keyEpoch,
          newPassword,
          accountKey,
          deviceSecret,
          vaultKey: keys.vaultKey,
        },
        deps,
      ),
  );
  const next = buildDeviceState({
    serverUrl: state.serverUrl,
    email: state.email,
    accountId: state.accountId,
    keyEpoch: rekeyed.answer.keyEpoch,
    keyEpochSince: rekeyed.answer.keyEpochSince,
    kdf: rekeyed.kdf,
    wrappedVaultKey: rekeyed.wrappedVaultKey,
    accountKeyForDevices: rekeyed.accountKeyForDevices,
    deviceSecret,
    token: signedIn.token,
    tokenExpiresAt: new Date(signedIn.tokenExpiresAt),
    hasRecovery: signedIn.hasRecovery,
  });
  const kit = await issueKit(
    {
      serverUrl: state.serverUrl,
      token: next.token,
      accountId: next.accountId,
      email: next.email,
      keyEpoch: next.keyEpoch,
      password: newPassword,
      accountKey,
      sendEmail: emailKit,
    },
    deps,
  );
  return { state: next, keys: { vaultKey: keys.vaultKey, loginSecret: rekeyed.loginSecret }, kit };
}
