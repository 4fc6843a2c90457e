import { gcm } from '@noble/ciphers/aes.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  AEAD_ALG_AES256GCM,
  AEAD_NONCE_BYTES,
  AEAD_OVERHEAD,
  AEAD_TAG_BYTES,
  importAeadKey,
  open,
  openMany,
  seal,
  type AeadKey,
} from '../../../lib/crypto/aead';
import { DecryptionError } from '../../../lib/crypto/errors';
import { randomBytes } from '../../../lib/crypto/random';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A ~40-byte record secret and its identity, as the vault binds them (DESIGN §2). */
const PLAINTEXT = utf8('hunter2-correct-horse-battery-staple-42!');
const AAD = utf8('acct:7f3a|rec:019234ab|v1');

let rawKey: Uint8Array;
let key: AeadKey;

beforeAll(async () => {
  rawKey = randomBytes(32);
  key = await importAeadKey(rawKey);
});

/** The promise must reject with DecryptionError; returns the error for further checks. */
async function expectDecryptionError(promise: Promise<unknown>): Promise<DecryptionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DecryptionError);
  return error as DecryptionError;
}

describe('box format', () => {
  test('alg 0x01 ‖ nonce (12) ‖ ciphertext ‖ tag (16), 29 bytes of overhead', async () => {
    const box = await seal(key, PLAINTEXT, AAD);
    expect(AEAD_OVERHEAD).toBe(1 + 12 + 16);
    expect(box.length).toBe(PLAINTEXT.length + AEAD_OVERHEAD);
    expect(box[0]).toBe(AEAD_ALG_AES256GCM);
    expect(AEAD_ALG_AES256GCM).toBe(0x01);
  });

  test('an independent AES-GCM (@noble/ciphers) opens a box with associated data 0x01 ‖ aad', async () => {
    const box = await seal(key, PLAINTEXT, AAD);
    const nonce = box.subarray(1, 1 + AEAD_NONCE_BYTES);
    const pt = gcm(rawKey, nonce, Uint8Array.of(0x01, ...AAD)).decrypt(box.subarray(1 + AEAD_NONCE_BYTES));
    expect(bytesToHex(pt)).toBe(bytesToHex(PLAINTEXT));
    // Without the alg byte in the associated data it does not authenticate: the byte really is bound.
    expect(() => gcm(rawKey, nonce, AAD).decrypt(box.subarray(1 + AEAD_NONCE_BYTES))).toThrow();
  });

  test('open() accepts a box built by @noble/ciphers in the documented layout', async () => {
    const nonce = randomBytes(AEAD_NONCE_BYTES);
    const ct = gcm(rawKey, nonce, Uint8Array.of(0x01, ...AAD)).encrypt(PLAINTEXT);
    const box = Uint8Array.of(0x01, ...nonce, ...ct);
    expect(bytesToHex(await open(key, box, AAD))).toBe(bytesToHex(PLAINTEXT));
  });
});

describe('round trip', () => {
  test('open(seal(pt, aad), aad) = pt for random plaintext and aad, empty ones included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.uint8Array({ maxLength: 256 }),
        async (pt, aad) => {
          const box = await seal(key, pt, aad);
          expect(box.length).toBe(pt.length + AEAD_OVERHEAD);
          expect(bytesToHex(await open(key, box, aad))).toBe(bytesToHex(pt));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('empty plaintext and empty aad', async () => {
    const box = await seal(key, new Uint8Array(0), new Uint8Array(0));
    expect(box.length).toBe(AEAD_OVERHEAD);
    expect((await open(key, box, new Uint8Array(0))).length).toBe(0);
  });

  test('inputs that are views into larger buffers (non-zero byteOffset)', async () => {
    const backing = randomBytes(PLAINTEXT.length + AAD.length + 100);
    backing.set(PLAINTEXT, 7);
    backing.set(AAD, 60);
    const pt = backing.subarray(7, 7 + PLAINTEXT.length);
    const aad = backing.subarray(60, 60 + AAD.length);
    const box = await seal(key, pt, aad);
    const padded = new Uint8Array(box.length + 10);
    padded.set(box, 5);
    expect(bytesToHex(await open(key, padded.subarray(5, 5 + box.length), aad))).toBe(bytesToHex(PLAINTEXT));
  });

  test('the same raw key imported again opens the box', async () => {
    const box = await seal(key, PLAINTEXT, AAD);
    const again = await importAeadKey(Uint8Array.from(rawKey));
    expect(bytesToHex(await open(again, box, AAD))).toBe(bytesToHex(PLAINTEXT));
  });

  test('seal() leaves its inputs unchanged', async () => {
    const pt = Uint8Array.from(PLAINTEXT);
    const aad = Uint8Array.from(AAD);
    await seal(key, pt, aad);
    expect(bytesToHex(pt)).toBe(bytesToHex(PLAINTEXT));
    expect(bytesToHex(aad)).toBe(bytesToHex(AAD));
  });
});

describe('tampering is a DecryptionError', () => {
  let box: Uint8Array;
  beforeAll(async () => {
    box = await seal(key, PLAINTEXT, AAD);
  });

  test('the untouched box opens (control)', async () => {
    expect(bytesToHex(await open(key, box, AAD))).toBe(bytesToHex(PLAINTEXT));
  });

  test('flipping any one bit of any byte: alg, nonce, ciphertext or tag', async () => {
    expect(box.length).toBe(69);
    for (let i = 0; i < box.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const tampered = Uint8Array.from(box);
        tampered[i] = tampered[i]! ^ mask;
        await expectDecryptionError(open(key, tampered, AAD));
      }
    }
  });

  test('truncation at every length, and an appended byte', async () => {
    for (let length = 0; length < box.length; length++) {
      await expectDecryptionError(open(key, box.slice(0, length), AAD));
    }
    await expectDecryptionError(open(key, Uint8Array.of(...box, 0), AAD));
  });

  test('a box cut below 29 bytes says it is truncated', async () => {
    const error = await expectDecryptionError(open(key, box.slice(0, AEAD_OVERHEAD - 1), AAD));
    expect(error.message).toMatch(/truncated/);
  });

  test('wrong key', async () => {
    const other = await importAeadKey(randomBytes(32));
    await expectDecryptionError(open(other, box, AAD));
    const nearlySame = Uint8Array.from(rawKey);
    nearlySame[31] = nearlySame[31]! ^ 1;
    await expectDecryptionError(open(await importAeadKey(nearlySame), box, AAD));
  });

  test('wrong associated data: another record id, a changed byte, extra or missing bytes, none', async () => {
    const wrong = [
      utf8('acct:7f3a|rec:019234ac|v1'),
      utf8('acct:7f3a|rec:019234ab|v2'),
      Uint8Array.of(...AAD, 0),
      AAD.subarray(0, AAD.length - 1),
      new Uint8Array(0),
      // The alg byte is prepended inside open(): a caller cannot smuggle it in the aad.
      Uint8Array.of(AEAD_ALG_AES256GCM, ...AAD),
    ];
    for (const aad of wrong) await expectDecryptionError(open(key, box, aad));
  });

  test('random associated data never opens a box sealed with other associated data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), async (a, b) => {
        fc.pre(bytesToHex(a) !== bytesToHex(b));
        await expectDecryptionError(open(key, await seal(key, PLAINTEXT, a), b));
      }),
      { numRuns: 100 },
    );
  });

  test('an unknown algorithm byte is refused before any decryption', async () => {
    for (const alg of [0x00, 0x02, 0x7f, 0xff]) {
      const other = Uint8Array.from(box);
      other[0] = alg;
      const error = await expectDecryptionError(open(key, other, AAD));
      expect(error.message).toMatch(/unknown algorithm/);
    }
  });

  test('a ciphertext and tag moved under another nonce do not open', async () => {
    const second = await seal(key, PLAINTEXT, AAD);
    const spliced = Uint8Array.from(box);
    spliced.set(second.subarray(1, 1 + AEAD_NONCE_BYTES), 1);
    await expectDecryptionError(open(key, spliced, AAD));
  });
});

describe('nonces', () => {
  test('5,000 seals of the same record under one key never repeat a nonce or a ciphertext', async () => {
    const boxes = await Promise.all(Array.from({ length: 5_000 }, () => seal(key, PLAINTEXT, AAD)));
    const nonces = new Set(boxes.map((b) => bytesToHex(b.subarray(1, 1 + AEAD_NONCE_BYTES))));
    const bodies = new Set(boxes.map((b) => bytesToHex(b.subarray(1 + AEAD_NONCE_BYTES))));
    expect(nonces.size).toBe(boxes.length);
    expect(bodies.size).toBe(boxes.length);
  });

  test('the tag is the last 16 bytes and depends on the nonce', async () => {
    const a = await seal(key, PLAINTEXT, AAD);
    const b = await seal(key, PLAINTEXT, AAD);
    expect(bytesToHex(a.subarray(-AEAD_TAG_BYTES))).not.toBe(bytesToHex(b.subarray(-AEAD_TAG_BYTES)));
  });
});

describe('bad inputs', () => {
  test('importAeadKey: RangeError for any length but 32', async () => {
    for (const n of [0, 16, 24, 31, 33, 64]) {
      await expect(importAeadKey(new Uint8Array(n))).rejects.toBeInstanceOf(RangeError);
    }
  });

  test('importAeadKey: TypeError for something that is not a Uint8Array', async () => {
    for (const raw of ['k'.repeat(32), new ArrayBuffer(32), Array.from({ length: 32 }, () => 0), null]) {
      await expect(importAeadKey(raw as unknown as Uint8Array)).rejects.toBeInstanceOf(TypeError);
    }
  });

  test('the imported key cannot be read back out (non-extractable)', async () => {
    expect(key.cryptoKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key.cryptoKey)).rejects.toThrow();
  });

  test('seal/open: TypeError for a key that did not come from importAeadKey', async () => {
    const box = await seal(key, PLAINTEXT, AAD);
    for (const bad of [null, undefined, {}, { cryptoKey: 'k' }, rawKey]) {
      const k = bad as unknown as AeadKey;
      await expect(seal(k, PLAINTEXT, AAD)).rejects.toBeInstanceOf(TypeError);
      await expect(open(k, box, AAD)).rejects.toBeInstanceOf(TypeError);
    }
  });

  test('seal/open: TypeError for data or associated data that is not a Uint8Array', async () => {
    const box = await seal(key, PLAINTEXT, AAD);
    for (const bad of ['text', Array.from(PLAINTEXT), PLAINTEXT.buffer, null, undefined]) {
      const b = bad as unknown as Uint8Array;
      await expect(seal(key, b, AAD)).rejects.toBeInstanceOf(TypeError);
      await expect(seal(key, PLAINTEXT, b)).rejects.toBeInstanceOf(TypeError);
      await expect(open(key, b, AAD)).rejects.toBeInstanceOf(TypeError);
      await expect(open(key, box, b)).rejects.toBeInstanceOf(TypeError);
    }
  });

  test('a key usable only for other algorithms is refused by WebCrypto, not reported as tampering', async () => {
    const hmac = await crypto.subtle.importKey(
      'raw',
      randomBytes(32),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const box = await seal(key, PLAINTEXT, AAD);
    const error = await open({ cryptoKey: hmac }, box, AAD).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(error).not.toBeInstanceOf(DecryptionError);
  });
});

describe('openMany', () => {
  test('opens every box, and a damaged one fails alone, in its own slot', async () => {
    const key = await importAeadKey(crypto.getRandomValues(new Uint8Array(32)));
    const plaintexts = Array.from({ length: 5 }, (_, i) => new TextEncoder().encode(`record ${i}`));
    const aads = plaintexts.map((_, i) => Uint8Array.of(i));
    const boxes = await Promise.all(plaintexts.map((pt, i) => seal(key, pt, aads[i]!)));
    boxes[2]![20]! ^= 1; // tampered
    boxes[3] = boxes[3]!.subarray(0, 10); // truncated
    const wrongAad = [...aads];
    wrongAad[4] = Uint8Array.of(99);
    const results = await openMany(key, boxes, wrongAad);
    expect(results[0]).toEqual(plaintexts[0]);
    expect(results[1]).toEqual(plaintexts[1]);
    expect(results[2]).toBeInstanceOf(DecryptionError);
    expect(results[3]).toBeInstanceOf(DecryptionError);
    expect(results[4]).toBeInstanceOf(DecryptionError);
    expect(() => openMany(key, boxes, aads.slice(1))).toThrow(RangeError);
  });
});
