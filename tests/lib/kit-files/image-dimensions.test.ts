import { describe, expect, it } from 'vitest';
import { sniffFileKind } from '../../../lib/kit-files/file-kind';
import { imageDimensions } from '../../../lib/kit-files/image-dimensions';
import { qrModules, qrToPngBytes } from '../../../lib/qr/make';

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const u16be = (n: number) => [n >> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];

/** SOI, a JFIF APP0, a 6 KB APP1 (EXIF and a thumbnail sit there), a DQT, a fill byte, then SOF2 (progressive). */
function jpegHeader(width: number, height: number): Uint8Array {
  const segment = (marker: number, length: number) => [
    0xff,
    marker,
    ...u16be(length),
    ...new Array(length - 2).fill(0),
  ];
  return Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xe0, 16),
    ...segment(0xe1, 6000),
    ...segment(0xdb, 67),
    0xff, // fill byte before a marker (ITU-T T.81 §B.1.1.2)
    0xff,
    0xc2,
    ...u16be(17),
    8,
    ...u16be(height),
    ...u16be(width),
    3,
    ...new Array(9).fill(0),
  ]);
}

function webp(chunk: string, body: number[]): Uint8Array {
  return Uint8Array.from([
    ...ascii('RIFF'),
    0,
    0,
    0,
    0,
    ...ascii('WEBP'),
    ...ascii(chunk),
    0,
    0,
    0,
    0,
    ...body,
    ...new Array(16).fill(0),
  ]);
}

describe('sniffFileKind', () => {
  it('knows PNG, JPEG, WebP and PDF by their first bytes, whatever the name', async () => {
    expect(sniffFileKind(await qrToPngBytes('LATCHKEY:X'))).toBe('png');
    expect(sniffFileKind(jpegHeader(10, 10))).toBe('jpeg');
    expect(sniffFileKind(webp('VP8 ', []))).toBe('webp');
    expect(sniffFileKind(Uint8Array.from(ascii('%PDF-1.7\n')))).toBe('pdf');
    // Some mail gateways put junk before the header; readers accept it within the first kilobyte.
    expect(sniffFileKind(Uint8Array.from([...new Array(500).fill(0x20), ...ascii('%PDF-1.4')]))).toBe('pdf');
  });

  it('knows nothing else', () => {
    expect(sniffFileKind(new Uint8Array(0))).toBeUndefined();
    expect(sniffFileKind(Uint8Array.from(ascii('LATCHKEY KEY FILE 1\n')))).toBeUndefined();
    expect(sniffFileKind(Uint8Array.from(ascii('GIF89a')))).toBeUndefined();
    expect(sniffFileKind(Uint8Array.from(ascii('RIFF\0\0\0\0WAVEfmt ')))).toBeUndefined();
    expect(
      sniffFileKind(Uint8Array.from([...new Array(1100).fill(0x20), ...ascii('%PDF-1.4')])),
    ).toBeUndefined();
  });
});

describe('imageDimensions', () => {
  it('reads a PNG IHDR', async () => {
    const png = await qrToPngBytes('LATCHKEY:X', { moduleSize: 3 });
    const side = (qrModules('LATCHKEY:X').size + 2 * 4) * 3; // modules + quiet zone, 3 px each
    expect(imageDimensions('png', png)).toEqual({ width: side, height: side });
  });

  it('walks JPEG segments to the frame header, past APP segments and fill bytes', () => {
    expect(imageDimensions('jpeg', jpegHeader(4000, 3000))).toEqual({ width: 4000, height: 3000 });
    expect(imageDimensions('jpeg', jpegHeader(4000, 3000).subarray(0, 3000))).toBeUndefined(); // cut short
  });

  it('reads the three WebP flavours (RFC 9649): lossy, lossless and extended', () => {
    // VP8: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height (2 scale bits above).
    expect(
      imageDimensions(
        'webp',
        webp('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(1920), ...u16le(1080 | 0x4000)]),
      ),
    ).toEqual({
      width: 1920,
      height: 1080,
    });
    // VP8L: signature 0x2F, then width−1 and height−1 in 14 bits each, little-endian bit order.
    const bits = (7999 | (5999 << 14)) >>> 0;
    expect(
      imageDimensions(
        'webp',
        webp('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]),
      ),
    ).toEqual({
      width: 8000,
      height: 6000,
    });
    // VP8X: flags and reserved (4 bytes), then canvas width−1 and height−1 in 24 bits each.
    expect(imageDimensions('webp', webp('VP8X', [0x10, 0, 0, 0, ...u24le(16383), ...u24le(9999)]))).toEqual({
      width: 16384,
      height: 10000,
    });
  });
});
