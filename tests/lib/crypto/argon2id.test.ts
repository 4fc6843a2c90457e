import { argon2id as nobleArgon2id, argon2idAsync as nobleArgon2idAsync } from '@noble/hashes/argon2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  argon2id,
  argon2idRaw,
  assertArgon2idParams,
  ARGON2ID_DEFAULT,
  ARGON2ID_MAX,
  ARGON2ID_MIN,
  ARGON2ID_SALT_BYTES,
  type Argon2idParams,
} from '../../../lib/crypto/argon2id';
import { KdfParamsError } from '../../../lib/crypto/errors';
import { REFERENCE_ARGON2ID, RFC9106_ARGON2ID } from './vectors/argon2id';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The hash field of a PHC string is unpadded standard base64. */
function phcHashHex(encoded: string): string {
  const b64 = encoded.split('$').at(-1)!;
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return bytesToHex(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

describe('published vectors', () => {
  test('@noble/hashes matches RFC 9106 §5.3 (secret K and associated data X)', () => {
    const v = RFC9106_ARGON2ID;
    const tag = nobleArgon2id(v.password, v.salt, {
      m: v.memoryKiB,
      t: v.iterations,
      p: v.parallelism,
      dkLen: 32,
      key: v.secret,
      personalization: v.associatedData,
    });
    expect(bytesToHex(tag)).toBe(v.tag);
  });

  test('the RFC 9106 vector depends on X, so hash-wasm (which has no X input) is checked elsewhere', () => {
    const v = RFC9106_ARGON2ID;
    const withoutX = nobleArgon2id(v.password, v.salt, {
      m: v.memoryKiB,
      t: v.iterations,
      p: v.parallelism,
      dkLen: 32,
      key: v.secret,
    });
    expect(bytesToHex(withoutX)).not.toBe(v.tag);
  });

  for (const v of REFERENCE_ARGON2ID) {
    const params: Argon2idParams = {
      memoryKiB: 1 << v.log2MemoryKiB,
      iterations: v.iterations,
      parallelism: v.parallelism,
    };
    const label = `m=${params.memoryKiB} t=${v.iterations} p=${v.parallelism} "${v.password}"/"${v.salt}"`;

    test(`reference test.c: the hex and the PHC string agree (${label})`, () => {
      expect(phcHashHex(v.encoded)).toBe(v.hex);
      expect(v.encoded).toContain(`$m=${params.memoryKiB},t=${v.iterations},p=${v.parallelism}$`);
    });

    test(`reference test.c: hash-wasm, the production primitive (${label})`, async () => {
      const out = await argon2idRaw(utf8(v.password), utf8(v.salt), params, 32);
      expect(bytesToHex(out)).toBe(v.hex);
    });

    // @noble/hashes is the independent implementation the property below trusts; check it too, where cheap.
    if (params.memoryKiB <= 256) {
      test(`reference test.c: @noble/hashes (${label})`, () => {
        const out = nobleArgon2id(utf8(v.password), utf8(v.salt), {
          m: params.memoryKiB,
          t: v.iterations,
          p: v.parallelism,
          dkLen: 32,
        });
        expect(bytesToHex(out)).toBe(v.hex);
      });
    }
  }
});

describe('hash-wasm agrees with @noble/hashes', () => {
  test('on random inputs with small parameters (m=8..64 KiB, t=1..3, p=1..2)', async () => {
    const cases = fc
      .record({
        // hash-wasm refuses an empty password, and salts under 8 bytes (RFC 9106 §3.1 allows 8..2^32-1).
        password: fc.uint8Array({ minLength: 1, maxLength: 64 }),
        salt: fc.uint8Array({ minLength: 8, maxLength: 32 }),
        parallelism: fc.integer({ min: 1, max: 2 }),
        memoryKiB: fc.integer({ min: 8, max: 64 }),
        iterations: fc.integer({ min: 1, max: 3 }),
        outputBytes: fc.integer({ min: 4, max: 80 }),
      })
      .filter((c) => c.memoryKiB >= 8 * c.parallelism);
    await fc.assert(
      fc.asyncProperty(cases, async ({ password, salt, outputBytes, ...params }) => {
        const wasm = await argon2idRaw(password, salt, params, outputBytes);
        const noble = nobleArgon2id(password, salt, {
          m: params.memoryKiB,
          t: params.iterations,
          p: params.parallelism,
          dkLen: outputBytes,
        });
        expect(bytesToHex(wasm)).toBe(bytesToHex(noble));
      }),
      { numRuns: 60 },
    );
  });
});

describe('argon2id() at production parameters', () => {
  test('the floor is 64 MiB, t=3, p=1 and new accounts use it', () => {
    expect(ARGON2ID_MIN).toEqual({ memoryKiB: 65_536, iterations: 3, parallelism: 1 });
    expect(ARGON2ID_DEFAULT).toEqual(ARGON2ID_MIN);
    expect(Object.isFrozen(ARGON2ID_MIN) && Object.isFrozen(ARGON2ID_MAX)).toBe(true);
    expect(ARGON2ID_SALT_BYTES).toBe(16);
  });

  test('derives the same 32 bytes as @noble/hashes (one 64 MiB derivation each)', async () => {
    const password = utf8('correct horse battery staple');
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
    const out = await argon2id(password, salt, ARGON2ID_DEFAULT);
    const noble = await nobleArgon2idAsync(password, salt, {
      m: ARGON2ID_DEFAULT.memoryKiB,
      t: ARGON2ID_DEFAULT.iterations,
      p: ARGON2ID_DEFAULT.parallelism,
      dkLen: 32,
    });
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out.length).toBe(32);
    expect(bytesToHex(out)).toBe(bytesToHex(noble));
  });
});

describe('argon2id() refuses what it must not run', () => {
  const salt = new Uint8Array(16).fill(9);
  const password = utf8('pw');

  const weak: [string, Argon2idParams][] = [
    ['memory one KiB below the floor', { ...ARGON2ID_MIN, memoryKiB: 65_535 }],
    ['OWASP minimum (19 MiB, t=2)', { memoryKiB: 19_456, iterations: 2, parallelism: 1 }],
    ['t=2', { ...ARGON2ID_MIN, iterations: 2 }],
    ['p=0', { ...ARGON2ID_MIN, parallelism: 0 }],
    ['negative memory', { ...ARGON2ID_MIN, memoryKiB: -65_536 }],
  ];
  const excessive: [string, Argon2idParams][] = [
    ['memory above 1 GiB', { ...ARGON2ID_MIN, memoryKiB: 1_048_577 }],
    ['memory 2^40 KiB', { ...ARGON2ID_MIN, memoryKiB: 2 ** 40 }],
    ['t=17', { ...ARGON2ID_MIN, iterations: 17 }],
    ['p=5', { ...ARGON2ID_MIN, parallelism: 5 }],
  ];
  const malformed: [string, Argon2idParams][] = [
    ['fractional memory', { ...ARGON2ID_MIN, memoryKiB: 65_536.5 }],
    ['NaN iterations', { ...ARGON2ID_MIN, iterations: Number.NaN }],
    ['infinite memory', { ...ARGON2ID_MIN, memoryKiB: Number.POSITIVE_INFINITY }],
    ['a string', { ...ARGON2ID_MIN, iterations: '3' as unknown as number }],
  ];

  for (const [name, params] of [...weak, ...excessive, ...malformed]) {
    test(`KdfParamsError for ${name}, before any work`, async () => {
      const started = performance.now();
      await expect(argon2id(password, salt, params)).rejects.toBeInstanceOf(KdfParamsError);
      // A real 64 MiB derivation takes ~0.2 s or more here; a refusal must not start one.
      expect(performance.now() - started).toBeLessThan(100);
    });
  }

  test('the names of the refused parameters are in the messages', () => {
    expect(() => assertArgon2idParams({ ...ARGON2ID_MIN, memoryKiB: 1024 })).toThrow(
      /memoryKiB.*below the minimum/,
    );
    expect(() => assertArgon2idParams({ ...ARGON2ID_MIN, iterations: 99 })).toThrow(
      /iterations.*above the maximum/,
    );
  });

  test('every parameter set inside [MIN, MAX] passes the check and any one outside fails it', () => {
    const key = fc.constantFrom('memoryKiB' as const, 'iterations' as const, 'parallelism' as const);
    const inside = fc.record({
      memoryKiB: fc.integer({ min: ARGON2ID_MIN.memoryKiB, max: ARGON2ID_MAX.memoryKiB }),
      iterations: fc.integer({ min: ARGON2ID_MIN.iterations, max: ARGON2ID_MAX.iterations }),
      parallelism: fc.integer({ min: ARGON2ID_MIN.parallelism, max: ARGON2ID_MAX.parallelism }),
    });
    fc.assert(
      fc.property(
        inside,
        key,
        fc.boolean(),
        fc.integer({ min: 1, max: 1_000_000 }),
        (params, k, below, by) => {
          expect(() => assertArgon2idParams(params)).not.toThrow();
          const out = { ...params, [k]: below ? ARGON2ID_MIN[k] - by : ARGON2ID_MAX[k] + by };
          expect(() => assertArgon2idParams(out)).toThrow(KdfParamsError);
        },
      ),
    );
  });

  test('RangeError for a salt shorter than 16 bytes', async () => {
    await expect(argon2id(password, new Uint8Array(15), ARGON2ID_MIN)).rejects.toBeInstanceOf(RangeError);
    await expect(argon2id(password, new Uint8Array(0), ARGON2ID_MIN)).rejects.toBeInstanceOf(RangeError);
  });

  test('RangeError for an output length outside 16..64 bytes', async () => {
    for (const n of [0, 15, 65, 16.5, Number.NaN]) {
      await expect(argon2id(password, salt, ARGON2ID_MIN, n)).rejects.toBeInstanceOf(RangeError);
    }
  });

  test('RangeError for an empty password', async () => {
    await expect(argon2id(new Uint8Array(0), salt, ARGON2ID_MIN)).rejects.toBeInstanceOf(RangeError);
  });

  test('TypeError for a password or salt that is not a Uint8Array', async () => {
    await expect(argon2id('pw' as unknown as Uint8Array, salt, ARGON2ID_MIN)).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(
      argon2id(password, Array.from(salt) as unknown as Uint8Array, ARGON2ID_MIN),
    ).rejects.toBeInstanceOf(TypeError);
  });
});
