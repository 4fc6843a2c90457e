import { formatDate } from '../account/errors';
import { CM, FlowLayout, GRAY } from './page-layout';
import type { PdfContent, TextStyle } from './pdf-content';
import { PdfDocument } from './pdf-document';
import { drawQr } from './pdf-qr';
import { PAPER_SIZES, type PaperSize } from './paper-size';
import { printableEmail } from './printable-email';

/** What both kits print about the account, checked at the boundary (the caller's input). */
export interface KitPageInput {
  /** The text the page's QR code must read back to. */
  payloadText: string;
  email: string;
  createdAt: Date;
  /** Default A4; `paperSizeForLocale(navigator.language)` picks Letter where printers use it. */
  paper?: PaperSize;
}

/** 16 cm: leaves margins of 2.5 cm or more on A4 (21 cm) and Letter (21.6 cm), wider than any printer needs. */
const COLUMN_WIDTH = 16 * CM;
const VERTICAL_MARGIN = 1.6 * CM;
/** The QR code's ceiling, as in composeKitEmail: a real payload is ~200–600 characters. */
const MAX_PAYLOAD_CHARS = 2000;

export const STYLES = {
  title: { font: 'Helvetica-Bold', size: 22 },
  subtitle: { font: 'Helvetica', size: 11, color: GRAY },
  label: { font: 'Helvetica', size: 10, color: GRAY },
  value: { font: 'Helvetica-Bold', size: 12 },
  heading: { font: 'Helvetica-Bold', size: 12 },
  body: { font: 'Helvetica', size: 10.5 },
  small: { font: 'Helvetica', size: 8.5, color: GRAY },
} as const satisfies Record<string, TextStyle>;

const LABEL_WIDTH = 2.4 * CM;

export function checkKitPageInput(input: KitPageInput): void {
  const { payloadText, email, createdAt, paper } = input;
  if (typeof payloadText !== 'string' || payloadText === '') throw new TypeError('payloadText must be text');
  if (payloadText.length > MAX_PAYLOAD_CHARS) {
    throw new RangeError(`payloadText is longer than ${MAX_PAYLOAD_CHARS} characters`);
  }
  if (typeof email !== 'string' || email === '') throw new TypeError('email must be text');
  // 254: the longest address SMTP can carry (RFC 5321 §4.5.3.1.3: a 256-octet path, minus its brackets).
  if (email.length > 254) throw new RangeError('email is longer than 254 characters');
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
    throw new TypeError('createdAt must be a valid Date');
  }
  if (paper !== undefined && !(paper in PAPER_SIZES)) throw new RangeError(`unknown paper size ${paper}`);
}

/** One kit page: the document, its flow layout and the content to draw on. */
export function beginKitPage(
  title: string,
  input: KitPageInput,
): { document: PdfDocument; content: PdfContent; layout: FlowLayout } {
  const { width, height } = PAPER_SIZES[input.paper ?? 'a4'];
  const document = new PdfDocument({ title, creationDate: input.createdAt, language: 'en' });
  const content = document.addPage(width, height);
  const layout = new FlowLayout(content, width, height, COLUMN_WIDTH, VERTICAL_MARGIN);
  return { document, content, layout };
}

/** "Account  j@example.com" and "Created  November 21, 2026", with a note when the email had to be escaped. */
export function accountLines(layout: FlowLayout, email: string, createdAt: Date): void {
  const printable = printableEmail(email);
  layout.labelled('Account', printable.text, STYLES.label, STYLES.value, LABEL_WIDTH);
  if (printable.escaped) {
    layout.paragraph(
      'Characters this page cannot print are written as Unicode code points (<U+...>) or, in the domain, in ' +
        'its ASCII form (xn--...).',
      STYLES.small,
      { indent: LABEL_WIDTH },
    );
  }
  layout.labelled('Created', formatDate(createdAt), STYLES.label, STYLES.value, LABEL_WIDTH);
}

/** The QR code centred in the column, `side` points wide with its quiet zone, and a caption under it. */
export function qrBlock(
  layout: FlowLayout,
  content: PdfContent,
  payloadText: string,
  side: number,
  caption: string,
): void {
  const bottom = layout.box(side);
  drawQr(content, payloadText, (layout.pageWidth - side) / 2, bottom, side);
  layout.space(2);
  layout.centered(caption, STYLES.small);
}

export function section(layout: FlowLayout, heading: string, paragraphs: readonly string[]): void {
  layout.space(10);
  layout.paragraph(heading, STYLES.heading);
  layout.space(2);
  for (const text of paragraphs) layout.paragraph(text, STYLES.body);
}

export function bulletSection(layout: FlowLayout, heading: string, items: readonly string[]): void {
  layout.space(10);
  layout.paragraph(heading, STYLES.heading);
  layout.space(2);
  for (const item of items) layout.bullet(item, STYLES.body);
}
