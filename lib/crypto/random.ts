/**
 * Cryptographically secure random bytes from the platform CSPRNG (WebCrypto getRandomValues, present in
 * browsers, Workers and Node ≥ 19). Never Math.random.
 */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`randomBytes: bad length ${length}`);
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65,536 bytes per call (WebCrypto §10.1.1).
  for (let offset = 0; offset < length; offset += 65_536) {
    crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65_536)));
  }
  return out;
}
