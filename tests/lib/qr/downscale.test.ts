import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { factorForMaxSide, shrinkRgba } from '../../../lib/qr/downscale';
import { toLuma } from '../../../lib/qr/luma';

function rgba(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...pixel(x, y), 255], (y * width + x) * 4);
  }
  return { data, width, height };
}

describe('shrinkRgba', () => {
  test('averages each block (factor 2 reads every pixel)', () => {
    const image = rgba(4, 2, (x) => (x < 2 ? [0, 0, 0] : [255, 255, 255]));
    image.data.set([100, 100, 100, 255], 0); // one grey pixel in the first block: (100 + 0 + 0 + 0) / 4 = 25
    expect([...shrinkRgba(image, 2).data]).toEqual([25, 255]);
  });

  test('drops the partial blocks at the right and bottom edges', () => {
    const small = shrinkRgba(
      rgba(9, 5, () => [10, 10, 10]),
      4,
    );
    expect([small.width, small.height]).toEqual([2, 1]);
  });

  test('uses Rec. 601 luma, like zxing-cpp', () => {
    expect([
      ...shrinkRgba(
        rgba(1, 1, () => [255, 0, 0]),
        1,
      ).data,
    ]).toEqual([76]);
    expect([...toLuma(rgba(1, 1, () => [0, 255, 0])).data]).toEqual([150]);
  });

  test('property: a uniform image stays uniform at any factor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 255 }),
        (w, h, f, v) => {
          const small = shrinkRgba(
            rgba(w, h, () => [v, v, v]),
            f,
          );
          expect(small.width).toBe(Math.max(1, Math.floor(w / f)));
          expect(new Set(small.data)).toEqual(new Set([v]));
        },
      ),
    );
  });

  test('RangeError for a factor that is not a positive integer', () => {
    expect(() =>
      shrinkRgba(
        rgba(2, 2, () => [0, 0, 0]),
        0,
      ),
    ).toThrow(RangeError);
    expect(() =>
      shrinkRgba(
        rgba(2, 2, () => [0, 0, 0]),
        1.5,
      ),
    ).toThrow(RangeError);
    expect(() =>
      shrinkRgba(
        rgba(2, 2, () => [0, 0, 0]),
        65,
      ),
    ).toThrow(RangeError);
  });
});

test('factor 4 and above average a 2×2 grid of samples half a block apart', () => {
  // In each 4×4 block, only pixels at (0,0), (2,0), (0,2), (2,2) count.
  const image = rgba(4, 4, (x, y) => (x % 2 === 0 && y % 2 === 0 ? [200, 200, 200] : [0, 0, 0]));
  expect([...shrinkRgba(image, 4).data]).toEqual([200]);
});

describe('factorForMaxSide', () => {
  test('the smallest factor that fits', () => {
    expect(factorForMaxSide(4000, 3000, 1024)).toBe(4);
    expect(factorForMaxSide(1024, 700, 1024)).toBe(1);
    expect(factorForMaxSide(1025, 10, 1024)).toBe(2);
  });
});
