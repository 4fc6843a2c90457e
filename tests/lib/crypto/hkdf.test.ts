import { extract } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hkdfSha256 } from '../../../lib/crypto/hkdf';
import { RFC5869_SHA256 } from './vectors/hkdf-sha256';

/** HKDF-SHA-256 from the platform's WebCrypto: an implementation independent of @noble/hashes. */
async function webCryptoHkdf(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Promise<string> {
  const key = await crypto.subtle.importKey('raw', Uint8Array.from(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: Uint8Array.from(salt), info: Uint8Array.from(info) },
    key,
    length * 8,
  );
  return bytesToHex(new Uint8Array(bits));
}

describe('RFC 5869 Appendix A (SHA-256)', () => {
  for (const v of RFC5869_SHA256) {
    test(`${v.name}: OKM`, () => {
      const okm = hkdfSha256(hexToBytes(v.ikm), hexToBytes(v.salt), hexToBytes(v.info), v.length);
      expect(okm.length).toBe(v.length);
      expect(bytesToHex(okm)).toBe(v.okm);
    });

    test(`${v.name}: PRK (extract step) and WebCrypto agree with the RFC`, async () => {
      expect(bytesToHex(extract(sha256, hexToBytes(v.ikm), hexToBytes(v.salt)))).toBe(v.prk);
      expect(await webCryptoHkdf(hexToBytes(v.ikm), hexToBytes(v.salt), hexToBytes(v.info), v.length)).toBe(
        v.okm,
      );
    });
  }
});

describe('hkdfSha256', () => {
  const ikm = hexToBytes('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
  const salt = hexToBytes('000102030405060708090a0b0c');

  test('agrees with WebCrypto HKDF on random inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 96 }),
        fc.uint8Array({ maxLength: 96 }),
        fc.uint8Array({ maxLength: 96 }),
        fc.integer({ min: 1, max: 300 }),
        async (k, s, i, length) => {
          expect(bytesToHex(hkdfSha256(k, s, i, length))).toBe(await webCryptoHkdf(k, s, i, length));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a string info is its UTF-8 bytes', async () => {
    const info = 'latchkey/muk/v1 ✓ é';
    const fromString = hkdfSha256(ikm, salt, info, 32);
    expect(bytesToHex(fromString)).toBe(
      bytesToHex(hkdfSha256(ikm, salt, new TextEncoder().encode(info), 32)),
    );
    expect(bytesToHex(fromString)).toBe(await webCryptoHkdf(ikm, salt, new TextEncoder().encode(info), 32));
  });

  test('different info gives unrelated keys (domain separation)', () => {
    const a = hkdfSha256(ikm, salt, 'latchkey/muk', 32);
    const b = hkdfSha256(ikm, salt, 'latchkey/login', 32);
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
  });

  test('accepts lengths 1 and 255 × 32 = 8160 (RFC 5869 §2.3); a shorter output is a prefix of a longer one', () => {
    const longest = hkdfSha256(ikm, salt, 'x', 8160);
    expect(longest.length).toBe(8160);
    const one = hkdfSha256(ikm, salt, 'x', 1);
    expect(one.length).toBe(1);
    expect(one[0]).toBe(longest[0]);
    expect(bytesToHex(hkdfSha256(ikm, salt, 'x', 100))).toBe(bytesToHex(longest.subarray(0, 100)));
  });

  test('RangeError for a length outside 1..8160 or not an integer', () => {
    for (const length of [0, -1, 8161, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => hkdfSha256(ikm, salt, 'x', length)).toThrow(RangeError);
    }
  });

  test('TypeError for ikm or salt that is not a Uint8Array', () => {
    expect(() => hkdfSha256('ikm' as unknown as Uint8Array, salt, 'x', 32)).toThrow(TypeError);
    expect(() => hkdfSha256(ikm, [1, 2, 3] as unknown as Uint8Array, 'x', 32)).toThrow(TypeError);
  });

  test('returns a fresh array that does not alias its inputs', () => {
    const out = hkdfSha256(ikm, salt, 'x', 32);
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(32);
    expect(out.buffer).not.toBe(ikm.buffer);
  });
});
