import { expect } from 'vitest';
import type { RgbaImage } from '../../../lib/qr/rgba-image';
import { DEFAULT_MARGIN, qrModules } from '../../../lib/qr/make';

/** Files as a user would pick them, made with the browser's own encoders (Chromium tests only). */

export const bytesBlob = (bytes: Uint8Array, type = '') =>
  new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

export async function encodeImage(
  image: RgbaImage,
  type: 'image/png' | 'image/jpeg' | 'image/webp',
  quality?: number,
): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const data = new Uint8ClampedArray(image.data); // ImageData needs its own ArrayBuffer
  canvas.getContext('2d')!.putImageData(new ImageData(data, image.width, image.height), 0, 0);
  const blob = await canvas.convertToBlob({ type, quality });
  expect(blob.type).toBe(type); // the browser did encode this format, not fall back to PNG
  return blob;
}

/** The QR code of `text`, `px` pixels per module, black on `paper` (RGBA; alpha 0 = transparent). */
export function qrImage(
  text: string,
  px: number,
  paper: readonly [number, number, number, number] = [255, 255, 255, 255],
): RgbaImage {
  const { size, dark } = qrModules(text);
  const side = (size + 2 * DEFAULT_MARGIN) * px;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / px) - DEFAULT_MARGIN;
      const my = Math.floor(y / px) - DEFAULT_MARGIN;
      const isDark = mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my);
      data.set(isDark ? [0, 0, 0, 255] : paper, (y * side + x) * 4);
    }
  }
  return { data, width: side, height: side };
}

/** Awaits a rejection and returns the error, failing the test if the promise resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 80)}`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('expected a rejection')) throw error;
    return error as Error;
  }
}

/**
 * The PDF with a password set on it, as an incremental update (ISO 32000-1 §7.5.6): a Standard security
 * handler dictionary (§7.6.3, revision 2) whose /O and /U values match no password anyone knows, so a
 * reader must ask for one, exactly as for a PDF a user protected with their own password.
 */
export function withUnknownPassword(pdf: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(pdf);
  const previous = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const size = Number(/\/Size (\d+)/.exec(text)?.[1]);
  const bytesHex = (seed: number) =>
    Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
  const encrypt = `${size} 0 obj\n<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${bytesHex(1)}> /U <${bytesHex(2)}> >>\nendobj\n`;
  const xref = pdf.length + encrypt.length;
  const id = bytesHex(3).slice(0, 32);
  const update =
    encrypt +
    `xref\n${size} 1\n${String(pdf.length).padStart(10, '0')} 00000 n\r\n` +
    `trailer\n<< /Size ${size + 1} /Root 1 0 R /Info 3 0 R /Prev ${previous} /Encrypt ${size} 0 R /ID [<${id}> <${id}>] >>\n` +
    `startxref\n${xref}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + update.length);
  out.set(pdf);
  for (let i = 0; i < update.length; i++) out[pdf.length + i] = update.charCodeAt(i);
  return out;
}
