import { randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32 } from '../lib/encoding/base32';
import { hmac } from './server-secrets';

/**
 * Account reset codes: 10 Crockford base32 characters (50 bits), shown as XXXXX-XXXXX. With 5 attempts per code
 * and a 30-minute life, a guess succeeds with probability 5 / 2^50 per emailed code. Crockford's alphabet
 * because the code is read from an email and typed: no I/L/O/U, and look-alikes are accepted.
 */
export const RESET_CODE_CHARS = 10;
export const RESET_CODE_TTL_MS = 30 * 60_000;
export const RESET_CODE_MAX_ATTEMPTS = 5;

export function generateResetCode(): string {
  // 7 random bytes = 56 bits = 11.2 characters; keep the first 10 (50 uniformly random bits).
  const code = encodeBase32(randomBytes(7)).slice(0, RESET_CODE_CHARS);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as typed (any case, spaces, hyphens, I/L/O look-alikes) in canonical form, or null if it cannot be one. */
export function normalizeResetCode(typed: string): string | null {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{10}$/.test(compact) ? compact : null;
}

/**
 * What storage keeps: an HMAC under a server key, bound to the account, so neither a database dump (50 bits
 * are brute-forceable against a bare hash) nor a code of another account matches.
 */
export function hashResetCode(key: Buffer, accountId: string, code: string): string {
  const canonical = normalizeResetCode(code);
  if (canonical === null) throw new RangeError('hashResetCode: not a reset code');
  return hmac(key, 'reset-code', accountId, canonical).toString('base64url');
}

/** Constant-time comparison of two stored-form hashes (timing must not reveal how much of a guess matched). */
export function resetCodeHashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'base64url');
  const right = Buffer.from(b, 'base64url');
  return left.length === right.length && timingSafeEqual(left, right);
}
