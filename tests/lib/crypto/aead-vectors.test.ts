import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, test } from 'vitest';
import {
  GCM_SPEC_AES256,
  WYCHEPROOF_AES256_GCM_MODIFIED_TAG,
  WYCHEPROOF_AES256_GCM_VALID,
  type GcmVector,
} from './vectors/aes-256-gcm';

/**
 * lib/crypto/aead.ts wraps WebCrypto AES-256-GCM in its own box format, which no published vector uses; so the
 * vectors check the primitive exactly as aead.ts calls it (raw 32-byte key, 96-bit iv, 128-bit tag, tag
 * appended to the ciphertext), in Node and in Chromium. aead.test.ts checks the box on top of it.
 */

const bytes = (hex: string): Uint8Array<ArrayBuffer> => Uint8Array.from(hexToBytes(hex));

function gcmParams(v: Pick<GcmVector, 'iv' | 'aad'>): AesGcmParams {
  return { name: 'AES-GCM', iv: bytes(v.iv), additionalData: bytes(v.aad), tagLength: 128 };
}

async function gcmKey(hex: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes(hex), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

async function encryptHex(v: Omit<GcmVector, 'id' | 'ct' | 'tag'>): Promise<string> {
  return bytesToHex(
    new Uint8Array(await crypto.subtle.encrypt(gcmParams(v), await gcmKey(v.key), bytes(v.msg))),
  );
}

describe('WebCrypto AES-256-GCM against published vectors', () => {
  for (const v of [...GCM_SPEC_AES256, ...WYCHEPROOF_AES256_GCM_VALID]) {
    test(`${v.id}: encrypt gives ct ‖ tag, decrypt gives msg`, async () => {
      expect(await encryptHex(v)).toBe(v.ct + v.tag);
      const pt = await crypto.subtle.decrypt(gcmParams(v), await gcmKey(v.key), bytes(v.ct + v.tag));
      expect(bytesToHex(new Uint8Array(pt))).toBe(v.msg);
    });
  }
});

describe('WebCrypto AES-256-GCM rejects every Wycheproof modified tag', () => {
  const group = WYCHEPROOF_AES256_GCM_MODIFIED_TAG;

  test('the group shares a correct ciphertext: only the tags were modified', async () => {
    const sealed = await encryptHex(group);
    expect(sealed.slice(0, -32)).toBe(group.ct);
  });

  for (const t of group.tests) {
    test(`tcId ${t.tcId}: ${t.comment}`, async () => {
      const key = await gcmKey(group.key);
      const rejection = crypto.subtle.decrypt(gcmParams(group), key, bytes(group.ct + t.tag));
      await expect(rejection).rejects.toMatchObject({ name: 'OperationError' });

      // The published tag differs from the real one exactly where its comment says (Wycheproof numbers bits
      // from the least significant bit of byte 0): this also proves the copy of the vector is faithful.
      const realTag = bytes((await encryptHex(group)).slice(-32));
      const diff = bytes(t.tag).map((b, i) => b ^ realTag[i]!);
      const flipped = /^Flipped bits? (\d+)(?: and (\d+))? in tag$/.exec(t.comment);
      if (flipped) {
        const expected = new Uint8Array(16);
        for (const bit of flipped.slice(1).filter(Boolean).map(Number)) {
          expected[bit >> 3] = expected[bit >> 3]! ^ (1 << (bit & 7));
        }
        expect(bytesToHex(diff)).toBe(bytesToHex(expected));
      } else {
        expect(diff.some((b) => b !== 0)).toBe(true);
      }
    });
  }

  test('a tag shortened to 15 bytes is refused as well', async () => {
    const key = await gcmKey(group.key);
    const realTag = (await encryptHex(group)).slice(-32);
    await expect(
      crypto.subtle.decrypt(gcmParams(group), key, bytes(group.ct + realTag.slice(0, 30))),
    ).rejects.toMatchObject({ name: 'OperationError' });
  });
});
