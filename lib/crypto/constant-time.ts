/**
 * Compares two byte arrays in time that depends only on their lengths, not on where they differ.
 * Use it for anything secret-derived (MACs, checksums of secrets, tokens). Lengths are not secret.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) {
    throw new TypeError('constantTimeEqual: expected two Uint8Arrays');
  }
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
