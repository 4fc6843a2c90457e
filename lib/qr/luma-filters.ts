import type { Luma } from './luma';

/**
 * The image enhancements tried when a plain read fails. Each one rescued photos on the generated set that
 * zxing-cpp alone could not read (lib/qr/README.md has the counts):
 * - upscale2x: codes drawn with fewer than ~3 px per module (far away, small in an email screenshot, heavy
 *   JPEG); zxing-cpp's finder search works better once modules span more pixels.
 * - binomialBlur (σ = 1 px): sensor noise and screen moiré, which break the binarizer's local threshold.
 * - unsharpMask: focus and motion blur, which melt neighbouring modules together.
 */

/**
 * Gaussian-like blur by a binomial kernel of `order` + 1 taps (weights C(order, k) / 2^order), whose
 * standard deviation is √order / 2 pixels: order 4 is σ = 1, order 8 is σ ≈ 1.41. Integer arithmetic,
 * separable, edges clamped; several times faster than a float gaussian, which mattered for the no-QR time.
 */
export function binomialBlur(luma: Luma, order: number): Luma {
  if (!Number.isInteger(order) || order < 1 || order > 8) {
    throw new RangeError(`order must be an integer in 1..8, got ${order}`);
  }
  const { data, width, height } = luma;
  const weights = binomialWeights(order);
  const radius = order >> 1;
  const taps = order + 1;
  const shift = 2 * order;
  // Even orders are centred; an odd order's extra tap falls on the right/bottom.
  // Horizontal pass: sums ≤ 255 × 2^8, which fits 16 bits.
  const across = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      if (x >= radius && x + taps - radius <= width) {
        for (let k = 0, q = row + x - radius; k < taps; k++, q++) sum += weights[k]! * data[q]!;
      } else {
        for (let k = 0; k < taps; k++) sum += weights[k]! * data[row + clamp(x + k - radius, width)]!;
      }
      across[row + x] = sum;
    }
  }
  // Vertical pass, a row at a time so memory is read in order: sums ≤ 255 × 2^16.
  const out = new Uint8Array(width * height);
  const acc = new Int32Array(width);
  const half = 1 << (shift - 1);
  for (let y = 0; y < height; y++) {
    acc.fill(half);
    for (let k = 0; k < taps; k++) {
      const from = clamp(y + k - radius, height) * width;
      const weight = weights[k]!;
      for (let x = 0; x < width; x++) acc[x]! += weight * across[from + x]!;
    }
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = acc[x]! >> shift;
  }
  return { data: out, width, height };
}

function binomialWeights(order: number): Int32Array {
  const weights = new Int32Array(order + 1);
  weights[0] = 1;
  for (let n = 1; n <= order; n++) for (let k = n; k > 0; k--) weights[k]! += weights[k - 1]!;
  return weights;
}

function clamp(i: number, size: number): number {
  return i < 0 ? 0 : i >= size ? size - 1 : i;
}

/** Unsharp mask: luma + amount × (luma − blur), blur = binomialBlur(luma, order); clamped to 0..255. */
export function unsharpMask(luma: Luma, order: number, amount: number): Luma {
  const blurred = binomialBlur(luma, order).data;
  const src = luma.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]! + amount * (src[i]! - blurred[i]!);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v + 0.5;
  }
  return { data: out, width: luma.width, height: luma.height };
}

/**
 * Bilinear upscale by 2 (pixel centres aligned, so each output pixel is ¾ its nearest source pixel and ¼ the
 * next one, along each axis). Separable, integer arithmetic.
 */
export function upscale2x(luma: Luma): Luma {
  const { data, width, height } = luma;
  const outW = width * 2;
  const outH = height * 2;
  // Horizontal pass, values ×4.
  const wide = new Uint16Array(outW * height);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    const dst = y * outW;
    for (let x = 0; x < width; x++) {
      const c = data[src + x]! * 3;
      wide[dst + 2 * x] = c + data[src + (x > 0 ? x - 1 : 0)]!;
      wide[dst + 2 * x + 1] = c + data[src + (x < width - 1 ? x + 1 : x)]!;
    }
  }
  // Vertical pass, values ×16, rounded back to 8 bits.
  const out = new Uint8Array(outW * outH);
  for (let y = 0; y < height; y++) {
    const here = y * outW;
    const above = (y > 0 ? y - 1 : 0) * outW;
    const below = (y < height - 1 ? y + 1 : y) * outW;
    const top = 2 * y * outW;
    const bottom = top + outW;
    for (let x = 0; x < outW; x++) {
      const c = wide[here + x]! * 3;
      out[top + x] = (c + wide[above + x]! + 8) >> 4;
      out[bottom + x] = (c + wide[below + x]! + 8) >> 4;
    }
  }
  return { data: out, width: outW, height: outH };
}
