/**
 * The one image shape every QR path hands to the decoder: 8-bit RGBA, row-major, no padding. It is what
 * `ImageData`, a canvas's `getImageData`, pngjs and jpeg-js all produce, so callers never convert.
 */
export interface RgbaImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * The largest image accepted: 64 MP (e.g. 8192 × 8192). A phone's 12–50 MP photo fits; anything larger is
 * almost certainly a mistake or an attack on memory, and a caller should shrink it before decoding.
 */
export const MAX_PIXELS = 64 * 1024 * 1024;

/** Throws TypeError for a value that is not an RgbaImage, RangeError for impossible or oversized dimensions. */
export function assertRgbaImage(image: unknown): asserts image is RgbaImage {
  if (typeof image !== 'object' || image === null) throw new TypeError('image must be an object');
  const { data, width, height } = image as Partial<RgbaImage>;
  if (!(data instanceof Uint8ClampedArray)) throw new TypeError('image.data must be a Uint8ClampedArray');
  if (typeof width !== 'number' || typeof height !== 'number') {
    throw new TypeError('image.width and image.height must be numbers');
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image dimensions must be positive integers, got ${width}×${height}`);
  }
  if (width * height > MAX_PIXELS) {
    throw new RangeError(`image of ${width}×${height} exceeds ${MAX_PIXELS} pixels: shrink it first`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(
      `image.data has ${data.length} bytes, expected width*height*4 = ${width * height * 4}`,
    );
  }
}
