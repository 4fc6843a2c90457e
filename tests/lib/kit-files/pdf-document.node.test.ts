import { describe, expect, it } from 'vitest';
import { PdfDocument } from '../../../lib/kit-files/pdf-document';
import { encodeWinAnsi } from '../../../lib/kit-files/win-ansi';
import { firstPageContent, inspectPdf, latin1, objectBody, shownStrings, streamData } from './pdf-inspect';

function twoPageDocument(): Uint8Array {
  const document = new PdfDocument({
    title: 'Test – ünïcödé title',
    creationDate: new Date('2026-11-21T09:05:03Z'),
  });
  const first = document.addPage(595.276, 841.89);
  first.text('Parens (and) a \\ backslash', 72, 700, { font: 'Helvetica', size: 12 });
  first.text('Café, 20 €, “quotes” — dash', 72, 680, { font: 'Helvetica-Bold', size: 12 });
  first.fillRect(72, 600, 100, 50, [1, 0, 0]);
  const second = document.addPage(612, 792);
  second.text('LK1-ABCDEF', 72, 700, { font: 'Courier-Bold', size: 15, color: 0.33 });
  return document.toBytes();
}

describe('PdfDocument (ISO 32000-1 file structure)', () => {
  const bytes = twoPageDocument();
  const pdf = inspectPdf(bytes);

  it('starts with the PDF 1.7 header and a binary-marker comment of bytes above 127', () => {
    expect(pdf.text.startsWith('%PDF-1.7\n%')).toBe(true);
    const marker = bytes.subarray(10, 14);
    expect([...marker].every((byte) => byte > 127)).toBe(true);
  });

  it('has an xref entry pointing exactly at every object, and /Size counting them all', () => {
    const size = Number(/\/Size (\d+)/.exec(pdf.trailer)?.[1]);
    expect(size).toBeGreaterThan(6);
    expect(pdf.offsets.size).toBe(size - 1); // object 0 is the free-list head
    for (let n = 1; n < size; n++) {
      expect(pdf.text.startsWith(`${n} 0 obj\n`, pdf.offsets.get(n)!), `object ${n}`).toBe(true);
    }
  });

  it('gives every stream its exact /Length', () => {
    const streams = [...pdf.offsets.keys()].filter((n) => objectBody(pdf, n).includes('\nstream\n'));
    expect(streams).toHaveLength(2);
    for (const n of streams) expect(() => streamData(pdf, n)).not.toThrow();
  });

  it('is 7-bit ASCII apart from the marker comment, so it survives any transfer', () => {
    expect([...bytes.subarray(15)].every((byte) => byte < 128)).toBe(true);
  });

  it('writes strings as WinAnsi bytes with (, ) and \\ escaped and the rest as octal', () => {
    const { content } = firstPageContent(pdf);
    expect(content).toContain('(Parens \\(and\\) a \\\\ backslash) Tj');
    const shown = shownStrings(content);
    expect(shown.map((s) => [...s].map((c) => c.charCodeAt(0)))).toEqual([
      [...encodeWinAnsi('Parens (and) a \\ backslash')],
      [...encodeWinAnsi('Café, 20 €, “quotes” — dash')],
    ]);
  });

  it('declares the standard fonts with WinAnsiEncoding and an A4 then a Letter MediaBox', () => {
    expect(pdf.text).toContain('/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding');
    expect(pdf.text).toContain('/BaseFont /Courier-Bold /Encoding /WinAnsiEncoding');
    expect(pdf.text).toContain('/MediaBox [0 0 595.276 841.89]');
    expect(pdf.text).toContain('/MediaBox [0 0 612 792]');
  });

  it('stores the title as UTF-16BE with a byte order mark and the date in UTC', () => {
    expect(pdf.text).toContain('/CreationDate (D:20261121090503Z)');
    const title = /\/Title <([0-9A-F]+)>/.exec(pdf.text)![1]!;
    expect(title.startsWith('FEFF')).toBe(true);
    const units = title
      .slice(4)
      .match(/.{4}/g)!
      .map((unit) => parseInt(unit, 16));
    expect(String.fromCharCode(...units)).toBe('Test – ünïcödé title');
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(latin1(twoPageDocument())).toBe(pdf.text);
  });

  it('refuses what it cannot write instead of writing a broken file', () => {
    expect(() => new PdfDocument({ title: 't', creationDate: new Date() }).toBytes()).toThrow(RangeError);
    const document = new PdfDocument({ title: 't', creationDate: new Date() });
    expect(() => document.addPage(0, 100)).toThrow(RangeError);
    const page = document.addPage(100, 100);
    expect(() => page.text('用户', 0, 0, { font: 'Helvetica', size: 10 })).toThrow(/U\+7528 at index 0/);
    expect(() => page.fillRect(0, 0, Number.NaN, 1, 0)).toThrow(RangeError);
    expect(() => page.fillRect(0, 0, 1, 1, [2, 0, 0])).toThrow(RangeError);
    expect(() => new PdfDocument({ title: 't', creationDate: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
