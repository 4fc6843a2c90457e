import type { KdfSpec } from '../account/key-hierarchy';
import { fromBase64url } from '../encoding/base64url';
import type { AccountServiceDeps } from './deps';

/** The pre-login answer in working types. For an unknown email these are the server's stable fakes. */
export interface PreloginInfo {
  kdf: KdfSpec;
  keyEpoch: number;
  keyEpochSince: Date;
  /** The devices' box of the Account Key; null for an account made before the box existed. */
  accountKeyForDevices: Uint8Array | null;
}

export async function prelogin(
  serverUrl: string,
  email: string,
  deps: Pick<AccountServiceDeps, 'api'>,
): Promise<PreloginInfo> {
  const answer = await deps.api(serverUrl).call('prelogin', { body: { email } });
  return {
    kdf: { params: { ...answer.kdf }, salt: fromBase64url(answer.salt) },
    keyEpoch: answer.keyEpoch,
    keyEpochSince: answer.keyEpochSince,
    accountKeyForDevices:
      answer.accountKeyForDevices === null ? null : fromBase64url(answer.accountKeyForDevices),
  };
}
