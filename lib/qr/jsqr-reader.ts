import jsQR from 'jsqr';
import type { RgbaImage } from './rgba-image';

/**
 * jsQR as a QR reader: pure JavaScript, no loading step. Its cost grows with the pixel count and with the
 * number of finder-pattern candidates (~40 ms per megapixel, far more on cluttered images without a QR:
 * TOOLCHAIN.md), so the decoder only ever hands it shrunken images.
 *
 * Both polarities are tried: jsQR's own 'attemptBoth' does the same work in one call.
 */
export function readWithJsqr(image: RgbaImage): string | null {
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return found && found.data.length > 0 ? found.data : null;
}
