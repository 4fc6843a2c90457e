import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { decodeQrImage } from '../../../lib/qr/decode';
import { qrModules, qrToPngBytes } from '../../../lib/qr/make';

const PAYLOAD = 'LK1' + 'QRSTUVWXYZ234567ABCDEFGHIJKLMNOP'.repeat(7);

describe('qrToPngBytes, read back by an independent PNG decoder (pngjs)', () => {
  test('every pixel matches the module grid, quiet zone white', async () => {
    const moduleSize = 5;
    const png = PNG.sync.read(Buffer.from(await qrToPngBytes(PAYLOAD, { moduleSize })));
    const { size, dark } = qrModules(PAYLOAD);
    expect(png.width).toBe((size + 8) * moduleSize);
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const mx = Math.floor(x / moduleSize) - 4;
        const my = Math.floor(y / moduleSize) - 4;
        const expected = mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my) ? 0 : 255;
        if (png.data[(y * png.width + x) * 4] !== expected) throw new Error(`pixel ${x},${y} is wrong`);
      }
    }
  });

  test('the decoded PNG reads back as the payload', async () => {
    const png = PNG.sync.read(Buffer.from(await qrToPngBytes(PAYLOAD)));
    const image = { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
    expect(await decodeQrImage(image)).toBe(PAYLOAD);
  });
});
