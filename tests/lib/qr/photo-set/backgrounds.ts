import type { RgbaImage } from '../../../../lib/qr/rgba-image';
import type { Rgb } from './raster';
import type { Rng } from './rng';

/** Scene clutter around (or instead of) the code: desks, documents, UI, and shapes that look like finders. */

export function randomColor(rng: Rng, min = 0, max = 255): Rgb {
  return [rng.int(min, max), rng.int(min, max), rng.int(min, max)];
}

/** A linear gradient between two colours. */
export function fillGradient(image: RgbaImage, rng: Rng, from: Rgb, to: Rgb): void {
  const { data, width, height } = image;
  const angle = rng.range(0, 2 * Math.PI);
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const span = Math.abs(dx) * width + Math.abs(dy) * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = Math.min(1, Math.max(0, 0.5 + ((x - width / 2) * dx + (y - height / 2) * dy) / span));
      const i = (y * width + x) * 4;
      data[i] = from[0] + (to[0] - from[0]) * t;
      data[i + 1] = from[1] + (to[1] - from[1]) * t;
      data[i + 2] = from[2] + (to[2] - from[2]) * t;
    }
  }
}

/** Low-frequency value noise (wood, fabric, a blurred room): bilinear interpolation of a coarse grid. */
export function addTexture(image: RgbaImage, rng: Rng, cell: number, amplitude: number): void {
  const { data, width, height } = image;
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = Float32Array.from({ length: gw * gh }, () => rng.range(-amplitude, amplitude));
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const iy = Math.floor(gy);
    const fy = gy - iy;
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const ix = Math.floor(gx);
      const fx = gx - ix;
      const a = grid[iy * gw + ix]! * (1 - fx) + grid[iy * gw + ix + 1]! * fx;
      const b = grid[(iy + 1) * gw + ix]! * (1 - fx) + grid[(iy + 1) * gw + ix + 1]! * fx;
      const delta = a * (1 - fy) + b * fy;
      const i = (y * width + x) * 4;
      data[i] = data[i]! + delta;
      data[i + 1] = data[i + 1]! + delta;
      data[i + 2] = data[i + 2]! + delta;
    }
  }
}

export function fillRect(image: RgbaImage, x0: number, y0: number, w: number, h: number, color: Rgb): void {
  const { data, width, height } = image;
  const xa = Math.max(0, Math.round(x0));
  const ya = Math.max(0, Math.round(y0));
  const xb = Math.min(width, Math.round(x0 + w));
  const yb = Math.min(height, Math.round(y0 + h));
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const i = (y * width + x) * 4;
      data[i] = color[0];
      data[i + 1] = color[1];
      data[i + 2] = color[2];
    }
  }
}

/** Random objects: filled rectangles of any colour and size. */
export function drawObjects(image: RgbaImage, rng: Rng, count: number, maxSize: number): void {
  for (let k = 0; k < count; k++) {
    const w = rng.range(maxSize * 0.05, maxSize);
    const h = rng.range(maxSize * 0.05, maxSize);
    fillRect(image, rng.range(-w / 2, image.width), rng.range(-h / 2, image.height), w, h, randomColor(rng));
  }
}

/** Lines of "words": dark dashes on a text baseline, like a document, an email or a web page. */
export function drawTextBlock(
  image: RgbaImage,
  rng: Rng,
  region: { x: number; y: number; w: number; h: number },
  lineHeight: number,
  color: Rgb,
): void {
  for (let y = region.y; y + lineHeight <= region.y + region.h; y += lineHeight * rng.range(1.4, 1.8)) {
    let x = region.x;
    const end = region.x + region.w * rng.range(0.6, 1);
    while (x < end) {
      const word = lineHeight * rng.range(1, 5);
      // Letters: thin vertical strokes inside the word's box, so the text has edges at glyph scale.
      for (let s = x; s < Math.min(x + word, end); s += lineHeight * 0.3) {
        fillRect(
          image,
          s,
          y + (rng.chance(0.3) ? 0 : lineHeight * 0.3),
          lineHeight * 0.14,
          lineHeight * 0.7,
          color,
        );
      }
      x += word + lineHeight * 0.5;
    }
  }
}

/**
 * Hard negatives: nested squares with the 1:1:3:1:1 profile of QR finder patterns, sometimes three of
 * them arranged like a QR around random modules, and checkerboards. A decoder that returns text here, or
 * spends seconds on it, fails the no-QR category.
 */
export function drawDecoys(image: RgbaImage, rng: Rng, count: number, maxModule: number): void {
  for (let k = 0; k < count; k++) {
    const m = rng.range(2, maxModule);
    const x = rng.range(0, image.width - 30 * m);
    const y = rng.range(0, image.height - 30 * m);
    const dark: Rgb = [rng.int(0, 60), rng.int(0, 60), rng.int(0, 60)];
    const light: Rgb = [rng.int(200, 255), rng.int(200, 255), rng.int(200, 255)];
    const kind = rng.int(0, 2);
    if (kind === 0 || kind === 1) {
      const finders: [number, number][] =
        kind === 0
          ? [[0, 0]]
          : [
              [0, 0],
              [22, 0],
              [0, 22],
            ];
      if (kind === 1) fillRect(image, x - m, y - m, 31 * m, 31 * m, light);
      for (const [fx, fy] of finders) {
        fillRect(image, x + fx * m, y + fy * m, 7 * m, 7 * m, dark);
        fillRect(image, x + (fx + 1) * m, y + (fy + 1) * m, 5 * m, 5 * m, light);
        fillRect(image, x + (fx + 2) * m, y + (fy + 2) * m, 3 * m, 3 * m, dark);
      }
      if (kind === 1) {
        for (let my = 0; my < 29; my++) {
          for (let mx = 0; mx < 29; mx++) {
            const inFinder = (mx < 8 && my < 8) || (mx > 20 && my < 8) || (mx < 8 && my > 20);
            if (!inFinder && rng.chance(0.5)) fillRect(image, x + mx * m, y + my * m, m, m, dark);
          }
        }
      }
    } else {
      const cells = rng.int(4, 16);
      for (let cy = 0; cy < cells; cy++) {
        for (let cx = 0; cx < cells; cx++) {
          fillRect(image, x + cx * m, y + cy * m, m, m, (cx + cy) % 2 ? dark : light);
        }
      }
    }
  }
}
