import { drawDecoys, drawTextBlock } from './backgrounds';
import { randomPose } from './camera';
import { addNoise, createImage, gaussianBlur, unevenLighting } from './raster';
import type { Rng } from './rng';
import { clutter, code, paperSurface, place, type Scene } from './scene-parts';

/**
 * The benchmark photo: a 12 MP (4000 × 3000) phone photo of a printed kit on a cluttered desk, the code
 * about a quarter of the frame wide, tilted, slightly out of focus, noisy, unevenly lit; or the same kind of
 * scene with no code at all. Not part of the rate set (its categories cover the variations).
 */
export function phonePhoto12mp(rng: Rng, withCode: boolean): Scene {
  const image = createImage(4000, 3000);
  clutter(rng, image);
  drawTextBlock(image, rng, { x: 200, y: 150, w: 1600, h: 700 }, 24, [40, 40, 40]);
  drawDecoys(image, rng, 3, 10);
  let expected: string | null = null;
  if (withCode) {
    const { text, matrix } = code(rng);
    expected = text;
    const surface = paperSurface(rng, 12, true);
    place(rng, image, matrix, surface, rng.range(900, 1100) / matrix.size, randomPose(rng, 25), 2);
  }
  gaussianBlur(image, 1.5);
  unevenLighting(image, rng, 0.35);
  addNoise(image, rng, 5);
  return { image, expected };
}
