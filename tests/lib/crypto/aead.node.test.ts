import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, importAeadKey, open, seal } from '../../../lib/crypto/aead';
import { DecryptionError } from '../../../lib/crypto/errors';
import { randomBytes } from '../../../lib/crypto/random';

/**
 * The box format checked against OpenSSL (node:crypto), a third AES-GCM implementation next to WebCrypto and
 * @noble/ciphers (aead.test.ts): Node only. A server-side tool that reads boxes would use exactly this.
 */
describe('lib/crypto boxes and node:crypto (OpenSSL) AES-256-GCM', () => {
  const raw = randomBytes(32);
  const plaintext = new TextEncoder().encode('a secure note that the server never reads');
  const aad = new TextEncoder().encode('acct:1|rec:2|v1');

  test('OpenSSL opens a box with associated data 0x01 ‖ aad', async () => {
    const box = await seal(await importAeadKey(raw), plaintext, aad);
    const nonce = box.subarray(1, 1 + AEAD_NONCE_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', raw, nonce);
    decipher.setAAD(Uint8Array.of(0x01, ...aad));
    decipher.setAuthTag(box.subarray(-AEAD_TAG_BYTES));
    const pt = Buffer.concat([
      decipher.update(box.subarray(1 + AEAD_NONCE_BYTES, -AEAD_TAG_BYTES)),
      decipher.final(),
    ]);
    expect(pt.equals(Buffer.from(plaintext))).toBe(true);
  });

  test('open() reads a box that OpenSSL sealed, and refuses it under other associated data', async () => {
    const nonce = randomBytes(AEAD_NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', raw, nonce);
    cipher.setAAD(Uint8Array.of(0x01, ...aad));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const box = Uint8Array.of(0x01, ...nonce, ...ct, ...cipher.getAuthTag());
    const key = await importAeadKey(raw);
    expect(Buffer.from(await open(key, box, aad)).equals(Buffer.from(plaintext))).toBe(true);
    await expect(open(key, box, new Uint8Array(0))).rejects.toBeInstanceOf(DecryptionError);
  });
});
