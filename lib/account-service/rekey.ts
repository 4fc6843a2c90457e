import {
  deriveLoginSecret,
  derivePasswordKey,
  deriveUnlockKey,
  newKdfSpec,
  wrapAccountKeyForDevices,
  wrapVaultKey,
  type KdfSpec,
} from '../account/key-hierarchy';
import type { PasswordFinishResponse } from '../api/account';
import type { ApiClient } from '../api/client';
import { opaqueRegister } from '../api/opaque-client';
import { ARGON2ID_DEFAULT } from '../crypto/argon2id';
import { toBase64url } from '../encoding/base64url';
import type { AccountServiceDeps } from './deps';

/** What a new password produced: the pieces of the new device state. */
export interface Rekeyed {
  kdf: KdfSpec;
  wrappedVaultKey: Uint8Array;
  accountKeyForDevices: Uint8Array;
  loginSecret: Uint8Array;
  answer: PasswordFinishResponse;
}

/**
 * Sets a new password (DESIGN §2 "Password change"), shared by the ordinary change and the Recovery Kit: a new
 * account KDF salt, the SAME vault key re-wrapped under the new MUK and the same Account Key in a new devices'
 * box, both bound to the next epoch; a new OPAQUE registration of the new login secret; one passwordFinish
 * that the server applies only if the epoch is still `expectedEpoch` (409 conflict-epoch otherwise). Records
 * are untouched: nothing is re-encrypted, nothing can be lost.
 */
export async function rekey(
  session: ApiClient,
  input: {
    accountId: string;
    expectedEpoch: number;
    newPassword: string;
    accountKey: Uint8Array;
    deviceSecret: Uint8Array;
    vaultKey: Uint8Array;
  },
  deps: Pick<AccountServiceDeps, 'kdfParams'>,
): Promise<Rekeyed> {
  const kdf = newKdfSpec(deps.kdfParams?.account ?? ARGON2ID_DEFAULT);
  const pwk = await derivePasswordKey(input.newPassword, kdf);
  const ctx = { accountId: input.accountId, keyEpoch: input.expectedEpoch + 1 };
  const wrappedVaultKey = await wrapVaultKey(deriveUnlockKey(pwk, input.accountKey), input.vaultKey, ctx);
  const accountKeyForDevices = await wrapAccountKeyForDevices(pwk, input.deviceSecret, input.accountKey, ctx);
  const loginSecret = deriveLoginSecret(pwk, input.accountKey);
  const registrationRecord = await opaqueRegister(loginSecret, (registrationRequest) =>
    session.call('passwordStart', { body: { registrationRequest } }),
  );
  const answer = await session.call('passwordFinish', {
    body: {
      registrationRecord,
      keyset: {
        kdf: { ...kdf.params },
        salt: toBase64url(kdf.salt),
        wrappedVaultKey: toBase64url(wrappedVaultKey),
        accountKeyForDevices: toBase64url(accountKeyForDevices),
      },
      expectedEpoch: input.expectedEpoch,
    },
  });
  return { kdf, wrappedVaultKey, accountKeyForDevices, loginSecret, answer };
}
