import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeQrImage } from '../../../lib/qr/decode';
import { qrModules, qrToPngBytes, qrToPngDataUrl, qrToSvg } from '../../../lib/qr/make';
import type { RgbaImage } from '../../../lib/qr/rgba-image';

const PAYLOAD = 'LK1' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(6); // 195 chars, like a real kit payload
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const inBrowser = typeof window !== 'undefined';

/** Draws the module grid at `scale` px per module with a 4-module quiet zone, black on white. */
function render(text: string, scale = 3): RgbaImage {
  const { size, dark } = qrModules(text);
  const side = (size + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4;
      const my = Math.floor(y / scale) - 4;
      if (mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my))
        data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { data, width: side, height: side };
}

describe('qrModules', () => {
  test('a kit-sized payload is a version 8–10 symbol at level M', () => {
    const { size } = qrModules(PAYLOAD);
    expect((size - 17) / 4).toBeGreaterThanOrEqual(8);
    expect((size - 17) / 4).toBeLessThanOrEqual(10);
    expect(qrModules(PAYLOAD, { errorCorrection: 'Q' }).size).toBeGreaterThan(size);
  });

  test('rejects bad input with TypeError / RangeError', () => {
    expect(() => qrModules('')).toThrow(TypeError);
    expect(() => qrModules(42 as unknown as string)).toThrow(TypeError);
    expect(() => qrModules('A'.repeat(5000))).toThrow(RangeError);
    expect(() => qrModules('A', { errorCorrection: 'X' as 'M' })).toThrow(RangeError);
  });

  test('property: any alphanumeric payload up to 300 chars renders to a code that decodes to itself', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 1, maxLength: 300 }),
        async (text) => {
          expect(await decodeQrImage(render(text))).toBe(text);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('qrToSvg', () => {
  test('a scalable SVG: viewBox in modules including the 4-module quiet zone, crisp edges, white ground', () => {
    const svg = qrToSvg(PAYLOAD);
    const { size } = qrModules(PAYLOAD);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
    expect(svg).toContain('shape-rendering="crispEdges"');
    expect(svg).toContain('fill="#ffffff"');
    expect(qrToSvg(PAYLOAD, { margin: 0 })).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(() => qrToSvg(PAYLOAD, { margin: -1 })).toThrow(RangeError);
  });

  test.runIf(inBrowser)('rendered by the browser, it decodes', async () => {
    const blob = new Blob([qrToSvg(PAYLOAD)], { type: 'image/svg+xml' });
    const image = await decodeBrowserImage(blob, 480);
    expect(await decodeQrImage(image)).toBe(PAYLOAD);
  });
});

describe('qrToPngBytes / qrToPngDataUrl', () => {
  test('a 1-bit PNG of (size + 8) × moduleSize pixels', async () => {
    const png = await qrToPngBytes(PAYLOAD);
    const { size } = qrModules(PAYLOAD);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    expect(view.getUint32(16)).toBe((size + 8) * 8);
    expect(view.getUint32(20)).toBe((size + 8) * 8);
    expect(png[24]).toBe(1); // bit depth
    expect(png.length).toBeLessThan(4000);
    expect(await qrToPngDataUrl(PAYLOAD)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    await expect(qrToPngBytes(PAYLOAD, { moduleSize: 0 })).rejects.toThrow(RangeError);
  });

  test.runIf(inBrowser)('decoded by the browser, it is the same code', async () => {
    const png = await qrToPngBytes(PAYLOAD, { moduleSize: 4 });
    const image = await decodeBrowserImage(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
    expect(await decodeQrImage(image)).toBe(PAYLOAD);
  });
});

/** The browser's own image decoder (PNG, SVG) to RGBA: independent of our encoder. */
async function decodeBrowserImage(blob: Blob, side?: number): Promise<RgbaImage> {
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const width = side ?? img.naturalWidth;
    const height = side ?? img.naturalHeight;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }
}
