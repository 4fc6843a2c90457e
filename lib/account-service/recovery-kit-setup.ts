import * as v from 'valibot';
import { ApiError } from '../api/api-error';
import {
  deriveRecoveryLoginSecret,
  deriveRecoveryWrapKey,
  generateRecoverySecret,
  wrapVaultKeyForRecovery,
} from '../account/recovery-key';
import { makeRecoveryKit } from '../account/recovery-kit';
import { opaqueRegister } from '../api/opaque-client';
import type { RecoveryKitArtifacts } from '../messaging/protocol';
import { toBase64url } from '../encoding/base64url';
import { nowOf, type AccountServiceDeps } from './deps';
import { DeviceStateSchema, type DeviceState } from './device-state';
import { openAccount } from './open-account-key';
import { withRecentSession } from './session-login';

/**
 * Makes (or replaces) the Recovery Kit (DESIGN §2): a new recovery secret; the OPAQUE registration of the
 * recovery login secret and the vault key wrapped under the recovery wrap key, both from the secret AND the
 * Account Key. The password is asked again: it opens the Account Key, and proves the user is the owner. The
 * server wants a recent login for this; when the session is older, this logs in again first.
 */
export async function createRecoveryKit(
  state: DeviceState,
  password: string,
  deps: AccountServiceDeps,
): Promise<{ state: DeviceState; kit: RecoveryKitArtifacts }> {
  const { accountKey, keys } = await openAccount(state, password);
  const recoverySecret = generateRecoverySecret();
  const wrapped = await wrapVaultKeyForRecovery(
    deriveRecoveryWrapKey(recoverySecret, accountKey),
    keys.vaultKey,
    state.accountId,
  );
  const loginSecret = deriveRecoveryLoginSecret(recoverySecret, accountKey);
  const result = await withRecentSession(state, keys.loginSecret, deps, async (session) => {
    const registrationRecord = await opaqueRegister(loginSecret, (registrationRequest) =>
      session.call('recoveryRegisterStart', { body: { registrationRequest } }),
    );
    await session.call('recoveryRegisterFinish', {
      body: { registrationRecord, recoveryWrappedVaultKey: toBase64url(wrapped) },
    });
  });
  const printed = makeRecoveryKit({ accountId: state.accountId, accountKey, recoverySecret });
  return {
    state: v.parse(DeviceStateSchema, { ...result.state, hasRecovery: true }),
    kit: { ...printed, email: state.email, createdAt: nowOf(deps).toISOString() },
  };
}

/** Removes the Recovery Kit: its QR and codes stop working. Already removed counts as done. */
export async function removeRecoveryKit(
  state: DeviceState,
  password: string,
  deps: AccountServiceDeps,
): Promise<DeviceState> {
  const { keys } = await openAccount(state, password);
  const result = await withRecentSession(state, keys.loginSecret, deps, async (session) => {
    try {
      await session.call('recoveryDelete');
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'recovery-not-set-up')) throw error;
    }
  });
  return v.parse(DeviceStateSchema, { ...result.state, hasRecovery: false });
}
