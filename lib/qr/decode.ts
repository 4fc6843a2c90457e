import { factorForMaxSide, shrinkRgba } from './downscale';
import { readWithJsqr } from './jsqr-reader';
import { lumaToRgba, toLuma, type Luma } from './luma';
import { binomialBlur, unsharpMask, upscale2x } from './luma-filters';
import { assertRgbaImage, type RgbaImage } from './rgba-image';
import { loadZxing, readWithZxing } from './zxing-reader';

export interface DecodeQrOptions {
  /**
   * Time budget in milliseconds (default 1500). No pass starts unless the budget left covers the slowest
   * pass so far, and the result is then null. A pass cannot be interrupted once started, but each is
   * bounded by the image size (zxing-cpp on a full 12 MP photo takes ~100–400 ms on the reference machine).
   */
  deadlineMs?: number;
  /** Checked between passes; an aborted decode rejects with `signal.reason`. */
  signal?: AbortSignal;
}

export const DEFAULT_DEADLINE_MS = 1500;

/** Longest side of the first, quick look at a large image. */
const OVERVIEW_SIDE = 1024;
/** Above this many pixels, the enhancement passes work on the half-size image instead of the original. */
const ENHANCE_MAX_PIXELS = 3_500_000;

/**
 * Reads the QR code in an RGBA image (an upload, a PDF page, a camera frame) and returns its text, or null
 * when none is found within the time budget. Pure computation, no DOM: it runs the same in a page, a
 * Worker and Node. Throws (rejects with) TypeError or RangeError for a malformed image or options.
 *
 * The reader is zxing-cpp (WebAssembly); jsQR is used only if the WebAssembly module cannot be loaded
 * (lib/qr/README.md has the measurements behind this choice). Passes, cheapest and likeliest first, until
 * one reads the code:
 * 1. overview: the image shrunk to ≤ 1024 px (box average). Finds a QR that fills a fair part of a 12 MP
 *    photo in ~20 ms, and the averaging removes noise that defeats a full-size read.
 * 2. full: zxing-cpp on the original with its own defaults (tryHarder, tryInvert, its internal
 *    downscaling; tryRotate only matters for linear barcodes). This is what zxing-cpp alone does, so every
 *    image it reads, this reads too.
 * 3. half: a half-size box average (noise, low contrast), unless the overview already was that.
 * 4. upscaled: a 2-tap average then ×2 bilinear: small modules (< ~3 px), noise, moiré. Images ≤ 3.5 MP.
 * 5. sharpened (unsharp mask, σ ≈ 1.4 px, amount 1.5): focus and motion blur; on the original up to
 *    3.5 MP, on the half-size image above.
 */
export async function decodeQrImage(image: RgbaImage, options: DecodeQrOptions = {}): Promise<string | null> {
  assertRgbaImage(image);
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (typeof deadlineMs !== 'number') throw new TypeError('deadlineMs must be a number');
  if (!(deadlineMs > 0)) throw new RangeError(`deadlineMs must be positive, got ${deadlineMs}`);
  const deadline = performance.now() + deadlineMs;
  const signal = options.signal;
  signal?.throwIfAborted();
  const passes = (await loadZxing()) ? zxingPasses(image) : jsqrPasses(image);
  // A pass is not started unless the budget left covers the slowest pass so far (later passes seldom take
  // much longer), which keeps the overrun of the deadline to a fraction of a pass. The full-size zxing-cpp
  // read is only ever preceded by the ~20 ms overview, so a default budget never skips it.
  let slowest = 0;
  for (const pass of passes) {
    signal?.throwIfAborted();
    const start = performance.now();
    if (start + slowest >= deadline) return null;
    const text = await pass();
    if (text !== null) return text;
    slowest = Math.max(slowest, performance.now() - start);
  }
  signal?.throwIfAborted();
  return null;
}

type Pass = () => Promise<string | null>;

function zxingPasses(image: RgbaImage): Pass[] {
  const pixels = image.width * image.height;
  const overviewFactor = factorForMaxSide(image.width, image.height, OVERVIEW_SIDE);
  const planes = new Planes(image);
  const passes: Pass[] = [];
  const read = (luma: Luma) => readWithZxing(lumaToRgba(luma), { tryDownscale: false });
  if (overviewFactor > 1) passes.push(() => read(shrinkRgba(image, overviewFactor)));
  passes.push(() => readWithZxing(image));
  if (overviewFactor !== 2 && Math.min(image.width, image.height) >= 400) {
    passes.push(() => read(planes.half()));
  }
  const base = (): Luma => (pixels <= ENHANCE_MAX_PIXELS ? planes.full() : planes.half());
  // Upscaling multiplies the pixel count by 4: only worth its ~150 ms where modules can be that small.
  if (pixels <= ENHANCE_MAX_PIXELS) passes.push(() => read(upscale2x(binomialBlur(planes.full(), 1))));
  passes.push(() => read(unsharpMask(base(), 8, 1.5)));
  return passes;
}

/**
 * Without zxing-cpp: jsQR on the overview, then on the original if it is small enough for jsQR's cost
 * (~40 ms per megapixel, far more on cluttered images) to stay within a second.
 */
function jsqrPasses(image: RgbaImage): Pass[] {
  const factor = factorForMaxSide(image.width, image.height, OVERVIEW_SIDE);
  const passes: Pass[] = [
    async () => readWithJsqr(factor > 1 ? lumaToRgba(shrinkRgba(image, factor)) : image),
  ];
  if (factor > 1 && image.width * image.height <= 2_000_000) passes.push(async () => readWithJsqr(image));
  return passes;
}

/** Luma planes of one image, computed on first use and shared between passes. */
class Planes {
  private fullPlane: Luma | undefined;
  private halfPlane: Luma | undefined;

  constructor(private readonly image: RgbaImage) {}

  full(): Luma {
    return (this.fullPlane ??= toLuma(this.image));
  }

  half(): Luma {
    return (this.halfPlane ??= shrinkRgba(this.image, 2));
  }
}
