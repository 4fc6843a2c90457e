import { maskEmail } from '../account/email';
import { WrongAccountError } from '../account/errors';
import { readKeyFile } from '../account/key-file';
import { derivePasswordKey, deriveLoginSecret } from '../account/key-hierarchy';
import { openKit } from '../account/kit-payload';
import { isRecoveryKitPayload } from '../account/recovery-kit';
import { ApiError } from '../api/api-error';
import type { SessionGrant } from '../api/auth';
import type { KitSource } from '../messaging/protocol';
import type { AccountServiceDeps } from './deps';
import type { DeviceState } from './device-state';
import { AccountChangedError, RecoveryKitGivenError } from './errors';
import { keysFromGrant } from './keys-from-grant';
import { prelogin } from './prelogin';
import { logIn } from './session-login';
import type { UnlockedKeys } from './unlocked-keys';

/**
 * Signs in on a new device (DESIGN §1): the kit is checked against the pre-login answer before any slow step
 * (lib/account openKit: not Latchkey's, damaged, another account's, outdated, then the QR KDF and "Incorrect
 * password"), then the login secret from the password and the kit's Account Key logs in over OPAQUE.
 */
export async function signInWithKit(
  input: { serverUrl: string; email: string; password: string; kitText: string; source: KitSource },
  deps: AccountServiceDeps,
): Promise<{ state: DeviceState; keys: UnlockedKeys }> {
  const from = input.source === 'key-file' ? 'key-file' : 'qr';
  if (isRecoveryKitPayload(input.kitText)) throw new RecoveryKitGivenError();
  const payloadText = from === 'key-file' ? readKeyFile(input.kitText).payloadText : input.kitText;

  const pre = await prelogin(input.serverUrl, input.email, deps);
  const { kit, accountKey } = await openKit(
    payloadText,
    input.password,
    { email: input.email, keyEpoch: pre.keyEpoch, keyEpochSince: pre.keyEpochSince },
    from,
  );
  const pwk = await derivePasswordKey(input.password, pre.kdf);
  let grant: SessionGrant;
  try {
    grant = await logIn(input.serverUrl, input.email, deriveLoginSecret(pwk, accountKey), deps);
  } catch (error) {
    // The kit opened with this password at the account's current epoch, so a refusal is not a typo.
    if (error instanceof ApiError && error.code === 'invalid-credentials') throw new AccountChangedError();
    throw error;
  }
  if (grant.accountId !== kit.accountId) throw new WrongAccountError(maskEmail(kit.email), 'reset');
  return keysFromGrant({ serverUrl: input.serverUrl, grant, kdf: pre.kdf, pwk, accountKey });
}
