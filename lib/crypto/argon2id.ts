import { argon2id as argon2idWasm } from 'hash-wasm';
import { KdfParamsError } from './errors';

/**
 * Argon2id parameters. They travel with the account (pre-login, kit payload) so they can be raised later
 * without breaking old accounts; the client checks them before running anything.
 */
export interface Argon2idParams {
  /** Memory in KiB (m). */
  memoryKiB: number;
  /** Passes (t). */
  iterations: number;
  /** Lanes (p). */
  parallelism: number;
}

/**
 * The floor the client accepts: 64 MiB, t=3, p=1. RFC 9106 §4 "second recommended option" (64 MiB, t=3,
 * p=4) with one lane, since the browser runs one thread; above OWASP's Password Storage Cheat Sheet minimum
 * (19 MiB, t=2, p=1). A server (or an attacker posing as one) cannot talk the client below it.
 */
export const ARGON2ID_MIN: Readonly<Argon2idParams> = Object.freeze({
  memoryKiB: 65_536,
  iterations: 3,
  parallelism: 1,
});

/**
 * The ceiling the client will run: a hostile server must not be able to make the extension allocate
 * gigabytes or spin for minutes. 1 GiB and t=16 cover every sane raise for years.
 */
export const ARGON2ID_MAX: Readonly<Argon2idParams> = Object.freeze({
  memoryKiB: 1_048_576,
  iterations: 16,
  parallelism: 4,
});

/** Default parameters for new accounts (the floor: ~220 ms in Chromium on this 2-core machine). */
export const ARGON2ID_DEFAULT: Readonly<Argon2idParams> = ARGON2ID_MIN;

/** Throws KdfParamsError unless the parameters lie within [ARGON2ID_MIN, ARGON2ID_MAX]. */
export function assertArgon2idParams(params: Argon2idParams): void {
  for (const key of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = params[key];
    if (!Number.isSafeInteger(value)) throw new KdfParamsError(`Argon2id ${key} must be an integer`);
    if (value < ARGON2ID_MIN[key]) {
      throw new KdfParamsError(
        `Argon2id ${key}=${value} is below the minimum ${ARGON2ID_MIN[key]}: refusing weak parameters`,
      );
    }
    if (value > ARGON2ID_MAX[key]) {
      throw new KdfParamsError(
        `Argon2id ${key}=${value} is above the maximum ${ARGON2ID_MAX[key]} this client will run`,
      );
    }
  }
  // RFC 9106 §3.1: m ≥ 8p.
  if (params.memoryKiB < 8 * params.parallelism)
    throw new KdfParamsError('Argon2id memory must be at least 8 × parallelism');
}

/** Salts are 16 random bytes (RFC 9106 §3.1 recommends 128 bits). */
export const ARGON2ID_SALT_BYTES = 16;

/**
 * Argon2id (RFC 9106, version 0x13) over `password` and `salt`, checked against the floor and ceiling.
 * Implementation: hash-wasm (WebAssembly), ~3.5× faster than @noble/hashes in Chromium (lib/crypto/README.md);
 * the extension's CSP allows 'wasm-unsafe-eval' for it. It blocks its thread while it runs: call it from the
 * background or a Worker, never from a content script.
 */
export async function argon2id(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2idParams,
  outputBytes = 32,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!(password instanceof Uint8Array) || !(salt instanceof Uint8Array)) {
    throw new TypeError('argon2id: password and salt must be Uint8Array');
  }
  // hash-wasm rejects an empty password with a plain Error; say so here, as the input-boundary RangeError.
  if (password.length === 0) throw new RangeError('argon2id: password must not be empty');
  if (salt.length < ARGON2ID_SALT_BYTES)
    throw new RangeError(`argon2id: salt must be at least ${ARGON2ID_SALT_BYTES} bytes`);
  if (!Number.isSafeInteger(outputBytes) || outputBytes < 16 || outputBytes > 64) {
    throw new RangeError('argon2id: output length must be 16..64 bytes');
  }
  assertArgon2idParams(params);
  return argon2idRaw(password, salt, params, outputBytes);
}

/**
 * The unchecked primitive, for published test vectors (which use tiny parameters). Product code calls argon2id().
 */
export async function argon2idRaw(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2idParams,
  outputBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const out = await argon2idWasm({
    password,
    salt,
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength: outputBytes,
    outputType: 'binary',
  });
  return Uint8Array.from(out);
}
