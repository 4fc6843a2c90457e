import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

/**
 * One-time codes for a login's `totp` field: RFC 6238 TOTP over RFC 4226 HOTP. The field holds either a bare
 * base32 secret (what most sites show under "can't scan the code?") or an otpauth://totp/ URI in Google's Key
 * Uri Format (https://github.com/google/google-authenticator/wiki/Key-Uri-Format), which may also choose the
 * hash, the number of digits and the period.
 *
 * HMAC comes from @noble/hashes (synchronous), so a code can be computed on every render tick without awaits.
 */

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface TotpParams {
  secret: Uint8Array;
  algorithm: TotpAlgorithm;
  /** 6–8 (RFC 4226 §5.3 requires at least 6; the Key Uri Format allows 6 or 8; 7 costs nothing to allow). */
  digits: number;
  /** Seconds per step (RFC 6238 §5.2 recommends 30, the default). */
  period: number;
  issuer: string;
  account: string;
}

export interface TotpCode {
  code: string;
  /** Seconds until this code is replaced (1..period). */
  remainingSeconds: number;
  period: number;
}

/** The text is neither a base32 secret nor an otpauth://totp/ URI we can use; the message says why. */
export class TotpFormatError extends Error {
  override readonly name = 'TotpFormatError';
}

/** RFC 4648 §6 alphabet. */
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Google Authenticator refuses keys shorter than 16 characters (80 bits); so do we: shorter ones are typos. */
const SECRET_MIN_CHARS = 16;
/** 1024 bits is far beyond any real secret (RFC 4226 §4 recommends 160) and bounds the work. */
const SECRET_MAX_CHARS = 256;
const PERIOD_MAX_SECONDS = 300;

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/** Decodes an RFC 4648 base32 secret, tolerating spaces, hyphens, lowercase and '=' padding. */
export function decodeTotpSecret(text: string): Uint8Array {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (clean.length === 0) throw new TotpFormatError('The one-time code secret is empty');
  if (clean.length < SECRET_MIN_CHARS) throw new TotpFormatError('The one-time code secret is too short');
  if (clean.length > SECRET_MAX_CHARS) throw new TotpFormatError('The one-time code secret is too long');
  // RFC 4648 §6: 1, 3 or 6 trailing characters cannot come from whole bytes.
  if ([1, 3, 6].includes(clean.length % 8)) {
    throw new TotpFormatError('The one-time code secret is not valid base32 (wrong length)');
  }
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) {
      throw new TotpFormatError('The one-time code secret may only contain the letters A–Z and digits 2–7');
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Parses the `totp` field of a login: a base32 secret or an otpauth://totp/ URI. Throws TotpFormatError. */
export function parseTotp(text: string): TotpParams {
  const trimmed = text.trim();
  if (/^otpauth:/i.test(trimmed)) return parseOtpauthUri(trimmed);
  return {
    secret: decodeTotpSecret(trimmed),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    issuer: '',
    account: '',
  };
}

function parseOtpauthUri(uri: string): TotpParams {
  const match = /^otpauth:\/\/([^/?#]*)\/([^?#]*)(?:\?([^#]*))?/i.exec(uri);
  if (match === null) throw new TotpFormatError('The one-time code link is not an otpauth:// address');
  const [, kind = '', rawLabel = '', query = ''] = match;
  if (kind.toLowerCase() === 'hotp') {
    throw new TotpFormatError('Counter-based (HOTP) one-time codes are not supported, only time-based ones');
  }
  if (kind.toLowerCase() !== 'totp')
    throw new TotpFormatError('The one-time code link is not an otpauth://totp/ link');
  const params = new URLSearchParams(query);
  const secretText = params.get('secret');
  if (secretText === null) throw new TotpFormatError('The one-time code link has no secret');

  const algorithm = (params.get('algorithm') ?? 'SHA1').toUpperCase();
  if (algorithm !== 'SHA1' && algorithm !== 'SHA256' && algorithm !== 'SHA512') {
    throw new TotpFormatError(
      'The one-time code link asks for an unknown algorithm (SHA1, SHA256 or SHA512)',
    );
  }
  const digits = integerParam(params.get('digits'), 6);
  if (digits === null || digits < 6 || digits > 8) {
    throw new TotpFormatError('The one-time code link asks for an unsupported number of digits (6 to 8)');
  }
  const period = integerParam(params.get('period'), 30);
  if (period === null || period < 1 || period > PERIOD_MAX_SECONDS) {
    throw new TotpFormatError(
      `The one-time code link asks for an unsupported period (1 to ${PERIOD_MAX_SECONDS} s)`,
    );
  }
  const label = safeDecode(rawLabel);
  // Key Uri Format: the label is "issuer:account" (or just "account"); the issuer parameter wins.
  const colon = label.indexOf(':');
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  const issuer = (params.get('issuer') ?? (colon >= 0 ? label.slice(0, colon) : '')).trim();
  return { secret: decodeTotpSecret(secretText), algorithm, digits, period, issuer, account };
}

function integerParam(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  return /^\d{1,4}$/.test(value) ? Number(value) : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * RFC 4226 §5.3 HOTP: HMAC of the 8-byte big-endian counter, dynamic truncation, modulo 10^digits.
 * The counter is a safe integer (a TOTP step count stays far below 2^53).
 */
export function hotp(
  secret: Uint8Array,
  counter: number,
  digits: number,
  algorithm: TotpAlgorithm = 'SHA1',
): string {
  if (!Number.isSafeInteger(counter) || counter < 0)
    throw new RangeError('counter must be a non-negative integer');
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) throw new RangeError('digits must be 6 to 8');
  const message = new Uint8Array(8);
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const mac = hmac(HASHES[algorithm], secret, message);
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = new DataView(mac.buffer, mac.byteOffset + offset, 4).getUint32(0) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, '0');
}

/** RFC 6238 §4.2: T = floor((now − T0) / X) with T0 = 0 (the Unix epoch). */
export function totpCode(params: TotpParams, nowMs: number): TotpCode {
  const seconds = Math.floor(nowMs / 1000);
  const step = Math.floor(seconds / params.period);
  return {
    code: hotp(params.secret, step, params.digits, params.algorithm),
    remainingSeconds: params.period - (seconds % params.period),
    period: params.period,
  };
}
