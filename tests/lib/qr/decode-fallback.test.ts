import { describe, expect, test, vi } from 'vitest';
import { decodeQrImage } from '../../../lib/qr/decode';
import { qrModules } from '../../../lib/qr/make';

// A build that failed to ship the .wasm: loadZxing() resolves false. Decoding must still work, with jsQR.
vi.mock('../../../lib/qr/zxing-reader', () => ({
  loadZxing: () => Promise.resolve(false),
  readWithZxing: () => Promise.reject(new Error('zxing-cpp must not be called when it failed to load')),
}));

function render(
  text: string,
  scale: number,
  margin = 4,
): { data: Uint8ClampedArray; width: number; height: number } {
  const { size, dark } = qrModules(text);
  const side = (size + 2 * margin) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor(x / scale) - margin, Math.floor(y / scale) - margin];
      if (mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my))
        data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { data, width: side, height: side };
}

describe('decodeQrImage without zxing-cpp', () => {
  const text = 'LK1' + 'JBSWY3DPEHPK3PXP'.repeat(10);

  test('reads a clean render with jsQR', async () => {
    expect(await decodeQrImage(render(text, 3))).toBe(text);
  });

  test('reads a large render through the shrunken overview', async () => {
    expect(await decodeQrImage(render(text, 24))).toBe(text);
  });

  test('still returns null for an image without a code', async () => {
    expect(
      await decodeQrImage({ data: new Uint8ClampedArray(400 * 300 * 4).fill(200), width: 400, height: 300 }),
    ).toBeNull();
  });
});
