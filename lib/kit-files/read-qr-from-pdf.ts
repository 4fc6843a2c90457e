import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { decodeQrImage } from '../qr/decode';
import { MAX_PIXELS, type RgbaImage } from '../qr/rgba-image';
import { loadPdfjs } from './pdfjs-loader';
import { pageImages } from './pdf-page-images';
import type { ReadBudget } from './read-budget';
import { UnreadablePdfError } from './read-errors';

/** Pages looked at: a kit is one page, a printed email two or three; a long document is not a kit. */
const MAX_PAGES = 5;
/**
 * First rendering: 2× (144 dpi). The kit PDF's 7 cm code then has ~6 px per module, the printed email's
 * more; any printed code of 3.5 cm or more gets the ≥ 3 px per module decoders need.
 */
const FIRST_SCALE = 2;
/** The retry: 4× (288 dpi), for codes down to ~1.8 cm. An A4 page is then 8 MP. */
const RETRY_SCALE = 4;
/**
 * The retry covers the first two pages only: a kit is one page and a printed email has its code on the
 * first or second, and an 8 MP page without a code costs ~0.5–1 s to search.
 */
const RETRY_PAGES = 2;
/** A page is never rendered larger than this, whatever its size (posters, bogus MediaBoxes). */
const MAX_RENDER_PIXELS = 16_000_000;
/** Below this, the next page or pass is not worth starting. */
const MIN_STAGE_MS = 100;

/**
 * Reads a QR code from a PDF: each of the first five pages rendered with pdf.js at 2×, then the images
 * embedded in them at their own resolution (a scan or photo saved as PDF), then the first two pages again at
 * 4×, until one decodes, within the budget. Resolves null when none does. Throws UnreadablePdfError when
 * pdf.js cannot open the file, or when it had to guess past a truncation and found nothing.
 *
 * Needs a DOM (an extension page): pdf.js renders into a canvas element and loads fonts into the document.
 */
export async function readQrFromPdf(file: Blob, budget: ReadBudget): Promise<string | null> {
  const data = new Uint8Array(await file.arrayBuffer());
  const truncated = !endsWithEof(data);
  const pdfjs = await loadPdfjs();
  budget.check();
  const task = pdfjs.getDocument({
    data,
    // The extension CSP forbids eval; pdf.js then interprets PDF functions instead of compiling them.
    isEvalSupported: false,
    enableXfa: false,
    // Images beyond this are skipped rather than decoded into gigabytes.
    maxImageSize: MAX_PIXELS,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let pdf: PDFDocumentProxy | undefined;
    try {
      pdf = await budget.race(task.promise);
    } catch (error) {
      budget.check();
      throw new UnreadablePdfError(isPasswordError(error) ? 'password' : 'damaged');
    }
    if (pdf === undefined) return null; // the budget ran out while pdf.js was still parsing
    const text = await readPages(pdf, budget);
    if (text === null && truncated) throw new UnreadablePdfError('damaged');
    return text;
  } finally {
    // Ends the worker's work on this document (and the worker, which pdf.js starts per document).
    await task.destroy();
  }
}

async function readPages(pdf: PDFDocumentProxy, budget: ReadBudget): Promise<string | null> {
  const pages: PDFPageProxy[] = [];
  for (let number = 1; number <= Math.min(pdf.numPages, MAX_PAGES); number++) {
    if (budget.nearlySpent(MIN_STAGE_MS)) return null;
    let page: PDFPageProxy | undefined;
    try {
      page = await budget.race(pdf.getPage(number));
    } catch {
      budget.check();
      // A page object that does not parse: a damaged file, unless an earlier page was readable.
      if (pages.length === 0) throw new UnreadablePdfError('damaged');
      break;
    }
    if (page === undefined) return null;
    pages.push(page);
    const text = await decodeRendered(page, FIRST_SCALE, budget);
    if (text !== null) return text;
  }
  for (const page of pages) {
    for (const image of await pageImages(page, budget)) {
      if (budget.nearlySpent(MIN_STAGE_MS)) return null;
      const text = await decode(image, budget);
      if (text !== null) return text;
    }
  }
  for (const page of pages.slice(0, RETRY_PAGES)) {
    if (budget.nearlySpent(MIN_STAGE_MS)) return null;
    const text = await decodeRendered(page, RETRY_SCALE, budget);
    if (text !== null) return text;
  }
  return null;
}

async function decodeRendered(page: PDFPageProxy, scale: number, budget: ReadBudget): Promise<string | null> {
  const image = await render(page, scale, budget);
  return image ? decode(image, budget) : null;
}

function decode(image: RgbaImage, budget: ReadBudget): Promise<string | null> {
  return decodeQrImage(image, { deadlineMs: Math.max(1, budget.remaining()), signal: budget.signal });
}

/** The page rendered over white at `scale` (capped at MAX_RENDER_PIXELS), or undefined if it failed. */
async function render(page: PDFPageProxy, scale: number, budget: ReadBudget): Promise<RgbaImage | undefined> {
  const natural = page.getViewport({ scale: 1 });
  const cap = Math.sqrt(MAX_RENDER_PIXELS / (natural.width * natural.height));
  const viewport = page.getViewport({ scale: Math.min(scale, cap) });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(viewport.width));
  canvas.height = Math.max(1, Math.floor(viewport.height));
  const task = page.render({ canvas, viewport, background: '#fff' });
  try {
    const done = await budget.race(task.promise.then(() => true));
    if (!done) return undefined;
  } catch {
    budget.check();
    // Content pdf.js could not draw: the other pages and passes may still have the code.
    return undefined;
  } finally {
    task.cancel();
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return { data, width, height };
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/**
 * Whether "%%EOF" (ISO 32000-1 §7.5.5) is in the last kilobyte. A file without it was cut short (an
 * interrupted download): pdf.js can often still open it by scanning for objects, so when nothing is found in
 * such a file, "damaged" is the accurate message, not "no QR code".
 */
function endsWithEof(data: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(data.subarray(Math.max(0, data.length - 1024)));
  return tail.includes('%%EOF');
}
