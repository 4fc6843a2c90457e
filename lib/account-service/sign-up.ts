import { generateAccountKey } from '../account/account-key';
import {
  deriveDeviceSecret,
  deriveLoginSecret,
  derivePasswordKey,
  deriveUnlockKey,
  generateVaultKey,
  newKdfSpec,
  wrapAccountKeyForDevices,
  wrapVaultKey,
} from '../account/key-hierarchy';
import { opaqueRegister } from '../api/opaque-client';
import { ARGON2ID_DEFAULT } from '../crypto/argon2id';
import type { KitArtifacts } from '../messaging/protocol';
import { toBase64url } from '../encoding/base64url';
import type { AccountServiceDeps } from './deps';
import type { DeviceState } from './device-state';
import { issueKit } from './kit-artifacts';
import { keysFromGrant } from './keys-from-grant';
import type { UnlockedKeys } from './unlocked-keys';

/**
 * Creates the account (DESIGN §1 "Sign up"): a new Account Key, account KDF and vault key; the OPAQUE
 * registration of the login secret; the keyset (vault key under MUK, Account Key in the devices' box); then the
 * Authentication Kit, emailed when asked. The account id comes from the server's first answer, before anything
 * is wrapped, since every wrap is bound to it.
 */
export async function signUp(
  input: { serverUrl: string; email: string; password: string; emailKit: boolean },
  deps: AccountServiceDeps,
): Promise<{ state: DeviceState; keys: UnlockedKeys; kit: KitArtifacts }> {
  const api = deps.api(input.serverUrl);
  const accountKey = generateAccountKey();
  const vaultKey = generateVaultKey();
  const kdf = newKdfSpec(deps.kdfParams?.account ?? ARGON2ID_DEFAULT);
  const pwk = await derivePasswordKey(input.password, kdf);

  let start: { signupId: string; accountId: string } | undefined;
  const registrationRecord = await opaqueRegister(
    deriveLoginSecret(pwk, accountKey),
    async (registrationRequest) => {
      const answer = await api.call('signupStart', { body: { email: input.email, registrationRequest } });
      start = answer;
      return answer;
    },
  );
  if (start === undefined) throw new Error('signUp: the registration exchange did not run');
  const ctx = { accountId: start.accountId, keyEpoch: 1 };
  const deviceSecret = deriveDeviceSecret(accountKey);
  const grant = await api.call('signupFinish', {
    body: {
      signupId: start.signupId,
      registrationRecord,
      keyset: {
        kdf: { ...kdf.params },
        salt: toBase64url(kdf.salt),
        wrappedVaultKey: toBase64url(await wrapVaultKey(deriveUnlockKey(pwk, accountKey), vaultKey, ctx)),
        accountKeyForDevices: toBase64url(await wrapAccountKeyForDevices(pwk, deviceSecret, accountKey, ctx)),
      },
      deviceName: deps.deviceName,
    },
  });
  // Reads the keys back from the server's answer: proves it stored what was sent.
  const { state, keys } = await keysFromGrant({ serverUrl: input.serverUrl, grant, kdf, pwk, accountKey });
  const kit = await issueKit(
    {
      serverUrl: input.serverUrl,
      token: state.token,
      accountId: state.accountId,
      email: state.email,
      keyEpoch: state.keyEpoch,
      password: input.password,
      accountKey,
      sendEmail: input.emailKit,
    },
    deps,
  );
  return { state, keys, kit };
}
