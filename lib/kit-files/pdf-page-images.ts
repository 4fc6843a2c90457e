import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { MAX_PIXELS, type RgbaImage } from '../qr/rgba-image';
import { drawToRgba } from './canvas-rgba';
import { loadPdfjs } from './pdfjs-loader';
import type { ReadBudget } from './read-budget';

/** Images smaller than this on both sides cannot hold a readable QR code (21 modules + quiet zone, ≥ 2 px). */
const MIN_SIDE = 50;
/** At most this many images per page: a QR code is one of the few large images, not one of a hundred icons. */
const MAX_IMAGES = 4;

/**
 * The images a page paints, at their own resolution, largest first: a phone's "scan to PDF" stores the photo
 * at full resolution, and reading it directly beats reading a rendering of it. Cheap once the page has been
 * rendered: pdf.js keeps the decoded images of the page in `page.objs`. Images pdf.js did not decode, or
 * that are too small or too large, are skipped.
 */
export async function pageImages(page: PDFPageProxy, budget: ReadBudget): Promise<RgbaImage[]> {
  const { OPS } = await loadPdfjs();
  const operators = await budget.race(page.getOperatorList());
  if (!operators) return [];
  const ids = new Set<string>();
  operators.fnArray.forEach((fn, i) => {
    const id: unknown = operators.argsArray[i]?.[0];
    if (fn === OPS.paintImageXObject && typeof id === 'string') ids.add(id);
  });
  const images: RgbaImage[] = [];
  for (const id of ids) {
    // "g_"-prefixed images are shared between pages (pdf.js caches them document-wide).
    const store = id.startsWith('g_') ? page.commonObjs : page.objs;
    const decoded = store.has(id) ? toRgba(store.get(id) as unknown) : undefined;
    if (decoded) images.push(decoded);
  }
  return images.sort((a, b) => b.width * b.height - a.width * a.height).slice(0, MAX_IMAGES);
}

/** pdf.js's decoded image: an ImageBitmap made in its worker, or raw pixels with their layout (`kind`). */
function toRgba(image: unknown): RgbaImage | undefined {
  if (typeof image !== 'object' || image === null) return undefined;
  const { width, height, bitmap, data, kind } = image as Record<string, unknown>;
  if (typeof width !== 'number' || typeof height !== 'number') return undefined;
  if (!(width >= MIN_SIDE && height >= MIN_SIDE && width * height <= MAX_PIXELS)) return undefined;
  if (typeof ImageBitmap !== 'undefined' && bitmap instanceof ImageBitmap) {
    return drawToRgba(bitmap, width, height);
  }
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray)
    return fromPixels(data, width, height, kind);
  return undefined;
}

/** pdf.js ImageKind: 1 = 1 bit per pixel (1 = white), 2 = RGB, 3 = RGBA. */
function fromPixels(data: Uint8Array | Uint8ClampedArray, width: number, height: number, kind: unknown) {
  const out = new Uint8ClampedArray(width * height * 4);
  if (kind === 3 && data.length >= out.length) {
    // Over white, as drawToRgba does: transparent pixels must not read as black.
    for (let i = 0; i < out.length; i += 4) {
      const alpha = data[i + 3]! / 255;
      for (let c = 0; c < 3; c++) out[i + c] = data[i + c]! * alpha + 255 * (1 - alpha);
      out[i + 3] = 255;
    }
  } else if (kind === 2 && data.length >= width * height * 3) {
    for (let i = 0, j = 0; i < out.length; i += 4, j += 3) {
      out[i] = data[j]!;
      out[i + 1] = data[j + 1]!;
      out[i + 2] = data[j + 2]!;
      out[i + 3] = 255;
    }
  } else if (kind === 1 && data.length >= Math.ceil(width / 8) * height) {
    const stride = Math.ceil(width / 8);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const white = (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1;
        out.fill(white ? 255 : 0, (y * width + x) * 4, (y * width + x) * 4 + 3);
        out[(y * width + x) * 4 + 3] = 255;
      }
    }
  } else {
    return undefined;
  }
  return { data: out, width, height };
}
