/**
 * A fresh random id for fill tokens, inline-menu sessions and save prompts: 16 bytes (128 bits, beyond guessing
 * for the seconds or minutes each lives), base64url without padding: 22 characters, which the protocol's
 * `SessionToken` schema accepts and that never needs escaping.
 */
export const SESSION_TOKEN_BYTES = 16;

export function newSessionToken(random: (length: number) => Uint8Array): string {
  const bytes = random(SESSION_TOKEN_BYTES);
  if (bytes.length !== SESSION_TOKEN_BYTES)
    throw new RangeError('newSessionToken: random gave the wrong length');
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
