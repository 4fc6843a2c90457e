import { DEFAULT_MARGIN, qrModules } from '../qr/make';
import type { PdfContent, Rect } from './pdf-content';

/**
 * Draws the QR code for `text` as vector rectangles (lib/qr/make.ts `qrModules`: level M), so it is crisp at
 * any zoom and print size, with a white quiet zone of 4 modules (ISO/IEC 18004 §6.3.8) painted explicitly so
 * the code reads even if a viewer shows the page on a dark background.
 *
 * `side` is the whole symbol with its quiet zone; (x, y) its bottom-left corner in PDF user space. Each row's
 * runs of dark modules become one rectangle, and all of them are filled as one path (no seams between them).
 * Returns the module size in points.
 */
export function drawQr(content: PdfContent, text: string, x: number, y: number, side: number): number {
  const { size, dark } = qrModules(text);
  const total = size + 2 * DEFAULT_MARGIN;
  const module = side / total;
  content.fillRect(x, y, side, side, 1);
  const rects: Rect[] = [];
  for (let row = 0; row < size; row++) {
    // PDF y grows upwards; QR rows are numbered from the top.
    const top = y + side - (DEFAULT_MARGIN + row) * module;
    let col = 0;
    while (col < size) {
      if (!dark(col, row)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark(col, row)) col++;
      rects.push({
        x: x + (DEFAULT_MARGIN + start) * module,
        y: top - module,
        width: (col - start) * module,
        height: module,
      });
    }
  }
  content.fillRects(rects, 0);
  return module;
}
