import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual } from '../crypto/constant-time';
import { randomBytes } from '../crypto/random';
import { decodeBase32, encodeBase32 } from '../encoding/base32';
import { concatBytes, utf8Encode } from '../encoding/bytes';
import { AccountKeyFormatError } from './errors';

/**
 * The Account Key (DESIGN §2): 160 random bits, the second secret that makes a stolen password alone useless.
 * Human form: `LK1-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXCCCC` — version prefix, 32 Crockford base32
 * characters of key, 4 of checksum, in groups of six. 160 bits rather than the 128 floor: a longer key costs
 * nothing (it lives in the QR and the key file) and 160/5 gives whole base32 characters.
 */
export const ACCOUNT_KEY_BYTES = 20;
export const ACCOUNT_KEY_PREFIX = 'LK1';
const KEY_CHARS = 32; // 160 / 5
const CHECKSUM_CHARS = 4; // 20 bits: a random typo passes with probability 2^-20
const GROUP = 6;

function checksum(key: Uint8Array): string {
  // Hash of prefix ‖ key, first 20 bits. Catches typos; not a security boundary (the key is random).
  const digest = sha256(concatBytes(utf8Encode(ACCOUNT_KEY_PREFIX), key));
  return encodeBase32(digest.subarray(0, 3)).slice(0, CHECKSUM_CHARS);
}

export function generateAccountKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(ACCOUNT_KEY_BYTES);
}

export function formatAccountKey(key: Uint8Array): string {
  if (!(key instanceof Uint8Array) || key.length !== ACCOUNT_KEY_BYTES) {
    throw new RangeError(`formatAccountKey: an Account Key is ${ACCOUNT_KEY_BYTES} bytes`);
  }
  const body = encodeBase32(key) + checksum(key);
  const groups = body.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
  return [ACCOUNT_KEY_PREFIX, ...groups].join('-');
}

/**
 * Parses an Account Key as a person might type or paste it: any case, spaces or hyphens anywhere, I/L/O for
 * 1/1/0. Throws AccountKeyFormatError saying what is wrong (prefix, length, character, checksum).
 */
export function parseAccountKey(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw new TypeError('parseAccountKey: expected a string');
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (!compact.startsWith(ACCOUNT_KEY_PREFIX)) {
    throw new AccountKeyFormatError(
      `An Account Key starts with "${ACCOUNT_KEY_PREFIX}-". Check that you copied all of it.`,
    );
  }
  const body = normalizeLookalikes(compact.slice(ACCOUNT_KEY_PREFIX.length));
  const expected = KEY_CHARS + CHECKSUM_CHARS;
  if (body.length !== expected) {
    const diff = body.length - expected;
    throw new AccountKeyFormatError(
      `This Account Key has ${Math.abs(diff)} character${Math.abs(diff) === 1 ? '' : 's'} too ${diff < 0 ? 'few' : 'many'}.`,
    );
  }
  const bad = body.search(/[^0-9A-HJKMNP-TV-Z]/);
  if (bad >= 0) {
    throw new AccountKeyFormatError(
      `This Account Key contains a character "${body[bad]}" that cannot appear in one.`,
    );
  }
  const key = decodeBase32(body.slice(0, KEY_CHARS));
  const typed = utf8Encode(body.slice(KEY_CHARS));
  if (!constantTimeEqual(typed, utf8Encode(checksum(key)))) {
    throw new AccountKeyFormatError(
      'This Account Key has a typo: its checksum does not match. Check each character.',
    );
  }
  return key;
}

function normalizeLookalikes(text: string): string {
  return text.replace(/[IL]/g, '1').replace(/O/g, '0');
}
