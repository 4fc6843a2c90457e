import { encodeWinAnsi } from './win-ansi';

/**
 * Widths of the standard fonts the kit PDFs use, for line wrapping and centring. Not embedded fonts: every
 * reader supplies Helvetica and Courier (ISO 32000-1 §9.6.2.2), and draws them with these metrics, which come
 * from Adobe's Core 14 AFM files (as copied into pdf.js's `metrics.js`, from which this table was generated).
 * Units are 1/1000 em; index = WinAnsi code − 32.
 */

export type StandardFont = 'Helvetica' | 'Helvetica-Bold' | 'Courier' | 'Courier-Bold';

export const STANDARD_FONTS: readonly StandardFont[] = [
  'Helvetica',
  'Helvetica-Bold',
  'Courier',
  'Courier-Bold',
];

const FIRST_CODE = 32;

// prettier-ignore
const HELVETICA: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,
  556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
  350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667,
  278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
  400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
  667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
  556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

// prettier-ignore
const HELVETICA_BOLD: readonly number[] = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,
  556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
  350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667,
  278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
  400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
  722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
  556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
  611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

/** Courier is monospaced: every glyph is 600/1000 em wide. */
const COURIER_WIDTH = 600;

/** The advance width of one WinAnsi code in 1/1000 em (0 for codes below 32, which are never encoded). */
export function glyphWidth(font: StandardFont, code: number): number {
  if (font === 'Courier' || font === 'Courier-Bold') return COURIER_WIDTH;
  const table = font === 'Helvetica' ? HELVETICA : HELVETICA_BOLD;
  return table[code - FIRST_CODE] ?? 0;
}

/** Width in points of text set in `font` at `size` pt. Throws UnencodableTextError like encodeWinAnsi. */
export function textWidth(text: string, font: StandardFont, size: number): number {
  let units = 0;
  for (const code of encodeWinAnsi(text)) units += glyphWidth(font, code);
  return (units * size) / 1000;
}
