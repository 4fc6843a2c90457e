import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lumaToRgba, type Luma } from '../../../lib/qr/luma';
import { binomialBlur, unsharpMask, upscale2x } from '../../../lib/qr/luma-filters';

const plane = (width: number, height: number, f: (x: number, y: number) => number): Luma => ({
  data: Uint8Array.from({ length: width * height }, (_, i) => f(i % width, Math.floor(i / width))),
  width,
  height,
});

const arbPlane = fc
  .record({ w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 24 }), seed: fc.integer() })
  .map(({ w, h, seed }) =>
    plane(w, h, (x, y) => (Math.imul(seed ^ (x * 31 + y * 977), 2654435761) >>> 24) & 255),
  );

describe('binomialBlur', () => {
  test('order 2 is the [1 2 1]/4 kernel in each direction', () => {
    const impulse = plane(5, 5, (x, y) => (x === 2 && y === 2 ? 160 : 0));
    const out = binomialBlur(impulse, 2);
    expect([...out.data.subarray(5, 20)]).toEqual([0, 10, 20, 10, 0, 0, 20, 40, 20, 0, 0, 10, 20, 10, 0]);
  });

  test('property: a constant image is unchanged; values stay within the input range', () => {
    fc.assert(
      fc.property(arbPlane, fc.integer({ min: 1, max: 8 }), (luma, order) => {
        const out = binomialBlur(luma, order);
        const [lo, hi] = [Math.min(...luma.data), Math.max(...luma.data)];
        for (const v of out.data) expect(v >= lo && v <= hi).toBe(true);
        const flat = binomialBlur(
          plane(luma.width, luma.height, () => lo),
          order,
        );
        expect(new Set(flat.data)).toEqual(new Set([lo]));
      }),
    );
  });

  test('RangeError outside orders 1..8', () => {
    expect(() =>
      binomialBlur(
        plane(2, 2, () => 0),
        0,
      ),
    ).toThrow(RangeError);
    expect(() =>
      binomialBlur(
        plane(2, 2, () => 0),
        9,
      ),
    ).toThrow(RangeError);
  });
});

describe('unsharpMask', () => {
  test('steepens an edge and leaves flat areas alone', () => {
    const edge = plane(12, 1, (x) => (x < 6 ? 50 : 200));
    const out = unsharpMask(edge, 4, 1.5).data;
    expect(out[0]).toBe(50);
    expect(out[11]).toBe(200);
    expect(out[5]).toBeLessThan(50);
    expect(out[6]).toBeGreaterThan(200);
  });
});

describe('upscale2x', () => {
  test('doubles each side; bilinear ¾/¼ weights', () => {
    const out = upscale2x(plane(2, 1, (x) => (x === 0 ? 0 : 160)));
    expect([out.width, out.height]).toEqual([4, 2]);
    expect([...out.data.subarray(0, 4)]).toEqual([0, 40, 120, 160]);
  });

  test('property: a constant image stays constant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 255 }),
        (w, h, v) => {
          expect(new Set(upscale2x(plane(w, h, () => v)).data)).toEqual(new Set([v]));
        },
      ),
    );
  });
});

describe('lumaToRgba', () => {
  test('R = G = B = luma, opaque', () => {
    expect([...lumaToRgba(plane(2, 1, (x) => (x ? 7 : 250))).data]).toEqual([
      250, 250, 250, 255, 7, 7, 7, 255,
    ]);
  });
});
