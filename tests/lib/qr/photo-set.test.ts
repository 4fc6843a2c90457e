import { describe, expect, test } from 'vitest';
import { CATEGORIES, photoSet } from './photo-set';
import { homographyFromPoints, apply, invert } from './photo-set/homography';
import { Rng, seedFor } from './photo-set/rng';

/** FNV-1a over the pixels: enough to tell two renders apart. */
function digest(data: Uint8ClampedArray): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i += 7) hash = Math.imul(hash ^ data[i]!, 0x01000193) >>> 0;
  return hash;
}

describe('photo set generator', () => {
  test('deterministic: the same id gives the same pixels; another id does not', () => {
    const [a, b] = photoSet({ perCategory: 2, categories: ['email-screenshot'] });
    const first = a!.make();
    const again = a!.make();
    expect(digest(again.image.data)).toBe(digest(first.image.data));
    expect(again.expected).toBe(first.expected);
    expect(b!.make().expected).not.toBe(first.expected);
  });

  test('payloads look like ours: uppercase base32, 150–250 chars; no-qr cases expect null', () => {
    const [withCode] = photoSet({ perCategory: 1, categories: ['clean'] });
    expect(withCode!.make().expected).toMatch(/^LK1[A-Z2-7]{147,247}$/);
    expect(CATEGORIES).toContain('no-qr');
    expect(photoSet({ perCategory: 3 })).toHaveLength(3 * CATEGORIES.length);
  });

  test('rng and seeds are pinned (a changed generator would silently change the set)', () => {
    const rng = new Rng(42);
    expect([rng.next(), rng.next(), rng.next()].map((v) => v.toFixed(8))).toEqual([
      '0.60110375',
      '0.44829056',
      '0.85246579',
    ]);
    expect(seedFor(20261121, 'clean-0')).toBe(3783550704);
    expect(seedFor(20261121, 'clean-1')).not.toBe(3783550704);
  });

  test('homography maps its four points, and its inverse maps them back', () => {
    const src = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ] as const;
    const dst = [
      [10, 20],
      [110, 30],
      [100, 140],
      [5, 120],
    ] as const;
    const h = homographyFromPoints(src, dst);
    const back = invert(h);
    for (let i = 0; i < 4; i++) {
      const [x, y] = apply(h, src[i]![0], src[i]![1]);
      expect(x).toBeCloseTo(dst[i]![0], 6);
      expect(y).toBeCloseTo(dst[i]![1], 6);
      const [u, v] = apply(back, x, y);
      expect(u).toBeCloseTo(src[i]![0], 6);
      expect(v).toBeCloseTo(src[i]![1], 6);
    }
  });
});
