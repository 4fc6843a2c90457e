import { describe, expect, test } from 'vitest';
import { crc32, encodeBilevelPng } from '../../../lib/qr/png-encode';

describe('crc32', () => {
  test('the standard check value: crc32("123456789") = 0xCBF43926', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('encodeBilevelPng', () => {
  test('chunks are well formed: IHDR, IDAT, IEND with valid CRCs, and the data inflates to the rows', async () => {
    const png = await encodeBilevelPng(10, 2, (x, y) => (x + y) % 2 === 0);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const chunks: { type: string; data: Uint8Array }[] = [];
    for (let offset = 8; offset < png.length;) {
      const length = view.getUint32(offset);
      const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(view.getUint32(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      chunks.push({ type, data });
      offset += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const stream = new Blob([chunks[1]!.data as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('deflate'));
    const raw = new Uint8Array(await new Response(stream).arrayBuffer());
    // Each row: filter byte 0, then 10 pixels in 2 bytes, MSB first, 1 = white.
    expect([...raw]).toEqual([0, 0b01010101, 0b01000000, 0, 0b10101010, 0b10000000]);
  });

  test('RangeError for an empty or absurd size', async () => {
    await expect(encodeBilevelPng(0, 1, () => true)).rejects.toThrow(RangeError);
    await expect(encodeBilevelPng(1e5, 1e5, () => true)).rejects.toThrow(RangeError);
  });
});
