import { describe, expect, test } from 'vitest';
import { generateAccountKey } from '../../../lib/account/account-key';
import {
  deriveRecoveryLoginSecret,
  deriveRecoveryWrapKey,
  generateRecoverySecret,
  unwrapVaultKeyForRecovery,
  wrapVaultKeyForRecovery,
  WrongRecoveryKitError,
} from '../../../lib/account/recovery-key';
import { deriveLoginSecret, deriveUnlockKey, generateVaultKey } from '../../../lib/account/key-hierarchy';

const ACCOUNT = '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f';

describe('Recovery Kit keys', () => {
  const secret = generateRecoverySecret();
  const ak = generateAccountKey();

  test('need both the recovery secret and the Account Key, and are separate from each other', () => {
    const login = deriveRecoveryLoginSecret(secret, ak);
    const wrap = deriveRecoveryWrapKey(secret, ak);
    expect(login).toHaveLength(32);
    expect(login).not.toEqual(wrap);
    expect(deriveRecoveryLoginSecret(secret, generateAccountKey())).not.toEqual(login);
    expect(deriveRecoveryWrapKey(generateRecoverySecret(), ak)).not.toEqual(wrap);
  });

  test('are unrelated to the password-side keys even for equal inputs', () => {
    // Same 32+20 bytes through the password side's derivations: domain separation keeps them apart.
    expect(deriveLoginSecret(secret, ak)).not.toEqual(deriveRecoveryLoginSecret(secret, ak));
    expect(deriveUnlockKey(secret, ak)).not.toEqual(deriveRecoveryWrapKey(secret, ak));
  });

  test('wrap the vault key for the account, and only the right kit opens it', async () => {
    const vk = generateVaultKey();
    const wrapped = await wrapVaultKeyForRecovery(deriveRecoveryWrapKey(secret, ak), vk, ACCOUNT);
    expect(await unwrapVaultKeyForRecovery(deriveRecoveryWrapKey(secret, ak), wrapped, ACCOUNT)).toEqual(vk);
    await expect(
      unwrapVaultKeyForRecovery(deriveRecoveryWrapKey(generateRecoverySecret(), ak), wrapped, ACCOUNT),
    ).rejects.toThrow(WrongRecoveryKitError);
    await expect(
      unwrapVaultKeyForRecovery(
        deriveRecoveryWrapKey(secret, ak),
        wrapped,
        'ffffffff-8a51-4c1e-9d7a-3f2b1c0d4e5f',
      ),
    ).rejects.toThrow(WrongRecoveryKitError);
  });

  test('refuse inputs of the wrong size', () => {
    expect(() => deriveRecoveryWrapKey(new Uint8Array(16), ak)).toThrow(RangeError);
    expect(() => deriveRecoveryLoginSecret(secret, new Uint8Array(16))).toThrow(RangeError);
  });
});
