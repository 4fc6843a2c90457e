import { textWidth } from './font-metrics';
import type { PdfColor, PdfContent, TextStyle } from './pdf-content';
import { wrapText } from './text-wrap';

export const GRAY: PdfColor = 0.33;

/** Text measured in points: 1 cm = 72 / 2.54 pt. */
export const CM = 72 / 2.54;

/**
 * A top-to-bottom flow of text blocks on one page, as the kits need: headings, wrapped paragraphs, centred
 * lines and reserved boxes (for the QR code). The column is the central `columnWidth` points of the page, so a
 * layout made for the narrower A4 also sits centred on Letter. Running off the bottom is a layout bug (the kits
 * have fixed text and a bounded email) and throws RangeError rather than clipping a line.
 */
export class FlowLayout {
  /** The top of the next line or box, in PDF user space (y grows upwards). */
  private cursor: number;
  readonly left: number;

  constructor(
    private readonly content: PdfContent,
    readonly pageWidth: number,
    private readonly pageHeight: number,
    readonly columnWidth: number,
    private readonly verticalMargin: number,
  ) {
    this.left = (pageWidth - columnWidth) / 2;
    this.cursor = pageHeight - verticalMargin;
  }

  space(points: number): void {
    this.cursor -= points;
  }

  /** A wrapped paragraph. `indent` shifts it right (bullets, labelled values). */
  paragraph(text: string, style: TextStyle, options: { indent?: number; leading?: number } = {}): void {
    const indent = options.indent ?? 0;
    const leading = options.leading ?? style.size * 1.35;
    const lines = wrapText(text, style.font, style.size, this.columnWidth - indent);
    for (const line of lines) {
      this.content.text(line, this.left + indent, this.takeLine(style.size, leading), style);
    }
  }

  /** A bullet item: a small square and a paragraph indented beside it. */
  bullet(text: string, style: TextStyle): void {
    const indent = style.size * 1.1;
    const mark = style.size * 0.3;
    const leading = style.size * 1.35;
    const firstBaseline = this.cursor - (leading - style.size) / 2 - style.size * 0.8;
    this.paragraph(text, style, { indent, leading });
    // Centred on the first line's x-height (Helvetica's is 0.523 em), where a typeset bullet sits.
    const markY = firstBaseline + style.size * 0.26 - mark / 2;
    this.content.fillRect(this.left + 1, markY, mark, mark, style.color ?? 0);
  }

  /** One line, centred in the column; wrapped into several centred lines if it is too long. */
  centered(text: string, style: TextStyle, leading = style.size * 1.35): void {
    for (const line of wrapText(text, style.font, style.size, this.columnWidth)) {
      const baseline = this.takeLine(style.size, leading);
      const width = textWidth(line, style.font, style.size);
      this.content.text(line, this.left + (this.columnWidth - width) / 2, baseline, style);
    }
  }

  /**
   * A label in the margin column and a wrapped value beside it, on the same first baseline ("Account  j@…").
   * The label's style must not be taller than the value's.
   */
  labelled(
    label: string,
    value: string,
    labelStyle: TextStyle,
    valueStyle: TextStyle,
    labelWidth: number,
  ): void {
    const leading = valueStyle.size * 1.35;
    const firstBaseline = this.cursor - (leading - valueStyle.size) / 2 - valueStyle.size * 0.8;
    this.paragraph(value, valueStyle, { indent: labelWidth, leading });
    this.content.text(label, this.left, firstBaseline, labelStyle);
  }

  /** A paragraph on a filled panel (a warning), padded on every side. */
  panel(text: string, style: TextStyle, background: PdfColor, padding: number): void {
    const leading = style.size * 1.35;
    const lines = wrapText(text, style.font, style.size, this.columnWidth - 2 * padding);
    const height = lines.length * leading + 2 * padding;
    const bottom = this.box(height);
    this.content.fillRect(this.left, bottom, this.columnWidth, height, background);
    let top = bottom + height - padding;
    for (const line of lines) {
      this.content.text(
        line,
        this.left + padding,
        top - (leading - style.size) / 2 - style.size * 0.8,
        style,
      );
      top -= leading;
    }
  }

  /** Reserves a box of `height` points across the column; returns its bottom-left y. */
  box(height: number): number {
    this.cursor -= height;
    this.checkFits();
    return this.cursor;
  }

  /**
   * Takes the next line box (`leading` tall, glyphs centred in it) and returns its baseline. The baseline
   * sits 0.8 em under the glyphs' top, about where Helvetica's cap height and ascenders put it.
   */
  private takeLine(size: number, leading: number): number {
    const baseline = this.cursor - (leading - size) / 2 - size * 0.8;
    this.cursor -= leading;
    this.checkFits();
    return baseline;
  }

  private checkFits(): void {
    if (this.cursor < this.verticalMargin || this.cursor > this.pageHeight) {
      throw new RangeError('the kit text does not fit on the page');
    }
  }
}
