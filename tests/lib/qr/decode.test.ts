import { readBarcodes } from 'zxing-wasm/reader';
import { describe, expect, test } from 'vitest';
import { decodeQrImage } from '../../../lib/qr/decode';
import { qrModules } from '../../../lib/qr/make';
import type { RgbaImage } from '../../../lib/qr/rgba-image';
import { loadZxing } from '../../../lib/qr/zxing-reader';
import { CATEGORIES, photoSet } from './photo-set';
import { drawDecoys, drawTextBlock } from './photo-set/backgrounds';
import { createImage } from './photo-set/raster';
import { Rng } from './photo-set/rng';

const TEXT = 'LK1' + 'MZXW6YTBOI'.repeat(18);

function render(text: string, scale: number, invert = false): RgbaImage {
  const { size, dark } = qrModules(text);
  const side = (size + 8) * scale;
  const image = createImage(side, side, invert ? [0, 0, 0] : [255, 255, 255]);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4;
      const my = Math.floor(y / scale) - 4;
      const isDark = mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my);
      if (isDark !== invert) image.data.fill(invert ? 255 : 0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return image;
}

/** zxing-cpp on its own, out of the box, as its users call it: the reference this decoder must match. */
async function zxingAlone(image: RgbaImage): Promise<string | null> {
  const results = await readBarcodes(image as unknown as ImageData, { formats: ['QRCode'] });
  return results.find((result) => result.isValid)?.text ?? null;
}

describe('decodeQrImage: input checks', () => {
  const ok = render(TEXT, 2);
  test('TypeError for what is not an RGBA image', async () => {
    await expect(decodeQrImage(null as unknown as RgbaImage)).rejects.toThrow(TypeError);
    await expect(
      decodeQrImage({ ...ok, data: new Uint8Array(ok.data) as unknown as Uint8ClampedArray }),
    ).rejects.toThrow(TypeError);
    await expect(decodeQrImage({ ...ok, width: '10' as unknown as number })).rejects.toThrow(TypeError);
  });

  test('RangeError for impossible sizes and options', async () => {
    await expect(decodeQrImage({ ...ok, width: ok.width + 1 })).rejects.toThrow(RangeError);
    await expect(
      decodeQrImage({ ...ok, width: 0, height: 0, data: new Uint8ClampedArray(0) }),
    ).rejects.toThrow(RangeError);
    await expect(decodeQrImage({ ...ok, width: 1.5 })).rejects.toThrow(RangeError);
    await expect(decodeQrImage(ok, { deadlineMs: 0 })).rejects.toThrow(RangeError);
    await expect(decodeQrImage(ok, { deadlineMs: Number.NaN })).rejects.toThrow(RangeError);
  });

  test('an aborted signal rejects with its reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('closed'));
    await expect(decodeQrImage(ok, { signal: controller.signal })).rejects.toThrow('closed');
  });
});

describe('decodeQrImage: renders', () => {
  test('zxing-cpp is the reader in this environment', async () => {
    expect(await loadZxing()).toBe(true);
  });

  test.each([1, 2, 3, 8])('a clean render at %i px per module', async (scale) => {
    expect(await decodeQrImage(render(TEXT, scale))).toBe(TEXT);
  });

  test('an inverted render (light modules on dark)', async () => {
    expect(await decodeQrImage(render(TEXT, 3, true))).toBe(TEXT);
  });

  test('a tiny or blank image gives null, not an error', async () => {
    expect(await decodeQrImage(createImage(1, 1))).toBeNull();
    expect(await decodeQrImage(createImage(640, 480, [128, 128, 128]))).toBeNull();
  });
});

// One photo per category of the generated set (tests/lib/qr/photo-set): every category, including a 12 MP
// photo and images without a QR. The full set and its rates are in scripts/qr-rate.ts and the bench.
describe('decodeQrImage: photo-like set (one case per category)', () => {
  const read: string[] = [];
  const cases = photoSet({ perCategory: 1 });

  test.each(cases.map((c) => [c.id, c] as const))(
    '%s: never wrong, never behind zxing-cpp alone',
    async (_id, photoCase) => {
      const { image, expected } = photoCase.make();
      const [ours, reference] = [await decodeQrImage(image), await zxingAlone(image)];
      if (expected === null) expect(ours).toBeNull();
      else if (reference === expected) expect(ours).toBe(expected);
      else expect([expected, null]).toContain(ours);
      if (expected !== null && ours === expected) read.push(photoCase.id);
    },
  );

  test('reads the code in all of them but the hardest blur (measured: blur-0 is beyond both decoders)', () => {
    const positives = cases.filter((c) => c.category !== 'no-qr').map((c) => c.id);
    expect(positives.filter((id) => !read.includes(id))).toEqual(['blur-0']);
    expect(CATEGORIES).toHaveLength(cases.length);
  });
});

// Timing bounds here only catch a hang or a runaway pass (both test projects share 2 cores, so the margins
// are wide); the figures themselves come from bench/browser/qr.bench.ts.
describe('decodeQrImage: time', () => {
  /** A 12 MP desk of text, finder-like decoys and checkerboards: many candidates, no code. */
  function clutteredDesk(): RgbaImage {
    const rng = new Rng(11);
    const image = createImage(4000, 3000, [180, 170, 150]);
    drawTextBlock(image, rng, { x: 100, y: 100, w: 3800, h: 2800 }, 18, [30, 30, 30]);
    drawDecoys(image, rng, 40, 10);
    return image;
  }

  test('a 12 MP image without a QR: null, within a short deadline plus about one pass', async () => {
    const image = clutteredDesk();
    const start = performance.now();
    expect(await decodeQrImage(image, { deadlineMs: 300 })).toBeNull();
    expect(performance.now() - start).toBeLessThan(300 + 1500);
  });

  test('12 MP of pure binary noise (the worst case for finder search) stays near the default deadline', async () => {
    const image = createImage(4000, 3000);
    const rng = new Rng(3);
    for (let i = 0; i < image.data.length; i += 4) image.data.fill(rng.next() < 0.5 ? 0 : 255, i, i + 3);
    const start = performance.now();
    expect(await decodeQrImage(image)).toBeNull();
    expect(performance.now() - start).toBeLessThan(1500 + 2500);
  });
});
