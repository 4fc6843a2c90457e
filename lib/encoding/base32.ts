/**
 * Crockford base32 (https://www.crockford.com/base32.html): digits and uppercase letters without I, L, O, U.
 * Chosen because it fits the QR alphanumeric mode (uppercase only, so the code stays small: DESIGN §2) and
 * survives being read aloud or typed: decoding accepts lowercase, maps I/L to 1 and O to 0, and ignores
 * hyphens and whitespace. No padding; trailing bits must be zero so every byte string has one encoding.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const DECODE = new Map<string, number>();
for (let i = 0; i < CROCKFORD_ALPHABET.length; i++) DECODE.set(CROCKFORD_ALPHABET[i]!, i);
for (const [alias, canonical] of [
  ['I', '1'],
  ['L', '1'],
  ['O', '0'],
] as const) {
  DECODE.set(alias, DECODE.get(canonical)!);
}

/** A string that is not valid Crockford base32; `position` is the index in the input, when known. */
export class Base32Error extends Error {
  override readonly name = 'Base32Error';
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

export function encodeBase32(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('encodeBase32: expected a Uint8Array');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes Crockford base32, tolerating case, I/L/O look-alikes, hyphens and whitespace. */
export function decodeBase32(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw new TypeError('decodeBase32: expected a string');
  const values: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '-' || /\s/.test(ch)) continue;
    const value = DECODE.get(ch.toUpperCase());
    if (value === undefined) throw new Base32Error(`Invalid character "${ch}" at position ${i + 1}`, i);
    values.push(value);
  }
  // A length whose leftover is 1, 3 or 6 characters cannot come from whole bytes.
  if ([1, 3, 6].includes(values.length % 8)) throw new Base32Error('Invalid length: characters are missing');
  const out = new Uint8Array(Math.floor((values.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const value of values) {
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0)
    throw new Base32Error('Invalid ending: the last character is not one an encoder would write');
  return out;
}
