import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * HKDF-SHA-256 (RFC 5869) from @noble/hashes (audited). Synchronous: it is a handful of HMACs, cheaper than
 * a WebCrypto round trip. `info` separates the keys derived from the same input (DESIGN §2).
 */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array | string,
  length: number,
): Uint8Array<ArrayBuffer> {
  if (!(ikm instanceof Uint8Array) || !(salt instanceof Uint8Array)) {
    throw new TypeError('hkdfSha256: ikm and salt must be Uint8Array');
  }
  // RFC 5869 §2.3: L ≤ 255 × HashLen.
  if (!Number.isSafeInteger(length) || length < 1 || length > 255 * 32) {
    throw new RangeError(`hkdfSha256: length must be 1..8160, got ${length}`);
  }
  const infoBytes = typeof info === 'string' ? new TextEncoder().encode(info) : info;
  return Uint8Array.from(hkdf(sha256, ikm, salt, infoBytes, length));
}
