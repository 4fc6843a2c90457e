import { afterEach, describe, expect, test, vi } from 'vitest';
import { PASSPHRASE_WORDS } from '../../../lib/vault/passphrase-words';
import {
  entropyBits,
  generatePassphrase,
  generatePassword,
  randomIndex,
  type PassphraseOptions,
  type PasswordOptions,
} from '../../../lib/vault/password-generator';

const ALL: PasswordOptions = {
  length: 20,
  lower: true,
  upper: true,
  digits: true,
  symbols: true,
  avoidAmbiguous: false,
};
const PHRASE: PassphraseOptions = { words: 5, separator: '-', capitalize: false, includeNumber: false };

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: Map<string, number>, categories: number, total: number): number {
  const expected = total / categories;
  let sum = 0;
  for (const observed of counts.values()) sum += (observed - expected) ** 2 / expected;
  // Categories never drawn count too.
  sum += (categories - counts.size) * expected;
  return sum;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generatePassword', () => {
  test('has the asked length and a character of every chosen set, nothing else', () => {
    for (const length of [8, 9, 20, 64, 128]) {
      for (let i = 0; i < 20; i++) {
        const password = generatePassword({ ...ALL, length });
        expect(password).toHaveLength(length);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[0-9]/);
        expect(password).toMatch(/[^a-zA-Z0-9]/);
      }
    }
    for (let i = 0; i < 50; i++) {
      expect(generatePassword({ ...ALL, length: 8, upper: false, symbols: false })).toMatch(
        /^(?=.*[a-z])(?=.*\d)[a-z\d]{8}$/,
      );
      expect(generatePassword({ ...ALL, lower: false, upper: false, digits: false })).toMatch(
        /^[^a-zA-Z0-9\s'"`\\|<>]{20}$/,
      );
    }
  });

  test('avoids ambiguous characters when asked', () => {
    const joined = Array.from({ length: 200 }, () =>
      generatePassword({ ...ALL, length: 64, avoidAmbiguous: true }),
    ).join('');
    expect(joined).not.toMatch(/[Il1O0o,.;:()[\]{}]/);
    // ...and uses them otherwise (12,800 draws: missing all of them would be a broken generator).
    const plain = Array.from({ length: 200 }, () => generatePassword({ ...ALL, length: 64 })).join('');
    expect(plain).toMatch(/[Il1O0o]/);
  });

  test('characters are uniform (chi-square, 26 letters, p ≈ 1e-6 cut-off)', () => {
    const counts = new Map<string, number>();
    const n = 300;
    for (let i = 0; i < n; i++) {
      for (const c of generatePassword({
        ...ALL,
        length: 128,
        upper: false,
        digits: false,
        symbols: false,
      })) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    // 25 degrees of freedom: P(χ² > 70) ≈ 4e-6 for a uniform source.
    expect(chiSquare(counts, 26, n * 128)).toBeLessThan(70);
  });

  test('refuses invalid options', () => {
    for (const length of [7, 129, 12.5, Number.NaN]) {
      expect(() => generatePassword({ ...ALL, length })).toThrow(RangeError);
    }
    expect(() =>
      generatePassword({ ...ALL, lower: false, upper: false, digits: false, symbols: false }),
    ).toThrow('Choose at least one kind of character');
  });
});

describe('randomIndex', () => {
  test('rejects the draws that would bias the result', () => {
    // n = 3: 2^32 = 3 × 1431655765 + 1, so only 4294967295 (the last value) must be rejected.
    const draws = [4294967295, 4294967294, 7];
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        (array as unknown as Uint32Array)[0] = draws.shift()!;
        return array;
      },
    );
    expect(randomIndex(3)).toBe(4294967294 % 3);
    expect(randomIndex(3)).toBe(1);
    expect(() => randomIndex(0)).toThrow(RangeError);
  });
});

describe('generatePassphrase', () => {
  test('joins the asked number of list words with the separator', () => {
    const list = new Set(PASSPHRASE_WORDS);
    for (const words of [3, 5, 12]) {
      const phrase = generatePassphrase({ ...PHRASE, words });
      const parts = phrase.split('-');
      expect(parts).toHaveLength(words);
      for (const part of parts) expect(list.has(part), part).toBe(true);
    }
    expect(generatePassphrase({ ...PHRASE, separator: '' }, ['ab', 'cd'])).toMatch(/^(ab|cd){5}$/);
  });

  test('capitalises and adds one digit when asked', () => {
    for (let i = 0; i < 30; i++) {
      const phrase = generatePassphrase({ ...PHRASE, separator: ' ', capitalize: true, includeNumber: true });
      const parts = phrase.split(' ');
      for (const part of parts) expect(part).toMatch(/^[A-Z][a-z]+\d?$/);
      expect(phrase.match(/\d/g)).toHaveLength(1);
    }
  });

  test('words are uniform over the list (chi-square)', () => {
    const list = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      for (const word of generatePassphrase({ ...PHRASE, words: 7, separator: ' ' }, list).split(' ')) {
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    // 6 degrees of freedom: P(χ² > 35) ≈ 4e-6.
    expect(chiSquare(counts, list.length, 7000)).toBeLessThan(35);
  });

  test('refuses invalid options', () => {
    for (const words of [2, 13, 4.5])
      expect(() => generatePassphrase({ ...PHRASE, words })).toThrow(RangeError);
    expect(() => generatePassphrase({ ...PHRASE, separator: '----' })).toThrow(RangeError);
  });
});

describe('the passphrase word list', () => {
  test('4,096 distinct lowercase words of 4–8 letters', () => {
    expect(PASSPHRASE_WORDS).toHaveLength(4096);
    expect(new Set(PASSPHRASE_WORDS).size).toBe(4096);
    for (const word of PASSPHRASE_WORDS) expect(word).toMatch(/^[a-z]{4,8}$/);
  });
});

describe('entropyBits', () => {
  test('counts passwords exactly', () => {
    const digitsOnly = { ...ALL, length: 8, lower: false, upper: false, symbols: false };
    expect(entropyBits(digitsOnly)).toBeCloseTo(Math.log2(10 ** 8), 10);
    // Lower + digits, both required: 36^8 − 26^8 − 10^8 passwords.
    expect(entropyBits({ ...digitsOnly, lower: true })).toBeCloseTo(41.248393022, 6);
    // All four sets of 87 characters, 20 long: a little under 20 × log2(87) ≈ 128.85.
    const all = entropyBits(ALL);
    expect(all).toBeLessThan(20 * Math.log2(87));
    expect(all).toBeGreaterThan(128.5);
    expect(entropyBits({ ...ALL, length: 128 })).toBeCloseTo(128 * Math.log2(87), 0);
    expect(entropyBits({ ...ALL, avoidAmbiguous: true })).toBeLessThan(all);
  });

  test('counts passphrases: 12 bits per word, plus the digit', () => {
    expect(entropyBits(PHRASE)).toBe(60);
    expect(entropyBits({ ...PHRASE, capitalize: true })).toBe(60);
    expect(entropyBits({ ...PHRASE, includeNumber: true })).toBeCloseTo(60 + Math.log2(50), 10);
    expect(() => entropyBits({ ...PHRASE, words: 1 })).toThrow(RangeError);
  });
});
