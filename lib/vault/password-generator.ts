import { PASSPHRASE_WORDS } from './passphrase-words';

/**
 * The password generator (issue 5): random characters from chosen sets, or random words. Randomness comes from
 * crypto.getRandomValues, and every choice is uniform: indices by rejection sampling (no modulo bias), and the
 * "at least one of each chosen set" rule by rejecting whole passwords that miss a set, so every password that
 * satisfies the rule is equally likely and `entropyBits` can count them exactly.
 */

export interface PasswordOptions {
  /** 8–128 characters. */
  length: number;
  lower: boolean;
  upper: boolean;
  digits: boolean;
  symbols: boolean;
  /** Leaves out characters that are easy to misread or mistype when copied by hand (see AMBIGUOUS). */
  avoidAmbiguous: boolean;
}

export interface PassphraseOptions {
  /** 3–12 words. */
  words: number;
  /** Between words; at most 3 characters (a longer one adds length, not strength). */
  separator: string;
  capitalize: boolean;
  /** Appends one random digit to one random word (for sites that demand a digit). */
  includeNumber: boolean;
}

export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;
export const PASSPHRASE_WORD_COUNT = { min: 3, max: 12 } as const;
const SEPARATOR_MAX_CHARS = 3;

/** Symbols most sites accept (OWASP's list of special characters minus space, quotes, backslash and `|<>`). */
const SETS = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#$%&()*+,-./:;=?@[]^_{}~',
} as const;
/** I/l/1, O/0/o look alike in many fonts; ,.;: and brackets are easy to miss or confuse when read aloud. */
const AMBIGUOUS = new Set('Il1O0o,.;:()[]{}');

type SetName = keyof typeof SETS;
const SET_NAMES: readonly SetName[] = ['lower', 'upper', 'digits', 'symbols'];

/** A uniform integer in [0, n): rejection sampling over 32-bit draws, so no value is favoured (n ≤ 2^32). */
export function randomIndex(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 32)
    throw new RangeError('randomIndex: n must be 1..2^32');
  const limit = Math.floor(2 ** 32 / n) * n;
  const draw = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(draw);
    const value = draw[0]!;
    if (value < limit) return value % n;
  }
}

function chosenSets(options: PasswordOptions): string[] {
  const { length } = options;
  if (!Number.isInteger(length) || length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) {
    throw new RangeError(`Length must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max}`);
  }
  const sets = SET_NAMES.filter((name) => options[name]).map((name) =>
    options.avoidAmbiguous ? [...SETS[name]].filter((c) => !AMBIGUOUS.has(c)).join('') : SETS[name],
  );
  if (sets.length === 0) throw new RangeError('Choose at least one kind of character');
  return sets;
}

export function generatePassword(options: PasswordOptions): string {
  const sets = chosenSets(options);
  const alphabet = sets.join('');
  // Few tries are needed (worst case, 8 characters from all four sets: about half the draws miss a set, so ~2);
  // 1000 misses in a row would mean a broken random source, not bad luck.
  for (let attempt = 0; attempt < 1000; attempt++) {
    const chars = Array.from({ length: options.length }, () => alphabet[randomIndex(alphabet.length)]!);
    if (sets.every((set) => chars.some((c) => set.includes(c)))) return chars.join('');
  }
  throw new Error('generatePassword: the random source looks broken');
}

function checkPassphrase(options: PassphraseOptions, words: readonly string[]): void {
  const { words: count, separator } = options;
  if (!Number.isInteger(count) || count < PASSPHRASE_WORD_COUNT.min || count > PASSPHRASE_WORD_COUNT.max) {
    throw new RangeError(`Words must be ${PASSPHRASE_WORD_COUNT.min} to ${PASSPHRASE_WORD_COUNT.max}`);
  }
  if (typeof separator !== 'string' || [...separator].length > SEPARATOR_MAX_CHARS) {
    throw new RangeError(`The separator must be at most ${SEPARATOR_MAX_CHARS} characters`);
  }
  if (words.length < 2) throw new RangeError('The word list is too short');
}

export function generatePassphrase(
  options: PassphraseOptions,
  words: readonly string[] = PASSPHRASE_WORDS,
): string {
  checkPassphrase(options, words);
  const picked = Array.from({ length: options.words }, () => {
    const word = words[randomIndex(words.length)]!;
    return options.capitalize ? word.charAt(0).toUpperCase() + word.slice(1) : word;
  });
  if (options.includeNumber) {
    const at = randomIndex(picked.length);
    picked[at] = `${picked[at]!}${randomIndex(10)}`;
  }
  return picked.join(options.separator);
}

/**
 * log2 of how many outputs these options can produce, all equally likely: what an attacker who knows the
 * options must search. Passwords: inclusion–exclusion over the chosen sets counts exactly the passwords that
 * contain every set (BigInt: 87^128 overflows a double). Passphrases: words × log2(list) (+ log2(10 × words)
 * for the digit and its position); capitalising adds nothing, it is not random.
 */
export function entropyBits(
  options: PasswordOptions | PassphraseOptions,
  words: readonly string[] = PASSPHRASE_WORDS,
): number {
  if ('length' in options) {
    const sizes = chosenSets(options).map((set) => BigInt(set.length));
    const total = sizes.reduce((a, b) => a + b, 0n);
    let count = 0n;
    for (let mask = 0; mask < 1 << sizes.length; mask++) {
      const excluded = sizes.reduce((sum, size, i) => (mask & (1 << i) ? sum + size : sum), 0n);
      const term = (total - excluded) ** BigInt(options.length);
      count += bitCount(mask) % 2 === 0 ? term : -term;
    }
    return log2(count);
  }
  checkPassphrase(options, words);
  const perWord = Math.log2(words.length);
  return options.words * perWord + (options.includeNumber ? Math.log2(10 * options.words) : 0);
}

function bitCount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x >>= 1) count += x & 1;
  return count;
}

/** log2 of a positive BigInt, to double precision: its top 53 bits as a number, plus the shift. */
function log2(n: bigint): number {
  const bits = n.toString(2).length;
  const shift = Math.max(0, bits - 53);
  return Math.log2(Number(n >> BigInt(shift))) + shift;
}
