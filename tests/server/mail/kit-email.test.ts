import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KIT_PREFIX } from '../../../lib/account/kit-payload';
import { randomBytes } from '../../../lib/crypto/random';
import { encodeBase32 } from '../../../lib/encoding/base32';
import { composeKitEmail } from '../../../server/mail/kit-email';
import { createMailer, type Mailer } from '../../../server/mail/mailer';
import { header, leaves, parseMime, type MimePart } from './mime';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';

// The shape of a real payload (lib/account/README.md: ~205 characters, prefix + Crockford base32), without
// running the 128 MiB QR KDF to make one.
const PAYLOAD = KIT_PREFIX + encodeBase32(randomBytes(124));
const TO = 'john@example.com';
const FROM = 'Latchkey <no-reply@latchkey.test>';
const CREATED = new Date('2027-03-09T23:30:00Z'); // late in the UTC day: the date must not shift

/** Reads the QR code in a PNG with jsQR over pngjs's RGBA pixels. */
function readQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  const rgba = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return jsQR(rgba, image.width, image.height)?.data;
}

function text(part: MimePart | undefined): string {
  if (part === undefined) throw new Error('missing part');
  expect(part.params.charset?.toLowerCase()).toBe('utf-8');
  return part.body.toString('utf8');
}

describe('kit email over SMTP', () => {
  let peer: SmtpPeer;
  let mailer: Mailer;
  let message: MimePart;
  let raw: string;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${peer.port}`,
      outboxDir: '/nonexistent',
      from: FROM,
      log: () => {},
    });
    await mailer.send(await composeKitEmail({ to: TO, payloadText: PAYLOAD, createdAt: CREATED }));
    expect(peer.messages).toHaveLength(1);
    const [received] = peer.messages;
    expect(received?.mailFrom).toBe('no-reply@latchkey.test');
    expect(received?.rcptTo).toEqual([TO]);
    raw = received?.raw ?? '';
    message = parseMime(raw);
  });

  afterAll(async () => {
    await mailer.close();
    await peer.close();
  });

  test('headers: exact subject, To, From, MIME-Version, auto-submitted', () => {
    expect(header(message.headers, 'subject')).toBe('IMPORTANT: Latchkey Account QR Code - March 9, 2027');
    expect(header(message.headers, 'to')).toBe(TO);
    expect(header(message.headers, 'from')).toBe(FROM);
    expect(header(message.headers, 'mime-version')).toBe('1.0');
    expect(header(message.headers, 'auto-submitted')).toBe('auto-generated');
    expect(header(message.headers, 'message-id')).toMatch(/^<[^<>\s]+@latchkey\.test>$/);
  });

  test('structure: text and HTML alternatives, the inline QR related to the HTML, the PNG attached', () => {
    expect(message.contentType).toBe('multipart/mixed');
    const [alternative, attachment, ...rest] = message.parts;
    expect(rest).toEqual([]);
    expect(alternative?.contentType).toBe('multipart/alternative');
    const [plain, related] = alternative?.parts ?? [];
    expect(plain?.contentType).toBe('text/plain');
    expect(related?.contentType).toBe('multipart/related');
    const [htmlPart, inline] = related?.parts ?? [];
    expect(htmlPart?.contentType).toBe('text/html');
    expect(inline?.contentType).toBe('image/png');
    expect(inline?.disposition).toBe('inline');

    expect(attachment?.contentType).toBe('image/png');
    expect(attachment?.disposition).toBe('attachment');
    expect(attachment?.dispositionParams.filename).toBe('latchkey-qr-code-2027-03-09.png');
    expect(attachment?.body.equals(inline?.body ?? Buffer.alloc(0))).toBe(true);
  });

  test('the HTML shows the inline image by its Content-ID, and loads nothing from outside', () => {
    const parts = leaves(message);
    const html = text(parts.find((part) => part.contentType === 'text/html'));
    const sources = [...html.matchAll(/src="([^"]*)"/g)].map((match) => match[1]);
    expect(sources).toHaveLength(1);
    const cid = sources[0]?.replace(/^cid:/, '');
    expect(sources[0]).toBe(`cid:${cid}`);
    const inline = parts.find((part) => header(part.headers, 'content-id') === `<${cid}>`);
    expect(inline?.contentType).toBe('image/png');
    expect(html).not.toMatch(/https?:|\/\/|url\(|<link|<script|<iframe|<form/i);
    expect(raw).not.toContain('data:image');
  });

  test('the PNG is a QR code of exactly the payload, at 8 px per module with the 4-module quiet zone', () => {
    const png = leaves(message).find((part) => part.disposition === 'attachment')?.body ?? Buffer.alloc(0);
    expect(readQr(png)).toBe(PAYLOAD);
    const { width, height } = PNG.sync.read(png);
    expect(width).toBe(height);
    expect(width % 8).toBe(0);
    const modules = width / 8 - 2 * 4;
    expect((modules - 17) % 4).toBe(0); // a QR symbol is 17 + 4·version modules wide (ISO/IEC 18004)
    expect(modules).toBeGreaterThanOrEqual(21);
    // and the HTML shows it at that pixel size (scaled down only to fit a narrow screen)
    const html = text(leaves(message).find((part) => part.contentType === 'text/html'));
    expect(html).toMatch(new RegExp(`<img[^>]*\\swidth="${width}"\\s+height="${height}"`));
  });

  test('both parts carry the instructions; neither carries the payload as text', () => {
    const parts = leaves(message);
    const plain = text(parts.find((part) => part.contentType === 'text/plain'));
    const html = text(parts.find((part) => part.contentType === 'text/html'));
    for (const body of [plain, html]) {
      expect(body).toContain(TO);
      expect(body).toContain('March 9, 2027');
      expect(body).toMatch(/new browser or device/);
      expect(body).toMatch(/password and this QR code/);
      expect(body).toMatch(/like your password/);
      expect(body).toMatch(/Print this email or save/);
      expect(body).toMatch(/new QR code, which replaces this one/);
      expect(body).toMatch(/Did not create a Latchkey account\? Ignore this email/);
      expect(body).not.toContain(PAYLOAD.slice(KIT_PREFIX.length, KIT_PREFIX.length + 20));
    }
    expect(plain).toContain('latchkey-qr-code-2027-03-09.png');
  });
});

describe('composeKitEmail', () => {
  test('escapes a hostile email address in the HTML; a hostile payload still round-trips through the QR', async () => {
    const to = `"><img src=x onerror=alert(1)>'&@example.com`;
    const payloadText = `</p><script>alert("x")</script>&amp;'`;
    const mail = await composeKitEmail({ to, payloadText, createdAt: CREATED });
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;@example.com');
    expect(mail.html).not.toContain(payloadText);
    const png = mail.attachments?.find((attachment) => attachment.cid === undefined)?.content;
    expect(readQr(Buffer.from(png ?? []))).toBe(payloadText);
  });

  test("dates are UTC dates, whatever the server's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: 23:30Z on March 9 is already March 10 there
    try {
      expect(new Date(CREATED).getDate()).toBe(10); // the zone took effect
      const mail = await composeKitEmail({ to: TO, payloadText: PAYLOAD, createdAt: CREATED });
      expect(mail.subject).toBe('IMPORTANT: Latchkey Account QR Code - March 9, 2027');
      expect(mail.attachments?.map((attachment) => attachment.filename)).toEqual([
        'latchkey-qr-code-2027-03-09.png',
        'latchkey-qr-code-2027-03-09.png',
      ]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test('each email has its own Content-ID', async () => {
    const input = { to: TO, payloadText: PAYLOAD, createdAt: CREATED };
    const [a, b] = await Promise.all([composeKitEmail(input), composeKitEmail(input)]);
    expect(a.attachments?.[0]?.cid).toBeTruthy();
    expect(a.attachments?.[0]?.cid).not.toBe(b.attachments?.[0]?.cid);
  });

  test('refuses an empty or oversized payload and an invalid date', async () => {
    await expect(composeKitEmail({ to: TO, payloadText: '', createdAt: CREATED })).rejects.toThrow(
      RangeError,
    );
    await expect(
      composeKitEmail({ to: TO, payloadText: 'A'.repeat(2001), createdAt: CREATED }),
    ).rejects.toThrow(RangeError);
    // binary-ish text that cannot fit even within the length limit
    await expect(
      composeKitEmail({ to: TO, payloadText: '\u{1F511}'.repeat(1000), createdAt: CREATED }),
    ).rejects.toThrow(/does not fit in a QR code/);
    await expect(composeKitEmail({ to: TO, payloadText: PAYLOAD, createdAt: new Date(NaN) })).rejects.toThrow(
      RangeError,
    );
  });
});
