import { beforeAll, describe, expect, test } from 'vitest';
import { generateAccountKey } from '../../../lib/account/account-key';
import { DamagedKitError, NotLatchkeyCodeError } from '../../../lib/account/errors';
import { createKit, openKit, parseKit } from '../../../lib/account/kit-payload';
import { decodeQrImage } from '../../../lib/qr/decode';
import { qrModules, qrToSvg } from '../../../lib/qr/make';
import type { RgbaImage } from '../../../lib/qr/rgba-image';

const PASSWORD = 'correct horse battery staple';
const ACCOUNT_ID = '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f';

/** Renders a QR as a camera might see it: `scale` px per module, turned by `angle`, on a grey desk. */
function render(text: string, scale: number, angle = 0): RgbaImage {
  const qr = qrModules(text);
  const side = Math.ceil((qr.size + 8) * scale * 1.5);
  const data = new Uint8ClampedArray(side * side * 4);
  const c = side / 2;
  const half = (qr.size + 8) / 2;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      // Inverse-rotate the pixel into module coordinates (quiet zone of 4 modules around the code).
      const u = ((x - c) * cos + (y - c) * sin) / scale + half - 4;
      const v = (-(x - c) * sin + (y - c) * cos) / scale + half - 4;
      const inPaper = u >= -4 && v >= -4 && u < qr.size + 4 && v < qr.size + 4;
      const dark = u >= 0 && v >= 0 && u < qr.size && v < qr.size && qr.dark(Math.floor(u), Math.floor(v));
      const level = !inPaper ? 128 : dark ? 20 : 235;
      data.set([level, level, level, 255], (y * side + x) * 4);
    }
  }
  return { data, width: side, height: side };
}

describe('Authentication Kit through a QR code', () => {
  const accountKey = generateAccountKey();
  let kit: string;

  beforeAll(async () => {
    kit = await createKit({
      accountId: ACCOUNT_ID,
      email: 'john@example.com',
      keyEpoch: 1,
      password: PASSWORD,
      accountKey,
    });
  });

  test('the QR is alphanumeric-mode and the SVG is self-contained', () => {
    const svg = qrToSvg(kit);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/href=|<script|url\(/i);
  });

  test('made, read back (straight and turned) and opened with the password: the same Account Key', async () => {
    for (const angle of [0, 0.4]) {
      const read = await decodeQrImage(render(kit, 4, angle));
      expect(read, `angle ${angle}`).toBe(kit);
    }
    const { accountKey: opened } = await openKit(kit, PASSWORD, {
      email: 'john@example.com',
      accountId: ACCOUNT_ID,
      keyEpoch: 1,
    });
    expect(opened).toEqual(accountKey);
  });

  test("someone else's QR code is read, then refused as not Latchkey's", async () => {
    const read = await decodeQrImage(render('https://example.com/menu', 6));
    expect(read).toBe('https://example.com/menu');
    expect(() => parseKit(read!)).toThrow(NotLatchkeyCodeError);
  });

  test('a code cut short by a bad scan is damaged, not a wrong password', () => {
    expect(() => parseKit(kit.slice(0, -3))).toThrow(DamagedKitError);
  });
});
