import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { generateAccountKey } from '../../../lib/account/account-key';
import { createKit } from '../../../lib/account/kit-payload';
import { decodeQrImage } from '../../../lib/qr/decode';
import { qrToPngBytes } from '../../../lib/qr/make';
import type { RgbaImage } from '../../../lib/qr/rgba-image';
import { drawDecoys, drawTextBlock } from '../../lib/qr/photo-set/backgrounds';
import type { Pose } from '../../lib/qr/photo-set/camera';
import { addNoise, gaussianBlur, unevenLighting, createImage } from '../../lib/qr/photo-set/raster';
import { makeCode } from '../../lib/qr/photo-set/render-code';
import { Rng } from '../../lib/qr/photo-set/rng';
import { clutter, paperSurface, place } from '../../lib/qr/photo-set/scene-parts';

/**
 * The images the sign-in tests upload, made at test time from the payloads of the run (nothing stored):
 * a phone-photo-like picture of the kit, another QR code, a picture without any QR code, and the QR code of
 * another account. The photo is drawn with the photo set of tests/lib/qr (its camera model and noise).
 */

/** A fixed pose, so the photo is the same on every run: turned 25°, tilted 20° and 15° (keystone). */
const PHOTO_POSE: Pose = {
  roll: (25 * Math.PI) / 180,
  pitch: (20 * Math.PI) / 180,
  yaw: (-15 * Math.PI) / 180,
  distance: 2.2,
};

/**
 * A 1600 × 1200 JPEG "photo" of the printed kit on a desk: rotated, in perspective, slightly out of focus,
 * unevenly lit, with sensor noise, and JPEG-compressed as a phone does.
 */
export function photoOfQr(payload: string, seed = 4): Buffer {
  const rng = new Rng(seed);
  const image = createImage(1600, 1200);
  clutter(rng, image);
  drawTextBlock(image, rng, { x: 60, y: 40, w: 700, h: 260 }, 18, [50, 50, 50]);
  drawDecoys(image, rng, 2, 6);
  place(rng, image, makeCode(payload, 'M'), paperSurface(rng, 6, true), 8, PHOTO_POSE, 2);
  gaussianBlur(image, 1.1);
  unevenLighting(image, rng, 0.3);
  addNoise(image, rng, 7);
  return jpegBytes(image, 82);
}

/** A QR code that is not Latchkey's (a web address, the commonest QR code there is). */
export async function foreignQrPng(): Promise<Buffer> {
  return Buffer.from(await qrToPngBytes('https://example.com/menu?table=12'));
}

/** A picture with text and finder-pattern-like squares but no QR code. */
export function imageWithoutQr(seed = 9): Buffer {
  const rng = new Rng(seed);
  const image = createImage(1200, 900);
  clutter(rng, image);
  drawTextBlock(image, rng, { x: 100, y: 100, w: 1000, h: 600 }, 22, [30, 30, 30]);
  drawDecoys(image, rng, 3, 8);
  return pngBytes(image);
}

/**
 * The Authentication QR Code of another account (a real kit for a random account id and Account Key): what a
 * user who mixed up two accounts' printouts would upload.
 */
export async function otherAccountQrPng(email: string): Promise<Buffer> {
  const payload = await createKit({
    accountId: randomUUID(),
    email,
    keyEpoch: 1,
    password: 'another account entirely',
    accountKey: generateAccountKey(),
  });
  return Buffer.from(await qrToPngBytes(payload));
}

/** What the QR code in a PNG says (the kit download, the email attachment), read as the popup reads it. */
export async function readQrPng(bytes: Buffer): Promise<string | null> {
  const png = PNG.sync.read(bytes);
  return decodeQrImage({
    data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    width: png.width,
    height: png.height,
  });
}

export function pngBytes(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}

export function jpegBytes(image: RgbaImage, quality: number): Buffer {
  return jpeg.encode({ data: image.data, width: image.width, height: image.height }, quality).data;
}

/** Writes a fixture into the file's temp folder and answers its path (uploads need a file on disk). */
export async function fixtureFile(dir: string, name: string, bytes: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}
