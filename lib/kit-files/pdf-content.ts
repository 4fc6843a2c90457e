import { type StandardFont } from './font-metrics';
import { pdfLiteralString, pdfName, pdfNumber } from './pdf-syntax';
import { encodeWinAnsi } from './win-ansi';

/** A device colour: a gray level or RGB, each component in 0..1. */
export type PdfColor = number | readonly [number, number, number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextStyle {
  font: StandardFont;
  /** In points. */
  size: number;
  color?: PdfColor;
}

/**
 * One page's content stream (ISO 32000-1 §8, §9.4): filled rectangles and lines of text. Coordinates are
 * PDF user space, in points from the bottom-left corner of the page. Only the operators the kits need.
 */
export class PdfContent {
  private readonly ops: string[] = [];
  private readonly fonts = new Set<StandardFont>();

  /**
   * Fills rectangles as one path (nonzero winding). Painting many rectangles in one fill is what keeps a QR
   * code's adjacent modules free of the hairline seams that separate anti-aliased fills leave between them.
   * The colour is set first: §8.2 allows no colour operator inside a path object.
   */
  fillRects(rects: Iterable<Rect>, color: PdfColor): void {
    const path: string[] = [];
    for (const { x, y, width, height } of rects) {
      if (!(width >= 0 && height >= 0)) throw new RangeError('rectangle with a negative size');
      path.push(`${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re`);
    }
    if (path.length === 0) return;
    this.ops.push(colorOperator(color), ...path, 'f');
  }

  fillRect(x: number, y: number, width: number, height: number, color: PdfColor): void {
    this.fillRects([{ x, y, width, height }], color);
  }

  /** One line of text with its baseline starting at (x, y). Throws UnencodableTextError (see win-ansi.ts). */
  text(text: string, x: number, y: number, style: TextStyle): void {
    if (!(style.size > 0)) throw new RangeError('font size must be positive');
    const bytes = encodeWinAnsi(text);
    this.fonts.add(style.font);
    this.ops.push(
      'BT',
      colorOperator(style.color ?? 0),
      `${fontResourceName(style.font)} ${pdfNumber(style.size)} Tf`,
      `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm`,
      `${pdfLiteralString(bytes)} Tj`,
      'ET',
    );
  }

  /** The fonts this content uses, for the page's resource dictionary. */
  usedFonts(): StandardFont[] {
    return [...this.fonts];
  }

  /** The content stream's data. ASCII only (string bytes are escaped), so one character is one byte. */
  source(): string {
    return this.ops.join('\n') + '\n';
  }
}

/** The name a page's resources give a font: /Helvetica-Bold → /F-Helvetica-Bold. */
export function fontResourceName(font: StandardFont): string {
  return pdfName(`F-${font}`);
}

function colorOperator(color: PdfColor): string {
  const components = typeof color === 'number' ? [color] : color;
  for (const c of components) {
    if (!(c >= 0 && c <= 1)) throw new RangeError(`colour components must be in 0..1, got ${c}`);
  }
  return `${components.map(pdfNumber).join(' ')} ${typeof color === 'number' ? 'g' : 'rg'}`;
}
