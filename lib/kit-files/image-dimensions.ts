import type { FileKind } from './file-kind';

/** Bytes to read for `imageDimensions`: a JPEG's frame header can follow ~64 KB of EXIF and a thumbnail. */
export const DIMENSION_PROBE_BYTES = 256 * 1024;

/**
 * An image's stored width and height, read from its header without decoding it, so a file whose pixels would
 * not fit in memory (a 30 MB PNG can hold a 30 000 × 30 000 blank image) is refused before the browser
 * tries. Undefined when the header is not where it should be; the browser's decoder then has the last word.
 * (EXIF orientation may swap the two; the pixel count is the same.)
 */
export function imageDimensions(
  kind: Exclude<FileKind, 'pdf'>,
  head: Uint8Array,
): { width: number; height: number } | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (kind === 'png') {
    // IHDR is the first chunk (ISO/IEC 15948 §5.6): width and height at bytes 16 and 20.
    return head.length >= 24 ? positive(view.getUint32(16), view.getUint32(20)) : undefined;
  }
  if (kind === 'webp') return webpDimensions(head, view);
  return jpegDimensions(head, view);
}

/** Walks the JPEG marker segments (ITU-T T.81 §B.1) to the first start-of-frame. */
function jpegDimensions(head: Uint8Array, view: DataView) {
  let offset = 2;
  while (offset + 9 <= head.length) {
    if (head[offset] !== 0xff) return undefined;
    const marker = head[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return positive(view.getUint16(offset + 7), view.getUint16(offset + 5));
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xda) return undefined; // start of scan before any frame header
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

/** The first chunk after "RIFF….WEBP" (RFC 9649 §2.5–2.7): lossy VP8, lossless VP8L or extended VP8X. */
function webpDimensions(head: Uint8Array, view: DataView) {
  if (head.length < 30) return undefined;
  const chunk = String.fromCharCode(...head.subarray(12, 16));
  if (chunk === 'VP8X') {
    const width = 1 + (view.getUint32(24, true) & 0xffffff);
    const height = 1 + (view.getUint32(26, true) >>> 8);
    return positive(width, height);
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return positive(1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff));
  }
  if (chunk === 'VP8 ') {
    return positive(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  return undefined;
}

function positive(width: number, height: number) {
  return width > 0 && height > 0 ? { width, height } : undefined;
}
