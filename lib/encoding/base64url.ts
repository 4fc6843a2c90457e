/**
 * Unpadded base64url (RFC 4648 §5), the byte encoding of the API's wire (lib/api/fields.ts) and of the device
 * state in storage.local. btoa/atob exist in browsers, workers and Node ≥ 16, so this runs everywhere lib/ does.
 */
export function toBase64url(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('toBase64url: expected a Uint8Array');
  let binary = '';
  // Chunked: String.fromCharCode(...bytes) overflows the argument limit on large inputs.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws TypeError on anything that is not unpadded base64url (the schemas check shapes before this runs). */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new TypeError('fromBase64url: not unpadded base64url');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
