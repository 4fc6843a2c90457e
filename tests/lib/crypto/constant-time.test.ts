import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { constantTimeEqual } from '../../../lib/crypto/constant-time';

describe('constantTimeEqual', () => {
  test('equal contents are equal, whatever the backing buffers', () => {
    const a = Uint8Array.from({ length: 64 }, (_, i) => i * 3);
    const backing = new Uint8Array(100);
    backing.set(a, 20);
    expect(constantTimeEqual(a, Uint8Array.from(a))).toBe(true);
    expect(constantTimeEqual(a, backing.subarray(20, 84))).toBe(true);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  test('a difference in any single bit at any position is found', () => {
    const a = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
    for (let i = 0; i < a.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const b = Uint8Array.from(a);
        b[i] = b[i]! ^ (1 << bit);
        expect(constantTimeEqual(a, b)).toBe(false);
      }
    }
  });

  test('different lengths are unequal, even when one is a prefix of the other', () => {
    const a = Uint8Array.of(1, 2, 3, 4);
    expect(constantTimeEqual(a, a.subarray(0, 3))).toBe(false);
    expect(constantTimeEqual(a.subarray(0, 0), a)).toBe(false);
  });

  test('agrees with a plain comparison on random pairs', () => {
    const pair = fc.oneof(
      fc.tuple(fc.uint8Array({ maxLength: 48 }), fc.uint8Array({ maxLength: 48 })),
      // Mostly-equal pairs, where an early-exit or off-by-one bug would show.
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 48 }), fc.nat(), fc.integer({ min: 0, max: 255 }))
        .map(([a, at, v]) => {
          const b = Uint8Array.from(a);
          b[at % a.length] = v;
          return [a, b] as const;
        }),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(constantTimeEqual(a, b)).toBe(bytesToHex(a) === bytesToHex(b));
      }),
      { numRuns: 500 },
    );
  });

  test('TypeError for something that is not a Uint8Array', () => {
    const a = Uint8Array.of(1, 2);
    expect(() => constantTimeEqual(a, [1, 2] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => constantTimeEqual('ab' as unknown as Uint8Array, a)).toThrow(TypeError);
    expect(() => constantTimeEqual(a, null as unknown as Uint8Array)).toThrow(TypeError);
  });
});
