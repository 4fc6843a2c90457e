import { importAeadKey, open, seal } from '../crypto/aead';
import { argon2id, ARGON2ID_DEFAULT, ARGON2ID_SALT_BYTES, type Argon2idParams } from '../crypto/argon2id';
import { DecryptionError } from '../crypto/errors';
import { hkdfSha256 } from '../crypto/hkdf';
import { randomBytes } from '../crypto/random';
import { concatBytes, utf8Encode } from '../encoding/bytes';
import { ACCOUNT_KEY_BYTES } from './account-key';
import { accountIdToBytes } from './account-id';
import { WrongPasswordError } from './errors';

/**
 * The key hierarchy of DESIGN §2. Read lib/account/README.md for the diagram. Every derived key is 32 bytes.
 *
 *   password ──Argon2id(kdf)──▶ PWK ─┬─HKDF(PWK‖AK, unlock)──▶ MUK ──wraps──▶ vault key
 *                                   ├─HKDF(PWK‖AK, login)───▶ login secret (OPAQUE's password input)
 *                                   └─HKDF(PWK‖DS, device)──▶ wraps the devices' copy of the AK
 *   AK ──HKDF(device-secret)──▶ DS (stored in the clear on each device, never sent to the server)
 *   password ──Argon2id(qrKdf)──▶ ─HKDF(qr)───────────────▶ QR wrap key (wraps the AK inside the kit)
 */

/** An Argon2id parameter set with its salt; both travel with the account (pre-login) or the kit. */
export interface KdfSpec {
  params: Argon2idParams;
  salt: Uint8Array;
}

/**
 * The QR wrap KDF runs rarely (sign-up, adding a device), so it may be heavier than the unlock KDF: whoever
 * holds the kit email can guess passwords against it offline (DESIGN §2, SECURITY.md). 128 MiB and t=4 cost
 * about 2.7× the unlock KDF per guess (~0.6 s in Chromium here).
 */
export const QR_KDF_DEFAULT: Readonly<Argon2idParams> = Object.freeze({
  memoryKiB: 131_072,
  iterations: 4,
  parallelism: 1,
});

const KEY_BYTES = 32;
// Domain separation: distinct HKDF salts AND infos for every output (DESIGN §2: "separate salt/info").
const UNLOCK = { salt: utf8Encode('latchkey/v1/unlock-key'), info: 'Latchkey unlock key (MUK)' };
const LOGIN = { salt: utf8Encode('latchkey/v1/login-secret'), info: 'Latchkey OPAQUE login secret' };
const DEVICE_SECRET = { salt: utf8Encode('latchkey/v1/device-secret'), info: 'Latchkey device secret' };
const DEVICE_WRAP = { salt: utf8Encode('latchkey/v1/device-wrap'), info: 'Latchkey device Account Key wrap' };
const QR = { salt: utf8Encode('latchkey/v1/qr-wrap'), info: 'Latchkey QR Account Key wrap' };

export function newKdfSpec(params: Argon2idParams = ARGON2ID_DEFAULT): KdfSpec {
  return { params: { ...params }, salt: randomBytes(ARGON2ID_SALT_BYTES) };
}

/** Passwords are Unicode-normalised (NFKC, as 1Password does) so the same password typed on another OS matches. */
export function encodePassword(password: string): Uint8Array<ArrayBuffer> {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  if (password.length === 0) throw new RangeError('password must not be empty');
  return utf8Encode(password.normalize('NFKC'));
}

/** PWK = Argon2id(password, salt). The only slow step of an unlock. */
export function derivePasswordKey(password: string, kdf: KdfSpec): Promise<Uint8Array<ArrayBuffer>> {
  return argon2id(encodePassword(password), kdf.salt, kdf.params, KEY_BYTES);
}

function checkPwkAndAk(pwk: Uint8Array, accountKey: Uint8Array): void {
  if (!(pwk instanceof Uint8Array) || pwk.length !== KEY_BYTES) throw new RangeError('PWK must be 32 bytes');
  if (!(accountKey instanceof Uint8Array) || accountKey.length !== ACCOUNT_KEY_BYTES) {
    throw new RangeError(`Account Key must be ${ACCOUNT_KEY_BYTES} bytes`);
  }
}

/** MUK: needs the password (through PWK) AND the Account Key. */
export function deriveUnlockKey(pwk: Uint8Array, accountKey: Uint8Array): Uint8Array<ArrayBuffer> {
  checkPwkAndAk(pwk, accountKey);
  return hkdfSha256(concatBytes(pwk, accountKey), UNLOCK.salt, UNLOCK.info, KEY_BYTES);
}

/** The login secret fed to OPAQUE as its "password": knowing it never yields MUK (independent HKDF output). */
export function deriveLoginSecret(pwk: Uint8Array, accountKey: Uint8Array): Uint8Array<ArrayBuffer> {
  checkPwkAndAk(pwk, accountKey);
  return hkdfSha256(concatBytes(pwk, accountKey), LOGIN.salt, LOGIN.info, KEY_BYTES);
}

/** QR wrap key = HKDF(Argon2id(password, qrKdf)). Its own salt and parameters, carried in the kit. */
export async function deriveQrWrapKey(password: string, qrKdf: KdfSpec): Promise<Uint8Array<ArrayBuffer>> {
  const stretched = await argon2id(encodePassword(password), qrKdf.salt, qrKdf.params, KEY_BYTES);
  return hkdfSha256(stretched, QR.salt, QR.info, KEY_BYTES);
}

export function generateVaultKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(KEY_BYTES);
}

/** Where a wrapped key belongs: bound into its associated data so a server cannot swap wraps between accounts. */
export interface KeyContext {
  accountId: string;
  keyEpoch: number;
}

function contextAad(purpose: string, ctx: KeyContext): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(ctx.keyEpoch) || ctx.keyEpoch < 1 || ctx.keyEpoch > 0xffff_ffff) {
    throw new RangeError('keyEpoch must be an integer in 1..2^32-1');
  }
  const epoch = new Uint8Array(4);
  new DataView(epoch.buffer).setUint32(0, ctx.keyEpoch);
  return concatBytes(utf8Encode(purpose), accountIdToBytes(ctx.accountId), epoch);
}

async function wrapKey(
  wrappingKey: Uint8Array,
  key: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  return seal(await importAeadKey(wrappingKey), key, aad);
}

async function unwrapKey(
  wrappingKey: Uint8Array,
  box: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await open(await importAeadKey(wrappingKey), box, aad);
  } catch (error) {
    // With an intact box, the only way to fail is a wrapping key derived from the wrong password.
    if (error instanceof DecryptionError) throw new WrongPasswordError();
    throw error;
  }
}

/** The vault key wrapped under MUK, as the server and the device store it (the keyset). */
export function wrapVaultKey(
  muk: Uint8Array,
  vaultKey: Uint8Array,
  ctx: KeyContext,
): Promise<Uint8Array<ArrayBuffer>> {
  if (vaultKey.length !== KEY_BYTES) throw new RangeError('vault key must be 32 bytes');
  return wrapKey(muk, vaultKey, contextAad('latchkey/v1/vault-key', ctx));
}

/** Throws WrongPasswordError when MUK is not the one the vault key was wrapped under. */
export async function unwrapVaultKey(
  muk: Uint8Array,
  wrapped: Uint8Array,
  ctx: KeyContext,
): Promise<Uint8Array<ArrayBuffer>> {
  const vaultKey = await unwrapKey(muk, wrapped, contextAad('latchkey/v1/vault-key', ctx));
  if (vaultKey.length !== KEY_BYTES) throw new RangeError('unwrapped vault key has the wrong length');
  return vaultKey;
}

/**
 * The device secret (DS): 32 bytes derived from the Account Key alone. Each signed-in device stores it in the
 * clear; the server never sees it. It is what keeps the uploaded device box (below) out of the server's reach:
 * opening that box needs PWK AND DS, and DS needs the AK.
 */
export function deriveDeviceSecret(accountKey: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!(accountKey instanceof Uint8Array) || accountKey.length !== ACCOUNT_KEY_BYTES) {
    throw new RangeError(`Account Key must be ${ACCOUNT_KEY_BYTES} bytes`);
  }
  return hkdfSha256(accountKey, DEVICE_SECRET.salt, DEVICE_SECRET.info, KEY_BYTES);
}

function deviceWrapKey(pwk: Uint8Array, deviceSecret: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!(pwk instanceof Uint8Array) || pwk.length !== KEY_BYTES) throw new RangeError('PWK must be 32 bytes');
  if (!(deviceSecret instanceof Uint8Array) || deviceSecret.length !== KEY_BYTES) {
    throw new RangeError('device secret must be 32 bytes');
  }
  return hkdfSha256(concatBytes(pwk, deviceSecret), DEVICE_WRAP.salt, DEVICE_WRAP.info, KEY_BYTES);
}

/**
 * The devices' copy of the Account Key: AEAD under HKDF(PWK ‖ DS), bound to account id and key epoch. The same
 * box sits on every device and on the server (keyset `accountKeyForDevices`), so after a password change on
 * one device the others fetch the new box and open it with the NEW password and the DS they already hold.
 * A copied profile (box + DS) still needs the password; the server (box, no DS) cannot test password guesses.
 * Unlocking runs exactly one Argon2id (for PWK); the rest is HKDF.
 */
export async function wrapAccountKeyForDevices(
  pwk: Uint8Array,
  deviceSecret: Uint8Array,
  accountKey: Uint8Array,
  ctx: KeyContext,
): Promise<Uint8Array<ArrayBuffer>> {
  checkPwkAndAk(pwk, accountKey);
  return wrapKey(deviceWrapKey(pwk, deviceSecret), accountKey, contextAad('latchkey/v1/device-ak', ctx));
}

/**
 * Throws WrongPasswordError when the box does not open: PWK from another password (the usual case), but also
 * a device secret of another Account Key or a box of another account/epoch, which the caller cannot tell apart.
 */
export async function unwrapAccountKeyForDevices(
  pwk: Uint8Array,
  deviceSecret: Uint8Array,
  wrapped: Uint8Array,
  ctx: KeyContext,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await unwrapKey(
    deviceWrapKey(pwk, deviceSecret),
    wrapped,
    contextAad('latchkey/v1/device-ak', ctx),
  );
  if (key.length !== ACCOUNT_KEY_BYTES) throw new RangeError('unwrapped Account Key has the wrong length');
  return key;
}
