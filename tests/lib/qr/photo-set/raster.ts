import { decode as decodeJpeg, encode as encodeJpeg } from 'jpeg-js';
import type { RgbaImage } from '../../../../lib/qr/rgba-image';
import { Rng } from './rng';

/** Pixel operations on RGBA buffers, in place unless they say otherwise. Only what the photo set needs. */

export type Rgb = readonly [number, number, number];

export function createImage(width: number, height: number, fill: Rgb = [255, 255, 255]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = fill[0];
    data[i + 1] = fill[1];
    data[i + 2] = fill[2];
    data[i + 3] = 255;
  }
  return { data, width, height };
}

/** Gaussian blur of the RGB channels: a direct separable kernel, radius 3σ (σ in pixels). */
export function gaussianBlur(image: RgbaImage, sigma: number): void {
  if (sigma <= 0.05) return;
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = new Float32Array(2 * radius + 1);
  let total = 0;
  for (let i = -radius; i <= radius; i++)
    total += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= total;
  convolveSeparable(image, kernel, kernel);
}

/** Motion blur: a box of `length` pixels along `angle` (radians), from camera shake. */
export function motionBlur(image: RgbaImage, length: number, angle: number): void {
  const taps = Math.max(2, Math.round(length));
  const offsets: number[] = [];
  const { width, height } = image;
  for (let i = 0; i < taps; i++) {
    const t = i - (taps - 1) / 2;
    offsets.push(Math.round(t * Math.sin(angle)) * width + Math.round(t * Math.cos(angle)));
  }
  const src = image.data.slice();
  const out = image.data;
  const limit = width * height;
  for (let p = 0; p < limit; p++) {
    let r = 0;
    let g = 0;
    let b = 0;
    for (const offset of offsets) {
      const q = Math.min(limit - 1, Math.max(0, p + offset)) * 4;
      r += src[q]!;
      g += src[q + 1]!;
      b += src[q + 2]!;
    }
    out[p * 4] = r / taps;
    out[p * 4 + 1] = g / taps;
    out[p * 4 + 2] = b / taps;
  }
}

function convolveSeparable(image: RgbaImage, kx: Float32Array, ky: Float32Array): void {
  const { data, width, height } = image;
  const rx = (kx.length - 1) / 2;
  const ry = (ky.length - 1) / 2;
  const plane = new Float32Array(width * height);
  const tmp = new Float32Array(width * height);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < plane.length; i++) plane[i] = data[i * 4 + c]!;
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let k = -rx; k <= rx; k++) {
          const xx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
          sum += plane[row + xx]! * kx[k + rx]!;
        }
        tmp[row + x] = sum;
      }
    }
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let k = -ry; k <= ry; k++) {
          const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
          sum += tmp[yy * width + x]! * ky[k + ry]!;
        }
        data[(y * width + x) * 4 + c] = sum;
      }
    }
  }
}

const NORMALS = 4096;
let normalTable: Float32Array | undefined;

/** Sensor noise: gaussian luminance noise of `sigma` levels plus weaker chroma noise. */
export function addNoise(image: RgbaImage, rng: Rng, sigma: number, chroma = 0.35): void {
  if (!normalTable) {
    // A fixed table of normals (its own seed) drawn from by index: ~10× faster than Box–Muller per pixel.
    const tableRng = new Rng(0x5eed);
    normalTable = Float32Array.from({ length: NORMALS }, () => tableRng.normal());
  }
  const table = normalTable;
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    const luma = sigma * table[(rng.next() * NORMALS) | 0]!;
    data[i] = data[i]! + luma + sigma * chroma * table[(rng.next() * NORMALS) | 0]!;
    data[i + 1] = data[i + 1]! + luma + sigma * chroma * table[(rng.next() * NORMALS) | 0]!;
    data[i + 2] = data[i + 2]! + luma + sigma * chroma * table[(rng.next() * NORMALS) | 0]!;
  }
}

/** Maps 0..255 to low..high: a dim, washed-out or backlit capture. */
export function squeezeContrast(image: RgbaImage, low: number, high: number): void {
  const { data } = image;
  const scale = (high - low) / 255;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = low + data[i]! * scale;
    data[i + 1] = low + data[i + 1]! * scale;
    data[i + 2] = low + data[i + 2]! * scale;
  }
}

/**
 * Uneven lighting: multiplies by a smooth field (a linear gradient in a random direction and a vignette),
 * darkest at 1 - strength. Shadows of a hand or phone over paper look like this at the scale of a QR.
 */
export function unevenLighting(image: RgbaImage, rng: Rng, strength: number): void {
  const { data, width, height } = image;
  const angle = rng.range(0, 2 * Math.PI);
  const [gx, gy] = [Math.cos(angle), Math.sin(angle)];
  const [cx, cy] = [rng.range(0.2, 0.8) * width, rng.range(0.2, 0.8) * height];
  const diag = Math.hypot(width, height);
  const linearShare = rng.range(0.3, 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const linear = 0.5 + ((x - width / 2) * gx + (y - height / 2) * gy) / diag;
      const radial = Math.min(1, (2 * Math.hypot(x - cx, y - cy)) / diag);
      const dark = linearShare * linear + (1 - linearShare) * radial * radial;
      const factor = 1 - strength * Math.min(1, Math.max(0, dark));
      const i = (y * width + x) * 4;
      data[i] = data[i]! * factor;
      data[i + 1] = data[i + 1]! * factor;
      data[i + 2] = data[i + 2]! * factor;
    }
  }
}

/** White-balance cast: per-channel gains. */
export function tint(image: RgbaImage, gains: Rgb): void {
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i]! * gains[0];
    data[i + 1] = data[i + 1]! * gains[1];
    data[i + 2] = data[i + 2]! * gains[2];
  }
}

/**
 * JPEG round trip through jpeg-js (pure JS, so the same bytes in Node and Chromium). Its encoder ends with
 * `Buffer.from(bytes)` when loaded as CommonJS, which browsers lack: a minimal stand-in is lent for the call.
 */
export function jpegRoundTrip(image: RgbaImage, quality: number): RgbaImage {
  const global = globalThis as { Buffer?: unknown };
  const lent = global.Buffer === undefined;
  if (lent) global.Buffer = { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes) };
  try {
    const encoded = encodeJpeg({ data: image.data, width: image.width, height: image.height }, quality);
    const decoded = decodeJpeg(encoded.data, {
      useTArray: true,
      formatAsRGBA: true,
      maxMemoryUsageInMB: 1024,
    });
    return {
      data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length),
      width: decoded.width,
      height: decoded.height,
    };
  } finally {
    if (lent) delete global.Buffer;
  }
}

/** Copies a region (used to crop a large generated scene, and by tests). */
export function crop(image: RgbaImage, x0: number, y0: number, width: number, height: number): RgbaImage {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    out.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { data: out, width, height };
}

/**
 * Specular glare on glossy paper or a screen: a soft white blob blended in with the given peak strength
 * (above 1, its core saturates to white), at a random place unless `at` says where.
 */
export function addGlare(
  image: RgbaImage,
  rng: Rng,
  strength: number,
  at?: { x: number; y: number; radius: number },
): void {
  const { data, width, height } = image;
  const cx = at?.x ?? rng.range(0.2, 0.8) * width;
  const cy = at?.y ?? rng.range(0.2, 0.8) * height;
  const radius = at?.radius ?? rng.range(0.15, 0.4) * Math.min(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d2 = ((x - cx) ** 2 + (y - cy) ** 2) / (radius * radius);
      if (d2 > 9) continue;
      const a = Math.min(1, strength * Math.exp(-d2));
      const i = (y * width + x) * 4;
      data[i] = data[i]! + (255 - data[i]!) * a;
      data[i + 1] = data[i + 1]! + (255 - data[i + 1]!) * a;
      data[i + 2] = data[i + 2]! + (255 - data[i + 2]!) * a;
    }
  }
}
