import { create, toString as qrToSvgString, type QRCodeErrorCorrectionLevel } from 'qrcode';
import { encodeBilevelPng } from './png-encode';

/**
 * Making the Authentication QR Code (DESIGN.md §2) as SVG (for the kit page and the PDF) and PNG (for the
 * downloadable kit and the email). The payload is uppercase base32-ish text, which qrcode encodes in
 * alphanumeric mode (5.5 bits per character), ~150–250 characters: version 8–10 at level M.
 *
 * Error correction M (recovers ~15 % of codewords), not Q or H: at a given printed or displayed size a
 * lower level means fewer, larger modules, and what defeats phone photos is mostly blur and resolution.
 * Measured (`scripts/qr-rate.ts --ec-levels`, 80 photos per level of the same printed size under blur,
 * tilt, noise and JPEG): L 51, M 39, Q 34, H 27 read; with a glare spot washing out part of the code,
 * M 42, L 40, Q 31, H 26. M beats Q and H in both; it gives up some of L's legibility for twice L's
 * recovery (15 % vs 7 %), which is what a smudge, a fold or glare consumes.
 *
 * Margin 4 modules: the quiet zone ISO/IEC 18004 requires. Detectors find the finder patterns by the light
 * band around them; on a busy email, desk or screen a smaller margin is what makes codes unreadable.
 */

export interface QrMakeOptions {
  /** Error-correction level; default 'M' (see above). */
  errorCorrection?: QRCodeErrorCorrectionLevel;
  /** Quiet zone in modules; default 4. */
  margin?: number;
}

export interface QrPngOptions extends QrMakeOptions {
  /** Pixels per module; default 8 (a version-10 code is then 520 px with its margin). */
  moduleSize?: number;
}

export const DEFAULT_ERROR_CORRECTION: QRCodeErrorCorrectionLevel = 'M';
export const DEFAULT_MARGIN = 4;
export const DEFAULT_MODULE_SIZE = 8;

/** The module grid of the code for `text`. Throws TypeError / RangeError for bad input or too much text. */
export function qrModules(
  text: string,
  options: QrMakeOptions = {},
): { size: number; dark: (x: number, y: number) => boolean } {
  if (typeof text !== 'string' || text.length === 0) throw new TypeError('text must be a non-empty string');
  const errorCorrectionLevel = checkLevel(options.errorCorrection ?? DEFAULT_ERROR_CORRECTION);
  let modules;
  try {
    ({ modules } = create(text, { errorCorrectionLevel }));
  } catch (error) {
    throw new RangeError(`text cannot be encoded in a QR code: ${(error as Error).message}`);
  }
  const { size, data } = modules;
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}

/** An SVG document (viewBox in modules, crisp edges, white background), scalable to any print size. */
export function qrToSvg(text: string, options: QrMakeOptions = {}): string {
  qrModules(text, options); // validates, with this module's error types
  const margin = checkMargin(options.margin ?? DEFAULT_MARGIN);
  const errorCorrectionLevel = options.errorCorrection ?? DEFAULT_ERROR_CORRECTION;
  let svg: string | undefined;
  // With a callback, qrcode renders synchronously in both its Node and browser builds.
  qrToSvgString(text, { type: 'svg', errorCorrectionLevel, margin }, (error, result) => {
    if (error) throw error;
    svg = result;
  });
  if (svg === undefined) throw new Error('qrcode did not render synchronously');
  return svg;
}

/** PNG bytes: black modules on white, `moduleSize` px per module, 1-bit grayscale (~1–2 KB). */
export async function qrToPngBytes(text: string, options: QrPngOptions = {}): Promise<Uint8Array> {
  const { size, dark } = qrModules(text, options);
  const margin = checkMargin(options.margin ?? DEFAULT_MARGIN);
  const scale = options.moduleSize ?? DEFAULT_MODULE_SIZE;
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) {
    throw new RangeError(`moduleSize must be an integer in 1..64, got ${scale}`);
  }
  const side = (size + 2 * margin) * scale;
  return encodeBilevelPng(side, side, (x, y) => {
    const mx = Math.floor(x / scale) - margin;
    const my = Math.floor(y / scale) - margin;
    return mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my);
  });
}

/** The PNG as a `data:image/png;base64,…` URL (for an <img> or an email attachment). */
export async function qrToPngDataUrl(text: string, options: QrPngOptions = {}): Promise<string> {
  const bytes = await qrToPngBytes(text, options);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}

function checkLevel(level: unknown): QRCodeErrorCorrectionLevel {
  if (level === 'L' || level === 'M' || level === 'Q' || level === 'H') return level;
  throw new RangeError(`errorCorrection must be L, M, Q or H, got ${String(level)}`);
}

function checkMargin(margin: number): number {
  if (!Number.isInteger(margin) || margin < 0 || margin > 40) {
    throw new RangeError(`margin must be an integer in 0..40, got ${margin}`);
  }
  return margin;
}
