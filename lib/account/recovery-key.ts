import { importAeadKey, open, seal } from '../crypto/aead';
import { DecryptionError } from '../crypto/errors';
import { hkdfSha256 } from '../crypto/hkdf';
import { randomBytes } from '../crypto/random';
import { concatBytes, utf8Encode } from '../encoding/bytes';
import { ACCOUNT_KEY_BYTES } from './account-key';
import { accountIdToBytes } from './account-id';
import { AccountError } from './errors';

/**
 * The Recovery Kit's keys (DESIGN §2): a random recovery secret that, together with the Account Key, lets a
 * user who forgot the password set a new one without losing data. Both inputs are needed for both outputs:
 *
 *   recovery secret ‖ AK ──HKDF(recovery-login)──▶ recovery login secret (OPAQUE's password for the second
 *                                                   registration; the server stores only its record)
 *   recovery secret ‖ AK ──HKDF(recovery-wrap)───▶ recovery wrap key (wraps the vault key)
 *
 * The secret is 256 random bits, so no KDF stretching is needed (nothing to guess). The server can no more use
 * the Recovery Kit than the password: it never receives the secret, the AK or anything derived from them but
 * an OPAQUE record. The printable kit (issue 4) shows the secret in a human form.
 */
export const RECOVERY_SECRET_BYTES = 32;
const KEY_BYTES = 32;
const LOGIN = { salt: utf8Encode('latchkey/v1/recovery-login'), info: 'Latchkey Recovery Kit login secret' };
const WRAP = { salt: utf8Encode('latchkey/v1/recovery-wrap'), info: 'Latchkey Recovery Kit vault key wrap' };

/** The vault key could not be opened with this Recovery Kit (wrong kit, or another account's). */
export class WrongRecoveryKitError extends AccountError {
  override readonly name = 'WrongRecoveryKitError';
  readonly code = 'wrong-recovery-kit';
  constructor() {
    super('This Recovery Kit does not open this account. Check that it is the newest kit of this account.');
  }
}

export function generateRecoverySecret(): Uint8Array<ArrayBuffer> {
  return randomBytes(RECOVERY_SECRET_BYTES);
}

function ikm(recoverySecret: Uint8Array, accountKey: Uint8Array): Uint8Array {
  if (!(recoverySecret instanceof Uint8Array) || recoverySecret.length !== RECOVERY_SECRET_BYTES) {
    throw new RangeError(`recovery secret must be ${RECOVERY_SECRET_BYTES} bytes`);
  }
  if (!(accountKey instanceof Uint8Array) || accountKey.length !== ACCOUNT_KEY_BYTES) {
    throw new RangeError(`Account Key must be ${ACCOUNT_KEY_BYTES} bytes`);
  }
  return concatBytes(recoverySecret, accountKey);
}

export function deriveRecoveryLoginSecret(
  recoverySecret: Uint8Array,
  accountKey: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return hkdfSha256(ikm(recoverySecret, accountKey), LOGIN.salt, LOGIN.info, KEY_BYTES);
}

export function deriveRecoveryWrapKey(
  recoverySecret: Uint8Array,
  accountKey: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return hkdfSha256(ikm(recoverySecret, accountKey), WRAP.salt, WRAP.info, KEY_BYTES);
}

// The recovery wrap is bound to the account but not to a key epoch: a password change does not touch the vault
// key or the Recovery Kit, so the wrap stays valid across epochs.
const aad = (accountId: string) =>
  concatBytes(utf8Encode('latchkey/v1/recovery-vault-key'), accountIdToBytes(accountId));

export async function wrapVaultKeyForRecovery(
  recoveryWrapKey: Uint8Array,
  vaultKey: Uint8Array,
  accountId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (vaultKey.length !== KEY_BYTES) throw new RangeError('vault key must be 32 bytes');
  return seal(await importAeadKey(recoveryWrapKey), vaultKey, aad(accountId));
}

/** Throws WrongRecoveryKitError when the kit's key is not the one the vault key was wrapped under. */
export async function unwrapVaultKeyForRecovery(
  recoveryWrapKey: Uint8Array,
  wrapped: Uint8Array,
  accountId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await open(await importAeadKey(recoveryWrapKey), wrapped, aad(accountId));
  } catch (error) {
    if (error instanceof DecryptionError) throw new WrongRecoveryKitError();
    throw error;
  }
}
