import { base64url } from './fields';

/**
 * OPAQUE (RFC 9807) messages as @serenity-kit/opaque encodes them (base64url) for its suite, ristretto255 with
 * SHA-512: Noe = Npk = Nn = 32 and Nh = Nm = Nx = 64 bytes (RFC 9807 §7.1, §4.1.1). Exact sizes rather than
 * bounds: any other length is not a message of this suite, and refusing it here keeps it out of the library.
 */

/** blinded element (Noe). */
export const RegistrationRequest = base64url(32);
/** evaluated element (Noe) ‖ server public key (Npk). */
export const RegistrationResponse = base64url(64);
/** client public key (Npk) ‖ masking key (Nh) ‖ envelope (Nn + Nm) — RFC 9807 §5.1.3. */
export const RegistrationRecord = base64url(192);
/** KE1: credential request (Noe) ‖ client nonce (Nn) ‖ client key share (Npk). */
export const StartLoginRequest = base64url(96);
/** KE2: credential response (Noe + Nn + Npk + Nn + Nm) ‖ server nonce ‖ key share ‖ MAC (Nm). */
export const LoginResponse = base64url(320);
/** KE3: client MAC (Nm). */
export const FinishLoginRequest = base64url(64);

/**
 * The key stretching the OPAQUE client applies to its password input (RFC 9807 §4.3.1 "Stretch"). Every client
 * must use this value for sign-up, login, password change and the Recovery Kit: a record registered with one
 * setting cannot be logged in to with another.
 *
 * Minimal on purpose. OPAQUE's password input here is the login secret, HKDF(PWK ‖ AK) (lib/account), which is
 * already Argon2id-stretched (PWK) and carries the 160-bit Account Key: whoever holds a registration record
 * (a malicious or breached server) cannot test password guesses against it without the AK, so a second
 * password-hardening function adds no security, while the library's default (Argon2id, ~200 ms here) would add
 * its cost to every login on top of the account KDF. The library has no "none" option; 8 KiB and one pass
 * costs ~1 ms.
 */
export const OPAQUE_KEY_STRETCHING = {
  'argon2id-custom': { iterations: 1, memory: 8, parallelism: 1 },
} as const;

/**
 * OPAQUE's password input is a string; the login secret (and the Recovery Kit's) is 32 bytes. Every client
 * encodes it the same way — unpadded base64url — or its logins would not match its registration.
 */
export function opaquePassword(secret: Uint8Array): string {
  if (!(secret instanceof Uint8Array) || secret.length !== 32) {
    throw new RangeError('opaquePassword: a login secret is 32 bytes');
  }
  return btoa(String.fromCharCode(...secret))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
