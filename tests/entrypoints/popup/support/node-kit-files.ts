import { PNG } from 'pngjs';
import { UnsupportedFileError, NoQrFoundError } from '../../../../lib/kit-files/read-errors';
import { decodeQrImage } from '../../../../lib/qr/decode';
import { createKitFiles } from '../../../../entrypoints/popup/kit-files-adapter';
import type { KitFiles } from '../../../../entrypoints/popup/models/popup-deps';

/**
 * The popup's kit files in Node: the real adapter, PDF writer and QR encoder, with a reader that decodes
 * PNGs through lib/qr (Node has no createImageBitmap, which lib/kit-files' reader needs; that reader is
 * tested in Chromium by tests/lib/kit-files). It fails the way readQrFromFile does, with its error classes.
 */
export async function readPngQr(file: Blob): Promise<string> {
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new UnsupportedFileError();
  const png = PNG.sync.read(bytes);
  const text = await decodeQrImage({
    width: png.width,
    height: png.height,
    data: new Uint8ClampedArray(png.data),
  });
  if (text === null) throw new NoQrFoundError();
  return text;
}

export function nodeKitFiles(): KitFiles {
  return createKitFiles({ readQrFromFile: readPngQr, paper: 'a4' });
}

/** A PNG of `width`×`height` plain white pixels: an image without any QR code. */
export function blankPng(width = 200, height = 200): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(255);
  return new Uint8Array(PNG.sync.write(png));
}
