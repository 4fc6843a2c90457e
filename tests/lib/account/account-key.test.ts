import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ACCOUNT_KEY_BYTES,
  formatAccountKey,
  generateAccountKey,
  parseAccountKey,
} from '../../../lib/account/account-key';
import { AccountKeyFormatError } from '../../../lib/account/errors';
import { CROCKFORD_ALPHABET } from '../../../lib/encoding/base32';

// A fixed key makes the typo tests deterministic (the checksum misses a given typo with probability 2^-20).
const FIXED = Uint8Array.from({ length: ACCOUNT_KEY_BYTES }, (_, i) => (i * 37 + 11) & 0xff);
const FIXED_TEXT = formatAccountKey(FIXED);

describe('Account Key', () => {
  test('is 160 random bits, different every time', () => {
    const a = generateAccountKey();
    const b = generateAccountKey();
    expect(a).toHaveLength(20);
    expect(a).not.toEqual(b);
  });

  test('human form: version prefix, six groups of six', () => {
    expect(FIXED_TEXT).toMatch(/^LK1(-[0-9A-HJKMNP-TV-Z]{6}){6}$/);
  });

  test('round trips for any key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (key) => {
        expect(parseAccountKey(formatAccountKey(key))).toEqual(key);
      }),
    );
  });

  test('parsing tolerates case, spacing and look-alike letters', () => {
    const body = FIXED_TEXT.slice(3).toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o');
    const sloppy = ` lk1 ${body} `;
    expect(sloppy).toMatch(/[lo]/); // the fixed key does contain look-alikes to exercise
    expect(parseAccountKey(sloppy)).toEqual(FIXED);
    expect(parseAccountKey(FIXED_TEXT.replace(/-/g, ''))).toEqual(FIXED);
  });

  test('every single-character substitution is caught as a typo', () => {
    const body = FIXED_TEXT.replace(/-/g, '').slice(3);
    let checked = 0;
    for (let i = 0; i < body.length; i++) {
      for (const ch of CROCKFORD_ALPHABET) {
        if (ch === body[i]) continue;
        const typo = 'LK1' + body.slice(0, i) + ch + body.slice(i + 1);
        expect(() => parseAccountKey(typo), `position ${i} → ${ch}`).toThrow(AccountKeyFormatError);
        checked++;
      }
    }
    expect(checked).toBe(36 * 31);
  });

  test('every adjacent transposition is caught', () => {
    const body = FIXED_TEXT.replace(/-/g, '').slice(3);
    for (let i = 0; i + 1 < body.length; i++) {
      if (body[i] === body[i + 1]) continue;
      const swapped = 'LK1' + body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
      expect(() => parseAccountKey(swapped)).toThrow(/typo/);
    }
  });

  test('says what is wrong', () => {
    expect(() => parseAccountKey(FIXED_TEXT.slice(4))).toThrow(/starts with "LK1-"/);
    expect(() => parseAccountKey(FIXED_TEXT.slice(0, -1))).toThrow(/1 character too few/);
    expect(() => parseAccountKey(FIXED_TEXT + 'AB')).toThrow(/2 characters too many/);
    expect(() => parseAccountKey(FIXED_TEXT.slice(0, 5) + 'U' + FIXED_TEXT.slice(6))).toThrow(
      /character "U"/,
    );
    expect(() => formatAccountKey(new Uint8Array(16))).toThrow(RangeError);
  });
});
