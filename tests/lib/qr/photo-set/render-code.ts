import { create, type QRCodeErrorCorrectionLevel } from 'qrcode';
import type { RgbaImage } from '../../../../lib/qr/rgba-image';
import { apply, homographyFromPoints, invert, type Point } from './homography';
import type { Rgb } from './raster';

/** A QR symbol's module grid. */
export interface CodeMatrix {
  readonly size: number;
  dark(x: number, y: number): boolean;
}

export function makeCode(text: string, errorCorrectionLevel: QRCodeErrorCorrectionLevel): CodeMatrix {
  const { modules } = create(text, { errorCorrectionLevel });
  return { size: modules.size, dark: (x, y) => modules.data[y * modules.size + x] === 1 };
}

/**
 * How the surface carrying the code looks, in module units: the symbol spans [0, size]², the surface
 * (paper, or the screen's white area) extends `margin` modules beyond it on every side.
 */
export interface Surface {
  paper: Rgb;
  ink: Rgb;
  margin: number;
  /** Printed text-like marks on the surface beyond the quiet zone (a kit printout, an email). */
  decor?: (u: number, v: number) => boolean;
  /** An LCD: this many screen pixels per module, each drawn as R, G, B stripes with a dark grid. */
  screenPixelsPerModule?: number;
  /** Paper bow: the middle of the surface is displaced by this many modules vertically (curled paper). */
  bend?: number;
}

/** Where the surface's corners (top-left, top-right, bottom-right, bottom-left) land in the image. */
export type Quad = readonly [Point, Point, Point, Point];

/**
 * Draws the surface into the image through a homography, averaging `supersample`² samples per pixel so that
 * edges are anti-aliased and fine textures (screen stripes) alias into moiré the way a camera's sensor does.
 */
export function drawSurface(
  image: RgbaImage,
  code: CodeMatrix,
  surface: Surface,
  quad: Quad,
  supersample = 3,
): void {
  const lo = -surface.margin;
  const hi = code.size + surface.margin;
  const toImage = homographyFromPoints(
    [
      [lo, lo],
      [hi, lo],
      [hi, hi],
      [lo, hi],
    ],
    quad,
  );
  const toPlane = invert(toImage);
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(image.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(image.height - 1, Math.ceil(Math.max(...ys)));
  const n = supersample;
  const { data, width } = image;
  const center = code.size / 2;
  const half = code.size / 2 + surface.margin;
  const color = [0, 0, 0];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [u, flatV] = apply(toPlane, x + (sx + 0.5) / n, y + (sy + 0.5) / n);
          const t = (u - center) / half;
          const v = surface.bend ? flatV - surface.bend * (1 - t * t) : flatV;
          if (u < lo || u >= hi || v < lo || v >= hi) continue;
          surfaceColor(code, surface, u, v, color);
          r += color[0]!;
          g += color[1]!;
          b += color[2]!;
          covered++;
        }
      }
      if (covered === 0) continue;
      const i = (y * width + x) * 4;
      const rest = n * n - covered;
      data[i] = (r + data[i]! * rest) / (n * n);
      data[i + 1] = (g + data[i + 1]! * rest) / (n * n);
      data[i + 2] = (b + data[i + 2]! * rest) / (n * n);
    }
  }
}

function surfaceColor(code: CodeMatrix, surface: Surface, u: number, v: number, out: number[]): void {
  const ppm = surface.screenPixelsPerModule;
  // On a screen, each screen pixel shows the module under its centre.
  const su = ppm ? (Math.floor(u * ppm) + 0.5) / ppm : u;
  const sv = ppm ? (Math.floor(v * ppm) + 0.5) / ppm : v;
  const mx = Math.floor(su);
  const my = Math.floor(sv);
  let inked: boolean;
  if (mx >= 0 && my >= 0 && mx < code.size && my < code.size) inked = code.dark(mx, my);
  else
    inked =
      mx < -4 || my < -4 || mx >= code.size + 4 || my >= code.size + 4 ? !!surface.decor?.(su, sv) : false;
  const base = inked ? surface.ink : surface.paper;
  if (!ppm) {
    out[0] = base[0];
    out[1] = base[1];
    out[2] = base[2];
    return;
  }
  const fu = u * ppm - Math.floor(u * ppm);
  const fv = v * ppm - Math.floor(v * ppm);
  const stripe = Math.min(2, Math.floor(fu * 3));
  const grid = fv > 0.85 || fu % (1 / 3) > 0.28 ? 0.35 : 1;
  for (let c = 0; c < 3; c++) out[c] = base[c]! * grid * (c === stripe ? 1.45 : 0.78);
}
