import type { RgbaImage } from './rgba-image';

/**
 * A single-channel 8-bit luminance image: what the enhancement passes work on (a quarter of RGBA's bytes,
 * one value per pixel). Decoders take RGBA, so a plane is expanded back just before it is read.
 */
export interface Luma {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Rec. 601 luma (0.299 R + 0.587 G + 0.114 B) in the same ×1024 fixed point as zxing-wasm's own RGBA
 * conversion, so a plane made here reads exactly like the original image would.
 */
export function toLuma(image: RgbaImage): Luma {
  const { width, height } = image;
  const src = image.data;
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (306 * src[p]! + 601 * src[p + 1]! + 117 * src[p + 2]! + 512) >> 10;
  }
  return { data: out, width, height };
}

/** Expands a luma plane to RGBA (R = G = B, opaque) for the decoders' input format. */
export function lumaToRgba(luma: Luma): RgbaImage {
  const { data, width, height } = luma;
  const out = new Uint8ClampedArray(width * height * 4);
  // One 32-bit store per pixel (little-endian ABGR); every engine this runs on is little-endian.
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < data.length; i++) words[i] = 0xff000000 | (data[i]! * 0x010101);
  return { data: out, width, height };
}
