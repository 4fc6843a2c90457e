import { randomUUID } from 'node:crypto';
import { formatDate } from '../../lib/account/errors';
import { qrToPngBytes } from '../../lib/qr/make';
import { emailDocument, html } from './email-html';
import type { OutgoingMail } from './mailer';

/**
 * The Authentication Kit email (DESIGN §1, §2 "The kit email is the one exception"): the QR code shown in the
 * message and attached as a PNG, with what it is for and how to keep it. The server composes it from the
 * client's payload, hands it to the mailer and keeps nothing: no copy, no log of the payload.
 */

export interface KitEmailInput {
  to: string;
  /** The Authentication QR payload ("LATCHKEY:…"), exactly what the QR code must read back. */
  payloadText: string;
  createdAt: Date;
}

/**
 * The QR code as lib/qr/make.ts makes it for the kit download, so the email and the download are the same
 * picture: level M (~15% of codewords recoverable; lib/qr/make.ts has the measurements), the 4-module quiet
 * zone ISO/IEC 18004 §6.3.8 requires, and 8 px per module so that a phone photographing a laptop screen still
 * sees ~3 px per module.
 */
const QR_OPTIONS = { errorCorrection: 'M', margin: 4, moduleSize: 8 } as const;
/** Generous ceiling; a real payload is ~200–600 characters (lib/account/README.md). */
const MAX_PAYLOAD_CHARS = 2000;

export async function composeKitEmail(input: KitEmailInput): Promise<OutgoingMail> {
  const { to, payloadText, createdAt } = input;
  if (typeof to !== 'string' || to === '') throw new TypeError('composeKitEmail: `to` must be an email');
  if (typeof payloadText !== 'string' || payloadText === '' || payloadText.length > MAX_PAYLOAD_CHARS) {
    throw new RangeError(`composeKitEmail: the payload must be 1–${MAX_PAYLOAD_CHARS} characters`);
  }
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
    throw new RangeError('composeKitEmail: `createdAt` must be a valid Date');
  }

  const png = await renderQrPng(payloadText);
  const { width, height } = pngSize(png);
  const date = formatDate(createdAt);
  const filename = `latchkey-qr-code-${createdAt.toISOString().slice(0, 10)}.png`;
  // RFC 2392 asks Content-IDs to be globally unique.
  const cid = `latchkey-qr-${randomUUID()}@latchkey.invalid`;

  return {
    to,
    subject: `IMPORTANT: Latchkey Account QR Code - ${date}`,
    text: kitText(to, date, filename),
    html: kitHtml(to, date, cid, width, height),
    attachments: [
      // Shown in the message (cid:, because many clients block data: URIs and remote images are tracking)…
      { filename, content: png, contentType: 'image/png', cid },
      // …and as a file to save, print or upload on the new device.
      { filename, content: png, contentType: 'image/png' },
    ],
  };
}

async function renderQrPng(text: string): Promise<Uint8Array> {
  try {
    return await qrToPngBytes(text, QR_OPTIONS);
  } catch (_error) {
    throw new RangeError('composeKitEmail: the payload does not fit in a QR code');
  }
}

/** Width and height from the IHDR chunk, which the PNG spec puts first (bytes 16–23, big-endian). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function kitText(to: string, date: string, filename: string): string {
  return `Your Latchkey Authentication QR Code

This is the Authentication QR Code of the Latchkey account ${to}, created on ${date}. It is attached to this email as ${filename}.

WHAT IT IS FOR
To sign in to Latchkey on a new browser or device you need two things: your password and this QR code. When Latchkey asks you to authenticate the device, scan the QR code with the camera or upload the image. Devices where you already use Latchkey only need your password.

KEEP IT PRIVATE
Treat this QR code like your password: do not forward this email or share the image. It is useless without your password, but whoever has it can try to guess your password.

KEEP A COPY
Print this email or save the QR code image somewhere safe, ideally offline. Latchkey's server keeps no copy of it.

WHEN YOU CHANGE YOUR PASSWORD
You get a new QR code, which replaces this one. This one then stops working.

Did not create a Latchkey account? Ignore this email and delete it. Nothing happens without the password chosen when the account was created.

This email was sent automatically by Latchkey. Do not reply to it.
`;
}

function kitHtml(to: string, date: string, cid: string, width: number, height: number): string {
  const heading = 'margin:24px 0 4px;font-size:17px;';
  return emailDocument(
    `Latchkey Account QR Code - ${date}`,
    html`<h1 style="margin:0 0 16px;font-size:22px;">Your Latchkey Authentication QR Code</h1>
      <p>
        This is the Authentication QR Code of the Latchkey account <strong>${to}</strong>, created on ${date}.
      </p>
      <div style="text-align:center;margin:24px 0;">
        <img
          src="cid:${cid}"
          width="${width}"
          height="${height}"
          alt="Latchkey Authentication QR Code"
          style="display:block;margin:0 auto;max-width:100%;height:auto;border:1px solid #d4d4d8;"
        />
        <p style="margin:8px 0 0;font-size:13px;color:#52525b;">
          Latchkey Authentication QR Code · ${to} · ${date}
        </p>
      </div>
      <h2 style="${heading}">What it is for</h2>
      <p style="margin:0;">
        To sign in to Latchkey on a new browser or device you need two things:
        <strong>your password and this QR code</strong>. When Latchkey asks you to authenticate the device,
        scan the QR code with the camera or upload the attached image. Devices where you already use Latchkey
        only need your password.
      </p>
      <h2 style="${heading}">Keep it private</h2>
      <p style="margin:0;">
        Treat this QR code like your password: do not forward this email or share the image. It is useless
        without your password, but whoever has it can try to guess your password.
      </p>
      <h2 style="${heading}">Keep a copy</h2>
      <p style="margin:0;">
        Print this email or save the attached image somewhere safe, ideally offline. Latchkey's server keeps
        no copy of it.
      </p>
      <h2 style="${heading}">When you change your password</h2>
      <p style="margin:0;">You get a new QR code, which replaces this one. This one then stops working.</p>
      <p style="margin-top:24px;padding:12px;background:#f4f4f5;">
        Did not create a Latchkey account? Ignore this email and delete it. Nothing happens without the
        password chosen when the account was created.
      </p>`,
  );
}
