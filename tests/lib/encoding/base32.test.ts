import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Base32Error, CROCKFORD_ALPHABET, decodeBase32, encodeBase32 } from '../../../lib/encoding/base32';

// RFC 4648 §10 base32 test vectors. Crockford base32 uses the same bit grouping with another alphabet, so the
// expected strings are the RFC's, translated symbol by symbol (RFC alphabet A–Z2–7 → value → Crockford symbol).
const RFC4648_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const RFC4648_VECTORS: Array<[string, string]> = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];
const toCrockford = (rfc: string) =>
  [...rfc].map((c) => CROCKFORD_ALPHABET[RFC4648_ALPHABET.indexOf(c)]).join('');

describe('Crockford base32', () => {
  test.each(RFC4648_VECTORS)('RFC 4648 vector %j', (text, rfc) => {
    const bytes = new TextEncoder().encode(text);
    expect(encodeBase32(bytes)).toBe(toCrockford(rfc));
    expect(decodeBase32(toCrockford(rfc))).toEqual(bytes);
  });

  test('"foobar" is CSQPYRK1E8 (Crockford reference)', () => {
    expect(encodeBase32(new TextEncoder().encode('foobar'))).toBe('CSQPYRK1E8');
  });

  test('round trip over arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase32(bytes);
        expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]*$/);
        expect(decodeBase32(text)).toEqual(bytes);
      }),
    );
  });

  test('decoding tolerates case, look-alikes, hyphens and spaces', () => {
    expect(decodeBase32('csqp-yrk1 e8')).toEqual(new TextEncoder().encode('foobar'));
    expect(decodeBase32('CSQPYRKIE8')).toEqual(new TextEncoder().encode('foobar'));
    expect(decodeBase32('CSQPYRKlE8')).toEqual(new TextEncoder().encode('foobar'));
    expect(decodeBase32('0O')).toEqual(decodeBase32('00'));
  });

  test('rejects characters outside the alphabet with their position', () => {
    expect(() => decodeBase32('CSQU')).toThrow(Base32Error);
    try {
      decodeBase32('CS*Q');
    } catch (error) {
      expect(error).toBeInstanceOf(Base32Error);
      expect((error as Base32Error).position).toBe(2);
    }
  });

  test('rejects impossible lengths and non-canonical endings', () => {
    expect(() => decodeBase32('C')).toThrow(/length/);
    expect(() => decodeBase32('CSQ')).toThrow(/length/);
    expect(() => decodeBase32('CT')).toThrow(/ending/); // "f" is CR; CT sets a trailing bit
  });

  test('rejects non-string and non-bytes input with TypeError', () => {
    expect(() => decodeBase32(42 as unknown as string)).toThrow(TypeError);
    expect(() => encodeBase32('ab' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
