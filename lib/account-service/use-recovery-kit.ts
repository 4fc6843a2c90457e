import { deriveDeviceSecret } from '../account/key-hierarchy';
import {
  deriveRecoveryLoginSecret,
  deriveRecoveryWrapKey,
  unwrapVaultKeyForRecovery,
  WrongRecoveryKitError,
} from '../account/recovery-key';
import { parseRecoveryKit, type RecoveryKitInput } from '../account/recovery-kit';
import { ApiError } from '../api/api-error';
import { opaqueLogin } from '../api/opaque-client';
import type { RecoverySessionGrant } from '../api/recovery';
import type { KitArtifacts } from '../messaging/protocol';
import { fromBase64url } from '../encoding/base64url';
import type { AccountServiceDeps } from './deps';
import { buildDeviceState, type DeviceState } from './device-state';
import { issueKit } from './kit-artifacts';
import { rekey } from './rekey';
import type { UnlockedKeys } from './unlocked-keys';

/**
 * Forgot password, with the Recovery Kit (DESIGN §1): the kit's secrets log in to the account's second OPAQUE
 * registration, which yields a short recovery session and the vault key wrapped under the recovery wrap key;
 * the new password is then set through that session exactly like a password change, with the SAME vault key,
 * so no record is lost. The server ends the recovery session and hands back a full one: this browser is
 * signed in and unlocked. A kit that does not open the account is WrongRecoveryKitError.
 */
export async function useRecoveryKit(
  input: {
    serverUrl: string;
    email: string;
    kit: RecoveryKitInput;
    newPassword: string;
    emailKit: boolean;
  },
  deps: AccountServiceDeps,
): Promise<{ state: DeviceState; keys: UnlockedKeys; kit: KitArtifacts }> {
  const parsed = parseRecoveryKit(input.kit);
  const api = deps.api(input.serverUrl);
  const grant = await recoveryLogIn(
    input,
    deriveRecoveryLoginSecret(parsed.recoverySecret, parsed.accountKey),
    deps,
  );
  if (parsed.accountId !== null && parsed.accountId !== grant.accountId) throw new WrongRecoveryKitError();
  const vaultKey = await unwrapVaultKeyForRecovery(
    deriveRecoveryWrapKey(parsed.recoverySecret, parsed.accountKey),
    fromBase64url(grant.recoveryWrappedVaultKey),
    grant.accountId,
  );
  const deviceSecret = deriveDeviceSecret(parsed.accountKey);
  const rekeyed = await rekey(
    api.withToken(grant.token),
    {
      accountId: grant.accountId,
      expectedEpoch: grant.keyEpoch,
      newPassword: input.newPassword,
      accountKey: parsed.accountKey,
      deviceSecret,
      vaultKey,
    },
    deps,
  );
  const session = rekeyed.answer.newSession;
  if (session === null) {
    throw new ApiError(
      200,
      'invalid-response',
      'A password set with a recovery session must answer a new session',
    );
  }
  const state = buildDeviceState({
    serverUrl: input.serverUrl,
    email: grant.email,
    accountId: grant.accountId,
    keyEpoch: rekeyed.answer.keyEpoch,
    keyEpochSince: rekeyed.answer.keyEpochSince,
    kdf: rekeyed.kdf,
    wrappedVaultKey: rekeyed.wrappedVaultKey,
    accountKeyForDevices: rekeyed.accountKeyForDevices,
    deviceSecret,
    token: session.token,
    tokenExpiresAt: session.expiresAt,
    // The server keeps the Recovery Kit across a password change: the same kit still works.
    hasRecovery: true,
  });
  const kit = await issueKit(
    {
      serverUrl: input.serverUrl,
      token: state.token,
      accountId: state.accountId,
      email: state.email,
      keyEpoch: state.keyEpoch,
      password: input.newPassword,
      accountKey: parsed.accountKey,
      sendEmail: input.emailKit,
    },
    deps,
  );
  return { state, keys: { vaultKey, loginSecret: rekeyed.loginSecret }, kit };
}

/** The recovery login; every refusal (wrong kit, another account's, none set up) is WrongRecoveryKitError. */
async function recoveryLogIn(
  input: { serverUrl: string; email: string },
  secret: Uint8Array,
  deps: Pick<AccountServiceDeps, 'api' | 'deviceName'>,
): Promise<RecoverySessionGrant> {
  const api = deps.api(input.serverUrl);
  try {
    const { answer, finishLoginRequest } = await opaqueLogin(secret, (startLoginRequest) =>
      api.call('recoveryLoginStart', { body: { email: input.email, startLoginRequest } }),
    );
    if (finishLoginRequest === null) throw new WrongRecoveryKitError();
    return await api.call('recoveryLoginFinish', {
      body: { loginId: answer.loginId, finishLoginRequest, deviceName: deps.deviceName },
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid-credentials') throw new WrongRecoveryKitError();
    throw error;
  }
}
