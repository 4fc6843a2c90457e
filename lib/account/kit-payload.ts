import { sha256 } from '@noble/hashes/sha2.js';
import { AEAD_OVERHEAD, importAeadKey, open, seal } from '../crypto/aead';
import { DecryptionError } from '../crypto/errors';
import { constantTimeEqual } from '../crypto/constant-time';
import { Base32Error, decodeBase32, encodeBase32 } from '../encoding/base32';
import { concatBytes, utf8Decode, utf8Encode } from '../encoding/bytes';
import { ACCOUNT_KEY_BYTES } from './account-key';
import { accountIdFromBytes, accountIdToBytes } from './account-id';
import { maskEmail, normalizeEmail, EMAIL_MAX_BYTES } from './email';
import {
  DamagedKitError,
  KitEpochAheadError,
  NotLatchkeyCodeError,
  OutdatedKitError,
  UnsupportedKitVersionError,
  WrongAccountError,
  WrongPasswordError,
} from './errors';
import { deriveQrWrapKey, newKdfSpec, QR_KDF_DEFAULT, type KdfSpec } from './key-hierarchy';

/**
 * The Authentication QR payload, which is also the key file's content (DESIGN §2). Layout in
 * lib/account/README.md. Text form: `LATCHKEY:` + Crockford base32 of the bytes — uppercase only, so the QR
 * uses alphanumeric mode (5.5 bits per character instead of 8).
 */
export const KIT_PREFIX = 'LATCHKEY:';
export const KIT_VERSION = 1;
const KDF_ARGON2ID = 1;
const CHECKSUM_BYTES = 4;
const SALT_BYTES = 16;
const WRAPPED_AK_BYTES = ACCOUNT_KEY_BYTES + AEAD_OVERHEAD;
const FIXED_HEADER_BYTES = 1 + 16 + 4 + 4 + 1 + 4 + 1 + 1 + SALT_BYTES + 1; // up to the email length byte

export interface KitPayload {
  version: number;
  accountId: string;
  /** Normalised (lowercase) email of the account. */
  email: string;
  /** Bumped at every password change: a kit from an older epoch is outdated. */
  keyEpoch: number;
  /** When the kit was made (second precision). */
  createdAt: Date;
  /** The QR wrap KDF (heavier than the unlock KDF) with its own salt. */
  qrKdf: KdfSpec;
  /** AEAD(QR wrap key, Account Key) with the header as associated data. */
  wrappedAccountKey: Uint8Array;
}

export interface CreateKitInput {
  accountId: string;
  email: string;
  keyEpoch: number;
  password: string;
  accountKey: Uint8Array;
  createdAt?: Date;
  qrKdf?: KdfSpec;
}

function encodeHeader(p: Omit<KitPayload, 'wrappedAccountKey'>): Uint8Array<ArrayBuffer> {
  const email = utf8Encode(p.email);
  if (email.length > EMAIL_MAX_BYTES) throw new RangeError('email is too long for a kit');
  if (p.qrKdf.salt.length !== SALT_BYTES) throw new RangeError(`kit KDF salt must be ${SALT_BYTES} bytes`);
  const seconds = Math.floor(p.createdAt.getTime() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > 0xffff_ffff)
    throw new RangeError('createdAt out of range');
  const { memoryKiB, iterations, parallelism } = p.qrKdf.params;
  if (iterations > 255 || parallelism > 255 || memoryKiB > 0xffff_ffff)
    throw new RangeError('kit KDF parameters out of range');
  const header = new Uint8Array(FIXED_HEADER_BYTES + email.length);
  const view = new DataView(header.buffer);
  header[0] = p.version;
  header.set(accountIdToBytes(p.accountId), 1);
  view.setUint32(17, p.keyEpoch);
  view.setUint32(21, seconds);
  header[25] = KDF_ARGON2ID;
  view.setUint32(26, memoryKiB);
  header[30] = iterations;
  header[31] = parallelism;
  header.set(p.qrKdf.salt, 32);
  header[48] = email.length;
  header.set(email, 49);
  return header;
}

function checksum(bytes: Uint8Array): Uint8Array {
  // Detects misreads and truncation so they are reported as "damaged", not as "Incorrect password".
  return sha256(bytes).subarray(0, CHECKSUM_BYTES);
}

/** Makes the kit payload text (for the QR and the key file). Runs the QR KDF once. */
export async function createKit(input: CreateKitInput): Promise<string> {
  if (input.accountKey.length !== ACCOUNT_KEY_BYTES)
    throw new RangeError(`Account Key must be ${ACCOUNT_KEY_BYTES} bytes`);
  if (!Number.isSafeInteger(input.keyEpoch) || input.keyEpoch < 1 || input.keyEpoch > 0xffff_ffff) {
    throw new RangeError('keyEpoch must be an integer in 1..2^32-1');
  }
  const qrKdf = input.qrKdf ?? newKdfSpec(QR_KDF_DEFAULT);
  const header = encodeHeader({
    version: KIT_VERSION,
    accountId: input.accountId,
    email: normalizeEmail(input.email),
    keyEpoch: input.keyEpoch,
    createdAt: input.createdAt ?? new Date(),
    qrKdf,
  });
  const wrapKey = await importAeadKey(await deriveQrWrapKey(input.password, qrKdf));
  const body = concatBytes(header, await seal(wrapKey, input.accountKey, header));
  return KIT_PREFIX + encodeBase32(concatBytes(body, checksum(body)));
}

/**
 * Parses a kit payload without any secret: throws NotLatchkeyCodeError (not ours), DamagedKitError (ours,
 * but misread, truncated or edited) or UnsupportedKitVersionError (ours, from a newer Latchkey).
 */
export function parseKit(text: string, source: 'qr' | 'key-file' = 'qr'): KitPayload {
  if (typeof text !== 'string') throw new TypeError('parseKit: expected a string');
  const trimmed = text.trim();
  if (!trimmed.toUpperCase().startsWith(KIT_PREFIX)) throw new NotLatchkeyCodeError(source);
  let bytes: Uint8Array;
  try {
    bytes = decodeBase32(trimmed.slice(KIT_PREFIX.length));
  } catch (error) {
    if (error instanceof Base32Error) throw new DamagedKitError(error.message);
    throw error;
  }
  if (bytes.length < 1 + CHECKSUM_BYTES) throw new DamagedKitError('too short');
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  if (!constantTimeEqual(checksum(body), bytes.subarray(bytes.length - CHECKSUM_BYTES))) {
    throw new DamagedKitError('checksum mismatch');
  }
  if (body[0] !== KIT_VERSION) {
    if (body[0]! > KIT_VERSION) throw new UnsupportedKitVersionError(body[0]!);
    throw new DamagedKitError(`unknown version ${body[0]}`);
  }
  if (body.length < FIXED_HEADER_BYTES) throw new DamagedKitError('header truncated');
  const emailLength = body[48]!;
  const headerLength = FIXED_HEADER_BYTES + emailLength;
  if (body.length !== headerLength + WRAPPED_AK_BYTES)
    throw new DamagedKitError('length does not match its fields');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body[25] !== KDF_ARGON2ID) throw new DamagedKitError(`unknown KDF ${body[25]}`);
  let email: string;
  try {
    email = utf8Decode(body.subarray(49, headerLength));
  } catch {
    throw new DamagedKitError('email is not UTF-8');
  }
  const keyEpoch = view.getUint32(17);
  if (keyEpoch < 1) throw new DamagedKitError('key epoch 0');
  return {
    version: body[0]!,
    accountId: accountIdFromBytes(body.slice(1, 17)),
    email,
    keyEpoch,
    createdAt: new Date(view.getUint32(21) * 1000),
    qrKdf: {
      params: { memoryKiB: view.getUint32(26), iterations: body[30]!, parallelism: body[31]! },
      salt: body.slice(32, 48),
    },
    wrappedAccountKey: body.slice(headerLength),
  };
}

/** What the account looks like now (from the signed-in state or the server's pre-login answer). */
export interface KitExpectation {
  email: string;
  /** Known once the account is known; lets a kit of a reset-and-recreated account be told apart. */
  accountId?: string;
  /** The account's current key epoch and when it began (the last password change). */
  keyEpoch?: number;
  keyEpochSince?: Date;
}

/** Throws WrongAccountError, OutdatedKitError or KitEpochAheadError when the kit is not this account's current one. */
export function checkKitAgainstAccount(kit: KitPayload, expected: KitExpectation): void {
  if (kit.email !== normalizeEmail(expected.email))
    throw new WrongAccountError(maskEmail(kit.email), 'email');
  if (expected.accountId !== undefined && kit.accountId !== expected.accountId) {
    throw new WrongAccountError(maskEmail(kit.email), 'reset');
  }
  if (expected.keyEpoch !== undefined) {
    if (kit.keyEpoch < expected.keyEpoch) {
      throw new OutdatedKitError(expected.keyEpochSince ?? kit.createdAt, kit.keyEpoch, expected.keyEpoch);
    }
    if (kit.keyEpoch > expected.keyEpoch) throw new KitEpochAheadError();
  }
}

/**
 * Parses, checks against the account, and unwraps the Account Key with the password. The checks run before
 * the (slow) KDF, and a wrong password is reported as WrongPasswordError, never as a bad code.
 */
export async function openKit(
  text: string,
  password: string,
  expected: KitExpectation,
  source: 'qr' | 'key-file' = 'qr',
): Promise<{ kit: KitPayload; accountKey: Uint8Array<ArrayBuffer> }> {
  const kit = parseKit(text, source);
  checkKitAgainstAccount(kit, expected);
  const header = encodeHeader(kit);
  const wrapKey = await importAeadKey(await deriveQrWrapKey(password, kit.qrKdf));
  try {
    return { kit, accountKey: await open(wrapKey, kit.wrappedAccountKey, header) };
  } catch (error) {
    // The checksum vouched for the bytes, so a failing AEAD means the password is wrong.
    if (error instanceof DecryptionError) throw new WrongPasswordError();
    throw error;
  }
}
