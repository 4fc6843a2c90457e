import * as v from 'valibot';
import { isPlausibleEmail, normalizeEmail } from '../account/email';
import { ARGON2ID_MAX, ARGON2ID_MIN } from '../crypto/argon2id';
import { DEVICE_NAME_MAX_CHARS, EMAIL_MAX_CHARS } from './limits';

/**
 * Field schemas shared by the request and response shapes. Every string is bounded and every integer is a safe
 * integer within stated bounds, so a hostile client cannot make the server store or process unbounded input,
 * and a hostile server cannot hand the client values it would choke on.
 */

/** A safe integer in [min, max]. */
export function int(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return v.pipe(
    v.number('must be a number'),
    v.safeInteger('must be an integer'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
}

const BASE64URL_RE = /^[A-Za-z0-9_-]*$/;

/** Characters of unpadded base64url for `bytes` bytes (RFC 4648 §5, no padding). */
export function base64urlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

/**
 * Unpadded base64url of between minBytes and maxBytes bytes. The server never decodes these (OPAQUE messages,
 * ciphertexts, wrapped keys are opaque to it) but bounds and shapes them, so garbage never reaches storage.
 */
export function base64url(minBytes: number, maxBytes: number = minBytes) {
  const minChars = base64urlLength(minBytes);
  const maxChars = base64urlLength(maxBytes);
  const size = minBytes === maxBytes ? `${minBytes} bytes` : `${minBytes}–${maxBytes} bytes`;
  return v.pipe(
    v.string('must be a base64url string'),
    v.minLength(minChars, `must be base64url of ${size}`),
    v.maxLength(maxChars, `must be base64url of ${size}`),
    v.regex(BASE64URL_RE, 'must be unpadded base64url (A–Z, a–z, 0–9, "-", "_")'),
    // A length of 4n+1 characters cannot come from whole bytes.
    v.check((text) => text.length % 4 !== 1, 'is not valid base64url (impossible length)'),
  );
}

/** Lowercase UUID (RFC 9562): account, session, item, sign-up and login ids. */
export const Uuid = v.pipe(
  v.string('must be a string'),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lowercase UUID'),
);

/** An email as typed; it comes out normalised (lib/account/email.ts), so every layer compares the same form. */
export const Email = v.pipe(
  v.string('must be a string'),
  v.maxLength(EMAIL_MAX_CHARS, `must be at most ${EMAIL_MAX_CHARS} characters`),
  v.transform(normalizeEmail),
  v.check(isPlausibleEmail, 'must be an email address'),
);

/** A point in time on the wire: ISO 8601 (Date#toISOString); parsed into a Date on the way in. */
export const Timestamp = v.pipe(
  v.string('must be an ISO 8601 timestamp'),
  v.isoTimestamp('must be an ISO 8601 timestamp'),
  v.transform((text) => new Date(text)),
);

/**
 * Argon2id parameters of the account KDF, within lib/crypto's floor and ceiling: the server refuses to store
 * weaker ones (a buggy client must not weaken an account), and the client refuses to run out-of-range ones.
 */
export const KdfParams = v.strictObject({
  memoryKiB: int(ARGON2ID_MIN.memoryKiB, ARGON2ID_MAX.memoryKiB),
  iterations: int(ARGON2ID_MIN.iterations, ARGON2ID_MAX.iterations),
  parallelism: int(ARGON2ID_MIN.parallelism, ARGON2ID_MAX.parallelism),
});

/** Argon2id salt: 16 bytes (RFC 9106 §3.1), up to 64 for future formats. */
export const KdfSalt = base64url(16, 64);

/**
 * A key wrapped in an AEAD box: the vault key under MUK (32 bytes box to 61), the Account Key for devices (20
 * bytes box to 49); room for future wrap formats.
 */
export const WrappedKey = base64url(32, 512);

/**
 * What the server keeps for the client to unlock (DESIGN §2 keyset), minus the recovery wrap, as a client writes
 * it (sign-up, password change). `accountKeyForDevices` is the Account Key boxed under a key derived from PWK and
 * the device secret DS = HKDF(AK): a device that knows DS but holds an AK copy wrapped under an old password gets
 * the AK back from the new password alone. Opening it needs DS, so the box gives the server no password oracle.
 */
export const Keyset = v.strictObject({
  kdf: KdfParams,
  salt: KdfSalt,
  wrappedVaultKey: WrappedKey,
  accountKeyForDevices: WrappedKey,
});

/**
 * A keyset as the server hands it out (grants, GET /v1/account). Only accounts created before the box existed
 * (storage migration 2) have none: for them `accountKeyForDevices` is null until their next password change.
 */
export const KeysetRead = v.strictObject({ ...Keyset.entries, accountKeyForDevices: v.nullable(WrappedKey) });

export type Keyset = v.InferOutput<typeof Keyset>;
export type KeysetRead = v.InferOutput<typeof KeysetRead>;

/** Key epochs start at 1 and fit the kit's 32-bit field (lib/account/kit-payload.ts). */
export const KeyEpoch = int(1, 0xffff_ffff);

/** Account-wide revision counter. */
export const Revision = int(0);

export const DeviceName = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(DEVICE_NAME_MAX_CHARS, `must be at most ${DEVICE_NAME_MAX_CHARS} characters`),
  // Shown in lists on other devices: no control characters (line breaks, bidi overrides) in a label.
  v.regex(/^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u, 'must not contain control characters'),
);

/** Bearer tokens: 32 random bytes (256 bits, more than enough against guessing). */
export const TOKEN_BYTES = 32;
export const Token = base64url(TOKEN_BYTES);
