import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { textWidth, type StandardFont } from '../../../lib/kit-files/font-metrics';
import { makeKitPdf } from '../../../lib/kit-files/kit-pdf';
import { makeRecoveryKitPdf } from '../../../lib/kit-files/recovery-kit-pdf';
import { firstPageContent, inspectPdf } from './pdf-inspect';

/**
 * The kit PDFs as an independent reader sees them: pdf.js (legacy build, its worker running in this thread
 * in Node) parses them with warnings on, and lays out their text with its own copy of the standard fonts'
 * metrics. Rendering and reading the QR code back is tested in Chromium (read-qr-from-file.browser.test.ts).
 */

const STANDARD_FONTS = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);
const PAYLOAD = 'LATCHKEY:' + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.repeat(7).slice(0, 205);
const CREATED_AT = new Date('2026-11-21T10:00:00Z');

const kits = {
  'Authentication Kit': () =>
    makeKitPdf({ payloadText: PAYLOAD, email: 'jane.doe@example.com', createdAt: CREATED_AT }),
  'Recovery Kit': () =>
    makeRecoveryKitPdf({
      payloadText: PAYLOAD,
      email: 'jane.doe@example.com',
      createdAt: CREATED_AT,
      accountKey: 'LK1-ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD',
      recoveryCode: 'LKR1-ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD-EFGHJK-MNPQRS-TV12',
    }),
  'Authentication Kit, non-Latin email, Letter': () =>
    makeKitPdf({ payloadText: PAYLOAD, email: '用户@例子.中国', createdAt: CREATED_AT, paper: 'letter' }),
};

/** What pdf.js logs (warnings and errors) while it opens the PDF, parses its page and extracts its text. */
async function pdfjsMessages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const messages: string[] = [];
  const capture = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  const task = pdfjs.getDocument({
    data: bytes,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
    isEvalSupported: false,
  });
  try {
    const document = await task.promise;
    expect(document.numPages).toBe(1);
    const metadata = await document.getMetadata();
    expect((metadata.info as { PDFFormatVersion?: string }).PDFFormatVersion).toBe('1.7');
    const page = await document.getPage(1);
    await page.getOperatorList();
    await page.getTextContent();
  } finally {
    await task.destroy();
    vi.restoreAllMocks();
  }
  return messages;
}

it('pdf.js does warn about a PDF whose xref table is off by one byte (so silence below means something)', async () => {
  const bytes = makeKitPdf({ payloadText: PAYLOAD, email: 'jane.doe@example.com', createdAt: CREATED_AT });
  const pdf = inspectPdf(bytes);
  const entry = pdf.text.indexOf(`${String(pdf.offsets.get(5)).padStart(10, '0')} 00000 n`, pdf.startxref);
  bytes[entry + 9]! += 1; // object 5 is the Helvetica font
  expect((await pdfjsMessages(bytes)).join('\n')).toMatch(/Indexing all PDF objects|XRef/);
});

describe.each(Object.entries(kits))('%s, as pdf.js reads it', (_name, make) => {
  it('opens, parses and extracts its text with no warning or error from pdf.js', async () => {
    expect(await pdfjsMessages(make())).toEqual([]);
  });

  it('has text whose widths, by pdf.js, are the ones the layout computed', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const bytes = make();
    const task = pdfjs.getDocument({
      data: bytes.slice(),
      standardFontDataUrl: STANDARD_FONTS,
      verbosity: 0,
    });
    try {
      const page = await (await task.promise).getPage(1);
      const { items } = await page.getTextContent();
      const shown = items.filter((item) => 'str' in item && item.str !== '') as {
        str: string;
        width: number;
        transform: number[];
      }[];
      // The fonts of the shown strings, in content-stream order, from the Tf operators.
      const { content } = firstPageContent(inspectPdf(bytes));
      const fonts = [...content.matchAll(/\/F-(\S+) (\S+) Tf/g)].map((m) => ({
        font: m[1] as StandardFont,
        size: Number(m[2]),
      }));
      expect(shown).toHaveLength(fonts.length);
      shown.forEach((item, i) => {
        const { font, size } = fonts[i]!;
        expect(item.transform[0]).toBeCloseTo(size, 3);
        expect(item.width, `"${item.str}" in ${font}`).toBeCloseTo(textWidth(item.str, font, size), 1);
        // Nothing runs past the right margin of A4 or Letter (the column is 16 cm, centred).
        expect(item.transform[4]! + item.width).toBeLessThan(612 - 2 * 28.3);
      });
    } finally {
      await task.destroy();
    }
  });
});
