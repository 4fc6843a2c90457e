import type { QRCodeErrorCorrectionLevel } from 'qrcode';
import type { RgbaImage } from '../../../../lib/qr/rgba-image';
import { addTexture, drawObjects, fillGradient, randomColor } from './backgrounds';
import { placeSquare, type Pose } from './camera';
import type { Rgb } from './raster';
import { drawSurface, makeCode, type CodeMatrix, type Surface } from './render-code';
import type { Rng } from './rng';

/** Building blocks shared by the scenes: payloads, codes, surfaces, clutter, placement. */

/** One picture of the set: what was drawn and what a decoder should read from it (null: no QR). */
export interface Scene {
  image: RgbaImage;
  expected: string | null;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A payload shaped like ours (DESIGN.md §2): uppercase base32 text, 150–250 characters, alphanumeric mode. */
export function payload(rng: Rng): string {
  let text = 'LK1';
  const length = rng.int(150, 250);
  while (text.length < length) text += BASE32[rng.int(0, 31)];
  return text;
}

export function code(rng: Rng): { text: string; matrix: CodeMatrix } {
  const text = payload(rng);
  const level: QRCodeErrorCorrectionLevel = rng.pick(['M', 'Q']);
  return { text, matrix: makeCode(text, level) };
}

/** Draws a code surface whose modules are `modulePx` pixels wide (head-on) into the image, at a pose. */
export function place(
  rng: Rng,
  image: RgbaImage,
  matrix: CodeMatrix,
  surface: Surface,
  modulePx: number,
  pose: Pose,
  supersample = 3,
): void {
  const side = (matrix.size + 2 * surface.margin) * modulePx;
  drawSurface(image, matrix, surface, placeSquare(rng, image.width, image.height, side, pose), supersample);
}

export function paperSurface(rng: Rng, margin: number, withDecor: boolean): Surface {
  const level = rng.int(215, 252);
  const paper: Rgb = [level, level - rng.int(0, 8), level - rng.int(0, 14)];
  const inkLevel = rng.int(10, 60);
  const decorSeed = rng.int(0, 1e9);
  return {
    paper,
    ink: [inkLevel, inkLevel, inkLevel + rng.int(0, 20)],
    margin,
    ...(withDecor ? { decor: (u: number, v: number) => textMark(u, v, decorSeed) } : {}),
  };
}

/** Deterministic "printed text" in module units: lines 1.6 modules apart, words of glyph strokes. */
export function textMark(u: number, v: number, seed: number): boolean {
  const line = Math.floor(v / 1.6);
  if (v - line * 1.6 > 0.9) return false;
  const word = Math.floor((u + ((line * 7919 + seed) % 13)) / 4.5);
  const h = Math.imul((line * 73856093) ^ (word * 19349663) ^ seed, 0x27d4eb2d) >>> 0;
  if (h % 5 === 0) return false;
  return u - Math.floor(u / 0.45) * 0.45 < 0.16;
}

export function clutter(rng: Rng, image: RgbaImage): void {
  fillGradient(image, rng, randomColor(rng, 40, 220), randomColor(rng, 40, 220));
  addTexture(image, rng, rng.range(40, 200), rng.range(10, 40));
  drawObjects(image, rng, rng.int(3, 15), Math.min(image.width, image.height) * 0.4);
}

export function size(rng: Rng, choices: readonly (readonly [number, number])[]): [number, number] {
  const [w, h] = rng.pick(choices);
  return rng.chance(0.3) ? [h, w] : [w, h];
}
