import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, test } from 'vitest';
import { randomBytes } from '../../../lib/crypto/random';

describe('randomBytes', () => {
  test('returns exactly the requested length, in a buffer of its own', () => {
    for (const n of [0, 1, 12, 32, 65_535, 65_536, 65_537, 200_000]) {
      const out = randomBytes(n);
      expect(out).toBeInstanceOf(Uint8Array);
      expect(out.length).toBe(n);
      expect(out.byteOffset).toBe(0);
      expect(out.buffer.byteLength).toBe(n);
    }
  });

  test('fills every 65,536-byte chunk past the WebCrypto per-call limit', () => {
    const n = 3 * 65_536 + 1_000;
    const out = randomBytes(n);
    for (let start = 0; start < n; start += 65_536) {
      const chunk = out.subarray(start, Math.min(n, start + 65_536));
      // A chunk left unfilled is all zeros; random bytes have ~1/256 of them (the last chunk has 1,000 bytes).
      const zeros = chunk.reduce((count, b) => count + (b === 0 ? 1 : 0), 0);
      expect(zeros).toBeLessThan(chunk.length / 8);
    }
  });

  test('every byte value occurs and none dominates (loose uniformity check)', () => {
    const out = randomBytes(256 * 400);
    const counts = new Array<number>(256).fill(0);
    for (const b of out) counts[b]!++;
    // Expected 400 each; a binomial(102400, 1/256) leaves 250..550 with probability ≈ 1 - 1e-12 per value.
    expect(Math.min(...counts)).toBeGreaterThan(250);
    expect(Math.max(...counts)).toBeLessThan(550);
  });

  test('10,000 draws of 16 bytes are all distinct', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => bytesToHex(randomBytes(16))));
    expect(seen.size).toBe(10_000);
  });

  test('RangeError for a negative, fractional or non-finite length', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => randomBytes(n)).toThrow(RangeError);
    }
  });
});
