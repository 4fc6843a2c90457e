/**
 * Just enough PDF reading for the tests to check what lib/kit-files writes, independently of the writer:
 * the cross-reference table, objects by number, and a page's content stream. Written for this writer's
 * output (classic xref table, uncompressed streams), not for PDFs in general.
 */

export interface InspectedPdf {
  text: string;
  startxref: number;
  /** Object number → byte offset, from the xref table. */
  offsets: Map<number, number>;
  trailer: string;
}

/** Latin-1 view of the bytes: one character per byte, so string indices are byte offsets. */
export function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return text;
}

export function inspectPdf(bytes: Uint8Array): InspectedPdf {
  const text = latin1(bytes);
  const startxrefMatch = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
  if (!startxrefMatch) throw new Error('no startxref / %%EOF at the end');
  const startxref = Number(startxrefMatch[1]);
  if (!text.startsWith('xref\n', startxref)) throw new Error('startxref does not point at "xref"');
  const header = /^xref\n0 (\d+)\n/.exec(text.slice(startxref));
  if (!header) throw new Error('xref subsection header missing');
  const count = Number(header[1]);
  const entriesStart = startxref + header[0].length;
  const offsets = new Map<number, number>();
  for (let n = 0; n < count; n++) {
    const entry = text.slice(entriesStart + 20 * n, entriesStart + 20 * (n + 1));
    const match = /^(\d{10}) (\d{5}) ([nf])\r\n$/.exec(entry);
    if (!match)
      throw new Error(
        `xref entry ${n} is not 20 bytes of "oooooooooo ggggg n\\r\\n": ${JSON.stringify(entry)}`,
      );
    if (match[3] === 'n') offsets.set(n, Number(match[1]));
  }
  const trailerStart = entriesStart + 20 * count;
  if (!text.startsWith('trailer\n', trailerStart)) throw new Error('trailer does not follow the xref table');
  return {
    text,
    startxref,
    offsets,
    trailer: text.slice(trailerStart, text.indexOf('startxref', trailerStart)),
  };
}

/** The body of object `n` (between "n 0 obj" and "endobj"), found through the xref offset. */
export function objectBody(pdf: InspectedPdf, n: number): string {
  const offset = pdf.offsets.get(n);
  if (offset === undefined) throw new Error(`object ${n} is not in the xref table`);
  const head = `${n} 0 obj\n`;
  if (!pdf.text.startsWith(head, offset)) throw new Error(`xref offset of object ${n} does not point at it`);
  const end = pdf.text.indexOf('\nendobj\n', offset);
  return pdf.text.slice(offset + head.length, end);
}

/** The data of a stream object, checked against its /Length. */
export function streamData(pdf: InspectedPdf, n: number): string {
  const body = objectBody(pdf, n);
  const match = /^<< \/Length (\d+) >>\nstream\n/.exec(body);
  if (!match) throw new Error(`object ${n} is not a stream`);
  const length = Number(match[1]);
  const data = body.slice(match[0].length, match[0].length + length);
  if (body.slice(match[0].length + length) !== '\nendstream')
    throw new Error(`/Length of object ${n} is wrong`);
  return data;
}

/** The content stream of the first page: catalog → pages → first kid → Contents. */
export function firstPageContent(pdf: InspectedPdf): { page: string; content: string } {
  const root = /\/Root (\d+) 0 R/.exec(pdf.trailer);
  if (!root) throw new Error('trailer has no /Root');
  const pagesRef = /\/Pages (\d+) 0 R/.exec(objectBody(pdf, Number(root[1])));
  const kid = /\/Kids \[(\d+) 0 R/.exec(objectBody(pdf, Number(pagesRef?.[1])));
  const page = objectBody(pdf, Number(kid?.[1]));
  const contents = /\/Contents (\d+) 0 R/.exec(page);
  return { page, content: streamData(pdf, Number(contents?.[1])) };
}

/** Every rectangle filled (`re` … `f`) right after the colour operator `color` (e.g. "0 g"), in order. */
export function filledRects(
  content: string,
  color: string,
): { x: number; y: number; width: number; height: number }[] {
  const lines = content.split('\n');
  const rects = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'f') continue;
    let first = i;
    while (first > 0 && lines[first - 1]!.endsWith(' re')) first--;
    if (lines[first - 1] !== color) continue;
    for (const line of lines.slice(first, i)) {
      const [x, y, width, height] = line.split(' ').slice(0, 4).map(Number) as [
        number,
        number,
        number,
        number,
      ];
      rects.push({ x, y, width, height });
    }
  }
  return rects;
}

/** The strings shown with Tj, decoded from the literal-string escapes the writer uses. */
export function shownStrings(content: string): string[] {
  const strings: string[] = [];
  for (const match of content.matchAll(/\((.*)\) Tj$/gm)) {
    strings.push(
      match[1]!.replace(/\\([0-7]{3}|[()\\])/g, (_, escape: string) =>
        escape.length === 3 ? String.fromCharCode(parseInt(escape, 8)) : escape,
      ),
    );
  }
  return strings;
}
