import { type StandardFont } from './font-metrics';
import { fontResourceName, PdfContent } from './pdf-content';
import { pdfDate, pdfName, pdfNumber, pdfTextString } from './pdf-syntax';

/**
 * A minimal PDF 1.7 writer (ISO 32000-1): pages of vector content in the standard fonts, nothing else. It
 * exists so the kits are printed from vectors (a QR code stays crisp at any zoom and print size) without a
 * PDF library in the extension. Output is deterministic for the same input, uncompressed and ASCII apart from
 * the binary-marker comment, so tests can check every byte offset.
 */

export interface PdfInfo {
  title: string;
  creationDate: Date;
  /** BCP 47 language of the text, for screen readers (§14.9.2). */
  language?: string;
}

interface Page {
  width: number;
  height: number;
  content: PdfContent;
}

export class PdfDocument {
  private readonly pages: Page[] = [];

  constructor(private readonly info: PdfInfo) {
    if (!(info.creationDate instanceof Date) || Number.isNaN(info.creationDate.getTime())) {
      throw new RangeError('creationDate must be a valid Date');
    }
  }

  /** Adds a page and returns its content, to draw on. */
  addPage(width: number, height: number): PdfContent {
    // 3..14 400 pt is the range §C.2 (Annex C, implementation limits) gives for page sizes.
    for (const side of [width, height]) {
      if (!(side >= 3 && side <= 14_400)) throw new RangeError(`page side ${side} pt is out of range`);
    }
    const content = new PdfContent();
    this.pages.push({ width, height, content });
    return content;
  }

  toBytes(): Uint8Array {
    if (this.pages.length === 0) throw new RangeError('a PDF needs at least one page');
    const fonts = [...new Set(this.pages.flatMap((page) => page.content.usedFonts()))];
    // Object numbers: 1 catalog, 2 page tree, 3 info, then fonts, then a page and its content per page.
    const fontRef = new Map<StandardFont, number>(fonts.map((font, i) => [font, 4 + i]));
    const firstPage = 4 + fonts.length;
    const pageRef = (i: number) => firstPage + 2 * i;

    const objects: string[] = [];
    objects[1] = dictionary({
      Type: '/Catalog',
      Pages: ref(2),
      Lang: this.info.language ? pdfTextString(this.info.language) : undefined,
      // Printing at "actual size" by default keeps the QR code at its designed physical size (§12.2).
      ViewerPreferences: '<< /DisplayDocTitle true /PrintScaling /None >>',
    });
    objects[2] = dictionary({
      Type: '/Pages',
      Kids: `[${this.pages.map((_, i) => ref(pageRef(i))).join(' ')}]`,
      Count: String(this.pages.length),
    });
    objects[3] = dictionary({
      Title: pdfTextString(this.info.title),
      Producer: pdfTextString('Latchkey'),
      CreationDate: pdfDate(this.info.creationDate),
    });
    for (const [font, number] of fontRef) {
      // A standard 14 font needs no widths or font file (§9.6.2.2); WinAnsi is what encodeWinAnsi writes.
      objects[number] = dictionary({
        Type: '/Font',
        Subtype: '/Type1',
        BaseFont: pdfName(font),
        Encoding: '/WinAnsiEncoding',
      });
    }
    this.pages.forEach((page, i) => {
      const fontResources = page.content
        .usedFonts()
        .map((font) => `${fontResourceName(font)} ${ref(fontRef.get(font)!)}`)
        .join(' ');
      objects[pageRef(i)] = dictionary({
        Type: '/Page',
        Parent: ref(2),
        MediaBox: `[0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)}]`,
        Resources: `<< /Font << ${fontResources} >> >>`,
        Contents: ref(pageRef(i) + 1),
      });
      objects[pageRef(i) + 1] = stream(page.content.source());
    });
    return serialize(objects);
  }
}

function ref(number: number): string {
  return `${number} 0 R`;
}

function dictionary(entries: Record<string, string | undefined>): string {
  const body = Object.entries(entries)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${pdfName(key)} ${value}`)
    .join(' ');
  return `<< ${body} >>`;
}

/** A stream object of ASCII data (one character per byte, so its length is its /Length). */
function stream(data: string): string {
  return `<< /Length ${data.length} >>\nstream\n${data}\nendstream`;
}

/**
 * Header, objects, cross-reference table and trailer (§7.5). Built as a string of characters below 256 (one
 * byte each), so an object's offset is simply the string length before it.
 */
function serialize(objects: string[]): Uint8Array {
  // The comment's bytes above 127 tell transfer tools the file is binary (§7.5.2).
  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let number = 1; number < objects.length; number++) {
    const body = objects[number];
    if (body === undefined) throw new Error(`PDF object ${number} was never written`);
    offsets[number] = out.length;
    out += `${number} 0 obj\n${body}\nendobj\n`;
  }
  const xrefOffset = out.length;
  // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-character end of line.
  out += `xref\n0 ${objects.length}\n0000000000 65535 f\r\n`;
  for (let number = 1; number < objects.length; number++) {
    out += `${String(offsets[number]).padStart(10, '0')} 00000 n\r\n`;
  }
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
  return bytes;
}
