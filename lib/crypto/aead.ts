import { DecryptionError } from './errors';
import { randomBytes } from './random';

/**
 * The AEAD for records and key wrapping: AES-256-GCM through WebCrypto, random 96-bit nonces.
 *
 * Box layout: `alg (1 byte = 0x01) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`. The alg byte is authenticated
 * (prepended to the associated data), so a later algorithm can be introduced without ambiguity.
 *
 * Why GCM with random nonces is safe here: NIST SP 800-38D §8.3 caps random-IV GCM at 2^32 encryptions per
 * key, which keeps the nonce-collision probability below 2^-32. A vault key encrypts once per record write:
 * even 10 million writes (2^23.3) over a vault's life give a collision probability ≈ n²/2^97 ≈ 2^-50.
 * Why WebCrypto and not @noble/ciphers XChaCha20-Poly1305: 10,000 × 400 B decrypt in ~50 ms versus ~140 ms in
 * Chromium (lib/crypto/README.md); the DESIGN §7 unlock budget needs the difference.
 */
export const AEAD_ALG_AES256GCM = 0x01;
export const AEAD_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 12;
export const AEAD_TAG_BYTES = 16;
/** Bytes a box adds to its plaintext. */
export const AEAD_OVERHEAD = 1 + AEAD_NONCE_BYTES + AEAD_TAG_BYTES;

const ALG_HEADER = Uint8Array.of(AEAD_ALG_AES256GCM);

/** A non-extractable AES-256-GCM key: script that gets hold of it can use it but not read it out. */
export interface AeadKey {
  readonly cryptoKey: CryptoKey;
}

export async function importAeadKey(raw: Uint8Array): Promise<AeadKey> {
  if (!(raw instanceof Uint8Array)) throw new TypeError('importAeadKey: key must be a Uint8Array');
  if (raw.length !== AEAD_KEY_BYTES)
    throw new RangeError(`importAeadKey: key must be ${AEAD_KEY_BYTES} bytes, got ${raw.length}`);
  const cryptoKey = await crypto.subtle.importKey('raw', Uint8Array.from(raw), { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
  return { cryptoKey };
}

function additionalData(aad: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(1 + aad.length);
  out.set(ALG_HEADER, 0);
  out.set(aad, 1);
  return out;
}

function checkArgs(key: AeadKey, data: Uint8Array, aad: Uint8Array, fn: string): void {
  if (!key || !(key.cryptoKey instanceof CryptoKey))
    throw new TypeError(`${fn}: key must come from importAeadKey`);
  if (!(data instanceof Uint8Array) || !(aad instanceof Uint8Array)) {
    throw new TypeError(`${fn}: data and associated data must be Uint8Array`);
  }
}

/** Encrypts and authenticates `plaintext`, binding `aad` (not encrypted, but must match on open). */
export async function seal(
  key: AeadKey,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  checkArgs(key, plaintext, aad, 'seal');
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: additionalData(aad), tagLength: AEAD_TAG_BYTES * 8 },
    key.cryptoKey,
    plaintext as Uint8Array<ArrayBuffer>,
  );
  const box = new Uint8Array(1 + AEAD_NONCE_BYTES + ct.byteLength);
  box[0] = AEAD_ALG_AES256GCM;
  box.set(nonce, 1);
  box.set(new Uint8Array(ct), 1 + AEAD_NONCE_BYTES);
  return box;
}

/**
 * Opens a box made by seal(). Throws DecryptionError when it does not authenticate (wrong key, wrong aad,
 * any changed byte, truncated, unknown algorithm); never returns unauthenticated bytes.
 */
export async function open(key: AeadKey, box: Uint8Array, aad: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  checkArgs(key, box, aad, 'open');
  if (box.length < AEAD_OVERHEAD) throw new DecryptionError('Decryption failed: ciphertext is truncated');
  if (box[0] !== AEAD_ALG_AES256GCM)
    throw new DecryptionError(`Decryption failed: unknown algorithm 0x${box[0]!.toString(16)}`);
  try {
    const pt = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: box.subarray(1, 1 + AEAD_NONCE_BYTES) as Uint8Array<ArrayBuffer>,
        additionalData: additionalData(aad),
        tagLength: AEAD_TAG_BYTES * 8,
      },
      key.cryptoKey,
      box.subarray(1 + AEAD_NONCE_BYTES) as Uint8Array<ArrayBuffer>,
    );
    return new Uint8Array(pt);
  } catch (cause) {
    // WebCrypto reports an authentication failure as OperationError; anything else is a bug and rethrown.
    if (cause instanceof DOMException && cause.name === 'OperationError') throw new DecryptionError();
    throw cause;
  }
}

/**
 * Opens many boxes under one key, as an unlock or a sync does, and reports each box on its own: a box that does
 * not authenticate yields a DecryptionError in its slot instead of failing the batch (DESIGN §4: a damaged
 * record is quarantined, the rest of the vault opens). All WebCrypto calls are issued before any is awaited.
 * Speed is the same as `Promise.all(boxes.map(open))` (measured: `aead.decrypt.10k.ms` ≈ `…open-each.ms`);
 * the point is the per-box result.
 */
export function openMany(
  key: AeadKey,
  boxes: readonly Uint8Array[],
  aads: readonly Uint8Array[],
): Promise<Array<Uint8Array<ArrayBuffer> | DecryptionError>> {
  if (!key || !(key.cryptoKey instanceof CryptoKey))
    throw new TypeError('openMany: key must come from importAeadKey');
  if (boxes.length !== aads.length) throw new RangeError('openMany: one associated data per box');
  const results = boxes.map(
    (box, i): Promise<Uint8Array<ArrayBuffer> | DecryptionError> | DecryptionError => {
      const aad = aads[i];
      if (!(box instanceof Uint8Array) || !(aad instanceof Uint8Array)) {
        throw new TypeError('openMany: boxes and associated data must be Uint8Array');
      }
      if (box.length < AEAD_OVERHEAD)
        return new DecryptionError('Decryption failed: ciphertext is truncated');
      if (box[0] !== AEAD_ALG_AES256GCM)
        return new DecryptionError(`Decryption failed: unknown algorithm 0x${box[0]!.toString(16)}`);
      return crypto.subtle
        .decrypt(
          {
            name: 'AES-GCM',
            iv: box.subarray(1, 1 + AEAD_NONCE_BYTES) as Uint8Array<ArrayBuffer>,
            additionalData: additionalData(aad),
            tagLength: AEAD_TAG_BYTES * 8,
          },
          key.cryptoKey,
          box.subarray(1 + AEAD_NONCE_BYTES) as Uint8Array<ArrayBuffer>,
        )
        .then(
          (pt) => new Uint8Array(pt),
          (cause: unknown) => {
            if (cause instanceof DOMException && cause.name === 'OperationError')
              return new DecryptionError();
            throw cause;
          },
        );
    },
  );
  return Promise.all(results);
}
