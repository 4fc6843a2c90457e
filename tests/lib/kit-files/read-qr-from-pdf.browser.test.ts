import { describe, expect, it } from 'vitest';
import expected from '../../fixtures/kit-files/kit-email-printed.json';
import emailPdfUrl from '../../fixtures/kit-files/kit-email-printed.pdf?url';
import { parseKit } from '../../../lib/account/kit-payload';
import { makeKitPdf } from '../../../lib/kit-files/kit-pdf';
import { CM } from '../../../lib/kit-files/page-layout';
import { PdfDocument } from '../../../lib/kit-files/pdf-document';
import { pageImages } from '../../../lib/kit-files/pdf-page-images';
import { drawQr } from '../../../lib/kit-files/pdf-qr';
import { loadPdfjs } from '../../../lib/kit-files/pdfjs-loader';
import { ReadBudget } from '../../../lib/kit-files/read-budget';
import { NoQrFoundError, UnreadablePdfError } from '../../../lib/kit-files/read-errors';
import { readQrFromFile } from '../../../lib/kit-files/read-qr-from-file';
import { makeRecoveryKitPdf } from '../../../lib/kit-files/recovery-kit-pdf';
import { decodeQrImage } from '../../../lib/qr/decode';
import { bytesBlob, rejectionOf, withUnknownPassword } from './test-files';

const PAYLOAD = 'LATCHKEY:' + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.repeat(7).slice(0, 205);
const CREATED_AT = new Date('2026-11-21T10:00:00Z');

const kitPdf = (overrides: Partial<Parameters<typeof makeKitPdf>[0]> = {}) =>
  makeKitPdf({ payloadText: PAYLOAD, email: 'jane.doe@example.com', createdAt: CREATED_AT, ...overrides });

/** A PDF of `pages` A4 pages with text, and the QR code of `text` on page `qrPage` (1-based) if given. */
function documentWithQrOnPage(pages: number, qrPage: number | undefined, side = 7 * CM): Uint8Array {
  const document = new PdfDocument({ title: 'Several pages', creationDate: CREATED_AT });
  for (let n = 1; n <= pages; n++) {
    const page = document.addPage(595.276, 841.89);
    page.text(`Page ${n}: some text, no code here.`, 72, 770, { font: 'Helvetica', size: 12 });
    if (n === qrPage) drawQr(page, PAYLOAD, 72, 400, side);
  }
  return document.toBytes();
}

async function emailPdf(): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(emailPdfUrl)).arrayBuffer());
}

describe('readQrFromFile on PDFs (pdf.js in Chromium)', () => {
  it('reads the kit PDF back to exactly its payload, on A4 and on Letter', async () => {
    const started = performance.now();
    expect(await readQrFromFile(bytesBlob(kitPdf(), 'application/pdf'))).toBe(PAYLOAD);
    console.info(`kit PDF read in ${Math.round(performance.now() - started)} ms (first PDF: pdf.js loads)`);
    const again = performance.now();
    expect(await readQrFromFile(bytesBlob(kitPdf({ paper: 'letter' })))).toBe(PAYLOAD);
    console.info(`kit PDF read in ${Math.round(performance.now() - again)} ms (pdf.js loaded)`);
  });

  it('reads the kit PDF of an account whose email has non-Latin characters', async () => {
    expect(await readQrFromFile(bytesBlob(kitPdf({ email: '用户@例子.中国' })))).toBe(PAYLOAD);
  });

  it('reads the Recovery Kit PDF back to exactly its payload', async () => {
    const recoveryPayload = 'LATCHKEY-RECOVERY:' + 'ABCDEFGHJKMNPQRSTVWXYZ0123456789'.repeat(4);
    const pdf = makeRecoveryKitPdf({
      payloadText: recoveryPayload,
      email: 'jane.doe@example.com',
      createdAt: CREATED_AT,
      accountKey: 'LK1-ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD',
      recoveryCode: 'LKR1-ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD-EFGHJK-MNPQRS-TV12',
    });
    expect(await readQrFromFile(bytesBlob(pdf))).toBe(recoveryPayload);
  });

  it('reads the kit email printed to PDF by Chromium (tests/fixtures/kit-files), a real Latchkey kit', async () => {
    const text = await readQrFromFile(bytesBlob(await emailPdf()));
    expect(text).toBe(expected.payloadText);
    expect(parseKit(text).email).toBe(expected.email);
  });

  it("finds the email PDF's QR code among the page's embedded images too, at the image's own resolution", async () => {
    const pdfjs = await loadPdfjs();
    const task = pdfjs.getDocument({ data: await emailPdf(), isEvalSupported: false });
    try {
      const page = await (await task.promise).getPage(1);
      const images = await pageImages(page, new ReadBudget(5000, undefined));
      expect(images.length).toBeGreaterThanOrEqual(1);
      expect(images[0]!.width).toBeGreaterThanOrEqual(400); // the attached PNG, not a rendering of it
      expect(await decodeQrImage(images[0]!)).toBe(expected.payloadText);
    } finally {
      await task.destroy();
    }
  });

  it('looks past pages without a code, up to the fifth page', async () => {
    expect(await readQrFromFile(bytesBlob(documentWithQrOnPage(3, 2)))).toBe(PAYLOAD);
    expect(await readQrFromFile(bytesBlob(documentWithQrOnPage(5, 5)))).toBe(PAYLOAD);
    // A sixth page is past the bound: a kit is one page, a printed email two or three.
    expect(await rejectionOf(readQrFromFile(bytesBlob(documentWithQrOnPage(6, 6))))).toBeInstanceOf(
      NoQrFoundError,
    );
  });

  it('reads a code printed as small as 2 cm, on the second page', async () => {
    // 65 modules in 2 cm: 0.31 mm each, 1.7 px at the first rendering (2×), 3.5 px at the retry (4×).
    expect(await readQrFromFile(bytesBlob(documentWithQrOnPage(2, 2, 2 * CM)))).toBe(PAYLOAD);
  });

  it('says "No QR code found in this image" for a PDF without a code', async () => {
    const error = await rejectionOf(readQrFromFile(bytesBlob(documentWithQrOnPage(2, undefined))));
    expect(error).toBeInstanceOf(NoQrFoundError);
    expect(error.message).toBe('No QR code found in this image');
  });

  it('says a truncated PDF is damaged (an interrupted download), whatever pdf.js could still salvage', async () => {
    const pdf = kitPdf();
    for (const fraction of [0.05, 0.5, 0.9]) {
      const error = await rejectionOf(
        readQrFromFile(bytesBlob(pdf.slice(0, Math.floor(pdf.length * fraction)))),
      );
      expect(error, `first ${fraction * 100} %`).toBeInstanceOf(UnreadablePdfError);
      expect((error as UnreadablePdfError).reason).toBe('damaged');
      expect(error.message).toMatch(/^This PDF could not be opened: it may be damaged or incomplete\./);
    }
  });

  it('says a PDF that is not one inside is damaged', async () => {
    const garbage = new TextEncoder().encode('%PDF-1.7\n' + 'this is not a PDF body '.repeat(50));
    expect(await rejectionOf(readQrFromFile(bytesBlob(garbage)))).toBeInstanceOf(UnreadablePdfError);
  });

  it('says a password-protected PDF is protected', async () => {
    const error = await rejectionOf(readQrFromFile(bytesBlob(withUnknownPassword(kitPdf()))));
    expect(error).toBeInstanceOf(UnreadablePdfError);
    expect((error as UnreadablePdfError).reason).toBe('password');
    expect(error.message).toMatch(/^This PDF is protected by a password\./);
  });
});
