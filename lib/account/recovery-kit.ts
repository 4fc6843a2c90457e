import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual } from '../crypto/constant-time';
import { Base32Error, CROCKFORD_ALPHABET, decodeBase32, encodeBase32 } from '../encoding/base32';
import { concatBytes } from '../encoding/bytes';
import { ACCOUNT_KEY_BYTES, ACCOUNT_KEY_PREFIX, formatAccountKey, parseAccountKey } from './account-key';
import { accountIdFromBytes, accountIdToBytes } from './account-id';
import { AccountError } from './errors';
import { KIT_PREFIX } from './kit-payload';
import { RECOVERY_SECRET_BYTES } from './recovery-key';

/**
 * The Recovery Kit as printed (DESIGN §2): a QR payload and the same secrets in a typed form. Layout and the
 * reasons in lib/account/README.md ("Recovery Kit page").
 *
 * No encryption: the page IS the secret. Whoever holds it (and the account's email) can set a new password, as
 * whoever holds a paper backup of any password manager can. It is opt-in, and the user is told to keep it like
 * a house key. The server alone can do nothing with it: it never sees the recovery secret or the Account Key.
 */
export const RECOVERY_KIT_PREFIX = 'LATCHKEY-RECOVERY:';
export const RECOVERY_KIT_VERSION = 1;
export const RECOVERY_CODE_PREFIX = 'LKR1';
const CHECKSUM_BYTES = 4;
const PAYLOAD_BYTES = 1 + 16 + ACCOUNT_KEY_BYTES + RECOVERY_SECRET_BYTES + CHECKSUM_BYTES;
const SECRET_CHARS = Math.ceil((RECOVERY_SECRET_BYTES * 8) / 5); // 52
const CODE_CHECKSUM_CHARS = 6;
const GROUP = 6;

/** Not a Recovery Kit at all; the message says what it is when we can tell (an Authentication QR Code). */
export class NotRecoveryKitError extends AccountError {
  override readonly name = 'NotRecoveryKitError';
  readonly code = 'not-latchkey';
  constructor(readonly looksLike: 'authentication-kit' | 'account-key' | 'unknown' = 'unknown') {
    super(
      looksLike === 'authentication-kit'
        ? 'This is an Authentication QR Code, not a Recovery Kit. Setting a new password needs the Recovery Kit you printed; without it, reset the account.'
        : looksLike === 'account-key'
          ? 'This is the Account Key (LK1-…). Enter the recovery code printed below it on the Recovery Kit: it starts with "LKR1-".'
          : 'This is not a Latchkey Recovery Kit.',
    );
  }
}

/** A Recovery Kit QR whose bytes do not check out: misread or truncated. */
export class DamagedRecoveryKitError extends AccountError {
  override readonly name = 'DamagedRecoveryKitError';
  readonly code = 'damaged';
  constructor(readonly detail: string) {
    super(
      'This Recovery Kit QR code is damaged or incomplete. Scan it again, or type the Account Key and the recovery code printed on the kit.',
    );
  }
}

/** A Recovery Kit made by a newer Latchkey. */
export class UnsupportedRecoveryKitVersionError extends AccountError {
  override readonly name = 'UnsupportedRecoveryKitVersionError';
  readonly code = 'newer-version';
  constructor(readonly version: number) {
    super('This Recovery Kit was made by a newer version of Latchkey. Update Latchkey and try again.');
  }
}

/** A recovery code typed with a mistake; the message says what is wrong. */
export class RecoveryCodeFormatError extends AccountError {
  override readonly name = 'RecoveryCodeFormatError';
  readonly code = 'account-key-format';
}

export interface RecoveryKitSecrets {
  accountId: string;
  accountKey: Uint8Array;
  recoverySecret: Uint8Array;
}

export interface RecoveryKit {
  /** For the printed QR: `LATCHKEY-RECOVERY:` + Crockford base32 (alphanumeric QR mode). */
  payloadText: string;
  /** `LKR1-XXXXXX-…`: the recovery secret to type. */
  recoveryCode: string;
  /** `LK1-XXXXXX-…`: the Account Key to type. */
  accountKey: string;
}

export type RecoveryKitInput = { payloadText: string } | { accountKey: string; recoveryCode: string };

export interface ParsedRecoveryKit {
  /** From the QR; null for the typed form (the code does not carry it: the email names the account). */
  accountId: string | null;
  accountKey: Uint8Array<ArrayBuffer>;
  recoverySecret: Uint8Array<ArrayBuffer>;
}

export function makeRecoveryKit(secrets: RecoveryKitSecrets): RecoveryKit {
  const { accountId, accountKey, recoverySecret } = secrets;
  if (!(accountKey instanceof Uint8Array) || accountKey.length !== ACCOUNT_KEY_BYTES) {
    throw new RangeError(`Account Key must be ${ACCOUNT_KEY_BYTES} bytes`);
  }
  if (!(recoverySecret instanceof Uint8Array) || recoverySecret.length !== RECOVERY_SECRET_BYTES) {
    throw new RangeError(`recovery secret must be ${RECOVERY_SECRET_BYTES} bytes`);
  }
  const body = concatBytes(
    Uint8Array.of(RECOVERY_KIT_VERSION),
    accountIdToBytes(accountId),
    accountKey,
    recoverySecret,
  );
  return {
    payloadText: RECOVERY_KIT_PREFIX + encodeBase32(concatBytes(body, payloadChecksum(body))),
    recoveryCode: formatRecoveryCode(recoverySecret),
    accountKey: formatAccountKey(accountKey),
  };
}

/** Reads either form of the kit; throws the errors above (and AccountKeyFormatError for a mistyped key). */
export function parseRecoveryKit(input: RecoveryKitInput): ParsedRecoveryKit {
  if ('payloadText' in input) return parsePayload(input.payloadText);
  const { accountKey, recoveryCode } = input;
  if (typeof accountKey !== 'string' || typeof recoveryCode !== 'string') {
    throw new TypeError('parseRecoveryKit: accountKey and recoveryCode must be strings');
  }
  return {
    accountId: null,
    accountKey: parseAccountKey(accountKey),
    recoverySecret: parseRecoveryCode(recoveryCode),
  };
}

/** True for text that is a Recovery Kit payload (so an Authentication QR reader can say what it got). */
export function isRecoveryKitPayload(text: string): boolean {
  return typeof text === 'string' && text.trim().toUpperCase().startsWith(RECOVERY_KIT_PREFIX);
}

function payloadChecksum(body: Uint8Array): Uint8Array {
  // As in the kit payload: tells a misread QR ("damaged") from a wrong kit; not a security control.
  return sha256(body).subarray(0, CHECKSUM_BYTES);
}

function parsePayload(text: string): ParsedRecoveryKit {
  if (typeof text !== 'string') throw new TypeError('parseRecoveryKit: payloadText must be a string');
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (!upper.startsWith(RECOVERY_KIT_PREFIX)) {
    throw new NotRecoveryKitError(upper.startsWith(KIT_PREFIX) ? 'authentication-kit' : 'unknown');
  }
  let bytes: Uint8Array;
  try {
    bytes = decodeBase32(trimmed.slice(RECOVERY_KIT_PREFIX.length));
  } catch (error) {
    if (error instanceof Base32Error) throw new DamagedRecoveryKitError(error.message);
    throw error;
  }
  if (bytes.length < 1 + CHECKSUM_BYTES) throw new DamagedRecoveryKitError('too short');
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  if (!constantTimeEqual(payloadChecksum(body), bytes.subarray(bytes.length - CHECKSUM_BYTES))) {
    throw new DamagedRecoveryKitError('checksum mismatch');
  }
  if (body[0] !== RECOVERY_KIT_VERSION) {
    if (body[0]! > RECOVERY_KIT_VERSION) throw new UnsupportedRecoveryKitVersionError(body[0]!);
    throw new DamagedRecoveryKitError(`unknown version ${body[0]}`);
  }
  if (bytes.length !== PAYLOAD_BYTES) throw new DamagedRecoveryKitError('wrong length');
  return {
    accountId: accountIdFromBytes(body.slice(1, 17)),
    accountKey: body.slice(17, 17 + ACCOUNT_KEY_BYTES),
    recoverySecret: body.slice(17 + ACCOUNT_KEY_BYTES),
  };
}

// ---- the recovery code: the 32-byte secret, typed ----------------------------------------------------------
//
// 52 Crockford characters of secret + 6 of checksum, grouped by six behind "LKR1-". The checksum is the BCH code
// of bech32m (BIP-173 / BIP-350) over the 5-bit symbols: for strings up to 89 symbols it detects ANY error in
// up to 4 characters, so every single substitution and every adjacent transposition is caught (not merely with
// probability 1 − 2^-30, as a hash would). The code is the only typed secret with no other check before the
// network (the Account Key has its own), so a guarantee is worth six characters.

const BECH32M_CONST = 0x2bc830a3;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ value) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATOR[i]!) >>> 0;
  }
  return chk;
}

/** The prefix takes part in the checksum (as bech32's human-readable part does): a code of another kind fails. */
function prefixValues(): number[] {
  const codes = Array.from(RECOVERY_CODE_PREFIX.toLowerCase(), (c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

function codeChecksum(symbols: readonly number[]): number[] {
  const mod = polymod([...prefixValues(), ...symbols, 0, 0, 0, 0, 0, 0]) ^ BECH32M_CONST;
  return Array.from({ length: CODE_CHECKSUM_CHARS }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
}

function symbolsOf(text: string): number[] {
  return Array.from(text, (c) => CROCKFORD_ALPHABET.indexOf(c));
}

export function formatRecoveryCode(secret: Uint8Array): string {
  if (!(secret instanceof Uint8Array) || secret.length !== RECOVERY_SECRET_BYTES) {
    throw new RangeError(`formatRecoveryCode: a recovery secret is ${RECOVERY_SECRET_BYTES} bytes`);
  }
  const data = encodeBase32(secret);
  const body =
    data +
    codeChecksum(symbolsOf(data))
      .map((s) => CROCKFORD_ALPHABET[s])
      .join('');
  const groups = body.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
  return [RECOVERY_CODE_PREFIX, ...groups].join('-');
}

/**
 * Parses a recovery code as a person types it: any case, spaces or hyphens anywhere, I/L/O for 1/1/0. Throws
 * RecoveryCodeFormatError saying what is wrong (prefix, length, character, typo), or NotRecoveryKitError when
 * it is the Account Key typed in the wrong box.
 */
export function parseRecoveryCode(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw new TypeError('parseRecoveryCode: expected a string');
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (!compact.startsWith(RECOVERY_CODE_PREFIX)) {
    if (compact.startsWith(ACCOUNT_KEY_PREFIX)) throw new NotRecoveryKitError('account-key');
    throw new RecoveryCodeFormatError(
      `A recovery code starts with "${RECOVERY_CODE_PREFIX}-". Check that you copied all of it.`,
    );
  }
  const body = compact.slice(RECOVERY_CODE_PREFIX.length).replace(/[IL]/g, '1').replace(/O/g, '0');
  const expected = SECRET_CHARS + CODE_CHECKSUM_CHARS;
  if (body.length !== expected) {
    const diff = body.length - expected;
    const n = Math.abs(diff);
    throw new RecoveryCodeFormatError(
      `This recovery code has ${n} character${n === 1 ? '' : 's'} too ${diff < 0 ? 'few' : 'many'}.`,
    );
  }
  const bad = body.search(/[^0-9A-HJKMNP-TV-Z]/);
  if (bad >= 0) {
    throw new RecoveryCodeFormatError(
      `This recovery code contains a character "${body[bad]}" that cannot appear in one.`,
    );
  }
  const symbols = symbolsOf(body);
  const data = symbols.slice(0, SECRET_CHARS);
  const typed = symbols.slice(SECRET_CHARS);
  const typo = () =>
    new RecoveryCodeFormatError(
      'This recovery code has a typo: its check characters do not match. Check each character.',
    );
  if (codeChecksum(data).some((s, i) => s !== typed[i])) throw typo();
  try {
    return decodeBase32(body.slice(0, SECRET_CHARS));
  } catch (error) {
    // 52 characters carry 260 bits: the last one must end in four zero bits. A checksum that matches over a
    // last character that does not is not a typo we can point at, but it is still not a valid code.
    if (error instanceof Base32Error) throw typo();
    throw error;
  }
}
