import { decodeQrImage } from '../qr/decode';
import { MAX_PIXELS } from '../qr/rgba-image';
import { drawToRgba } from './canvas-rgba';
import type { FileKind } from './file-kind';
import { DIMENSION_PROBE_BYTES, imageDimensions } from './image-dimensions';
import type { ReadBudget } from './read-budget';
import { FileTooLargeError, UnreadableImageError } from './read-errors';

/**
 * Images up to 16 MP (4096 × 4096; a 12 MP phone photo, any screenshot) are read at their full size in one
 * go: decodeQrImage itself starts with a ≤ 1024 px overview (~20 ms) and reads the full image only if that
 * fails, so shrinking first would only add a pass. Measured in Chromium on a 12 MP JPEG: createImageBitmap
 * 63 ms plus 60 ms to draw and read back the pixels at full size, against 90–140 ms for createImageBitmap's
 * own resize to 2048 px, or 60–100 ms to draw scaled with high quality.
 */
const FULL_READ_PIXELS = 16 * 1024 * 1024;
/** Below this, a retry is not worth starting: drawing a large image alone takes ~60–200 ms. */
const MIN_STAGE_MS = 200;

/**
 * Reads a QR code from a PNG, JPEG or WebP file: decoded by the browser (EXIF orientation applied), drawn
 * over white, and read. An image over 16 MP (a 48–64 MP photo) is first read shrunk to 16 MP, and at its
 * full size only if that fails and time is left. Resolves null when no code was found. Needs
 * createImageBitmap and OffscreenCanvas (extension pages and Workers in Chrome and Firefox).
 */
export async function readQrFromImage(
  file: Blob,
  kind: Exclude<FileKind, 'pdf'>,
  budget: ReadBudget,
): Promise<string | null> {
  const head = new Uint8Array(await file.slice(0, DIMENSION_PROBE_BYTES).arrayBuffer());
  const stored = imageDimensions(kind, head);
  // Refused before decoding: the decoded pixels alone would take 4 bytes each.
  if (stored && stored.width * stored.height > MAX_PIXELS) throw new FileTooLargeError('64 megapixels');
  budget.check();
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new UnreadableImageError();
  }
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_PIXELS) throw new FileTooLargeError('64 megapixels');
    // `share`: the part of the time left this stage may use, so that a retry still has its turn.
    const decode = (w: number, h: number, share = 1) =>
      decodeQrImage(drawToRgba(bitmap, w, h), {
        deadlineMs: Math.max(1, budget.remaining() * share),
        signal: budget.signal,
      });
    if (width * height <= FULL_READ_PIXELS) return await decode(width, height);
    const factor = Math.sqrt(FULL_READ_PIXELS / (width * height));
    const shrunk = await decode(Math.floor(width * factor), Math.floor(height * factor), 0.5);
    if (shrunk !== null || budget.nearlySpent(MIN_STAGE_MS)) return shrunk;
    return await decode(width, height);
  } finally {
    bitmap.close();
  }
}
