import { beforeAll, describe, expect, test } from 'vitest';
import { generateAccountKey } from '../../../lib/account/account-key';
import { WrongPasswordError } from '../../../lib/account/errors';
import {
  deriveLoginSecret,
  derivePasswordKey,
  deriveUnlockKey,
  encodePassword,
  generateVaultKey,
  newKdfSpec,
  deriveDeviceSecret,
  unwrapAccountKeyForDevices,
  unwrapVaultKey,
  wrapAccountKeyForDevices,
  wrapVaultKey,
  type KdfSpec,
} from '../../../lib/account/key-hierarchy';
import { KdfParamsError } from '../../../lib/crypto/errors';

const ACCOUNT = { accountId: '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f', keyEpoch: 1 };

describe('key hierarchy', () => {
  let kdf: KdfSpec;
  let pwk: Uint8Array;
  let otherPwk: Uint8Array;
  const ak = generateAccountKey();

  beforeAll(async () => {
    kdf = newKdfSpec();
    // Two production-size Argon2id runs, shared by the tests below.
    [pwk, otherPwk] = [
      await derivePasswordKey('correct horse battery staple', kdf),
      await derivePasswordKey('correct horse battery stapler', kdf),
    ];
  });

  test('PWK is deterministic for a password and salt, and depends on both', async () => {
    expect(pwk).toHaveLength(32);
    expect(pwk).not.toEqual(otherPwk);
    const sameSaltOtherRun = await derivePasswordKey('correct horse battery staple', {
      params: kdf.params,
      salt: kdf.salt.slice(),
    });
    expect(sameSaltOtherRun).toEqual(pwk);
  });

  test('passwords are NFKC-normalised: the same password typed on another OS matches', () => {
    expect(encodePassword('caf\u00e9')).toEqual(encodePassword('cafe\u0301'));
    expect(encodePassword('\ufb01sh')).toEqual(encodePassword('fish'));
    expect(() => encodePassword('')).toThrow(RangeError);
  });

  test('refuses KDF parameters below the floor, whatever the server says', async () => {
    await expect(
      derivePasswordKey('pw', {
        params: { memoryKiB: 32_768, iterations: 3, parallelism: 1 },
        salt: kdf.salt,
      }),
    ).rejects.toThrow(KdfParamsError);
    await expect(
      derivePasswordKey('pw', {
        params: { memoryKiB: 65_536, iterations: 2, parallelism: 1 },
        salt: kdf.salt,
      }),
    ).rejects.toThrow(KdfParamsError);
  });

  test('unlock key and login secret are distinct and need both the password and the Account Key', () => {
    const muk = deriveUnlockKey(pwk, ak);
    const login = deriveLoginSecret(pwk, ak);
    expect(muk).toHaveLength(32);
    expect(login).toHaveLength(32);
    expect(muk).not.toEqual(login);
    expect(deriveUnlockKey(otherPwk, ak)).not.toEqual(muk);
    expect(deriveUnlockKey(pwk, generateAccountKey())).not.toEqual(muk);
    expect(deriveLoginSecret(pwk, generateAccountKey())).not.toEqual(login);
    expect(() => deriveUnlockKey(pwk, new Uint8Array(16))).toThrow(RangeError);
  });

  test('vault key wraps under MUK and opens only with the same MUK, account and epoch', async () => {
    const muk = deriveUnlockKey(pwk, ak);
    const vk = generateVaultKey();
    const wrapped = await wrapVaultKey(muk, vk, ACCOUNT);
    expect(await unwrapVaultKey(muk, wrapped, ACCOUNT)).toEqual(vk);
    await expect(unwrapVaultKey(deriveUnlockKey(otherPwk, ak), wrapped, ACCOUNT)).rejects.toThrow(
      WrongPasswordError,
    );
    await expect(unwrapVaultKey(muk, wrapped, { ...ACCOUNT, keyEpoch: 2 })).rejects.toThrow(
      WrongPasswordError,
    );
    await expect(
      unwrapVaultKey(muk, wrapped, { ...ACCOUNT, accountId: '1b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f' }),
    ).rejects.toThrow(WrongPasswordError);
  });

  describe("the devices' copy of the Account Key (PWK ‖ DS)", () => {
    const ds = deriveDeviceSecret(ak);

    test('round trip: opens with the same password and device secret', async () => {
      const wrapped = await wrapAccountKeyForDevices(pwk, ds, ak, ACCOUNT);
      expect(await unwrapAccountKeyForDevices(pwk, ds, wrapped, ACCOUNT)).toEqual(ak);
      // Random nonces: wrapping twice never gives the same box.
      expect(await wrapAccountKeyForDevices(pwk, ds, ak, ACCOUNT)).not.toEqual(wrapped);
    });

    test('a wrong password is WrongPasswordError ("Incorrect password")', async () => {
      const wrapped = await wrapAccountKeyForDevices(pwk, ds, ak, ACCOUNT);
      const failure = unwrapAccountKeyForDevices(otherPwk, ds, wrapped, ACCOUNT);
      await expect(failure).rejects.toThrow(WrongPasswordError);
      await expect(failure).rejects.toThrow('Incorrect password');
    });

    test('the password alone does not open it: another device secret fails', async () => {
      const wrapped = await wrapAccountKeyForDevices(pwk, ds, ak, ACCOUNT);
      const otherDs = deriveDeviceSecret(generateAccountKey());
      await expect(unwrapAccountKeyForDevices(pwk, otherDs, wrapped, ACCOUNT)).rejects.toThrow(
        WrongPasswordError,
      );
      await expect(unwrapAccountKeyForDevices(pwk, new Uint8Array(32), wrapped, ACCOUNT)).rejects.toThrow(
        WrongPasswordError,
      );
    });

    test('it is bound to the account id and the key epoch', async () => {
      const wrapped = await wrapAccountKeyForDevices(pwk, ds, ak, ACCOUNT);
      await expect(unwrapAccountKeyForDevices(pwk, ds, wrapped, { ...ACCOUNT, keyEpoch: 2 })).rejects.toThrow(
        WrongPasswordError,
      );
      await expect(
        unwrapAccountKeyForDevices(pwk, ds, wrapped, {
          ...ACCOUNT,
          accountId: '1b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f',
        }),
      ).rejects.toThrow(WrongPasswordError);
    });

    test('every changed byte of the box fails', async () => {
      const wrapped = await wrapAccountKeyForDevices(pwk, ds, ak, ACCOUNT);
      for (let i = 0; i < wrapped.length; i++) {
        const tampered = wrapped.slice();
        tampered[i]! ^= 0x01;
        await expect(unwrapAccountKeyForDevices(pwk, ds, tampered, ACCOUNT)).rejects.toThrow(
          WrongPasswordError,
        );
      }
    });

    test('the device secret is 32 bytes, deterministic per Account Key, and differs between keys', () => {
      expect(ds).toHaveLength(32);
      expect(deriveDeviceSecret(ak.slice())).toEqual(ds);
      expect(deriveDeviceSecret(generateAccountKey())).not.toEqual(ds);
      // Independent of the other AK-derived values: it is not the AK itself.
      expect(ds.subarray(0, 20)).not.toEqual(ak);
      expect(() => deriveDeviceSecret(new Uint8Array(16))).toThrow(RangeError);
    });

    test('inputs of the wrong size are refused (bugs, not wrong passwords)', async () => {
      await expect(wrapAccountKeyForDevices(pwk, new Uint8Array(31), ak, ACCOUNT)).rejects.toThrow(
        RangeError,
      );
      await expect(wrapAccountKeyForDevices(new Uint8Array(16), ds, ak, ACCOUNT)).rejects.toThrow(RangeError);
    });
  });
});
