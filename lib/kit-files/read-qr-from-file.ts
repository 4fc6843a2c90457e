import { SNIFF_BYTES, sniffFileKind } from './file-kind';
import { ReadBudget } from './read-budget';
import { FileTooLargeError, NoQrFoundError, UnsupportedFileError } from './read-errors';
import { readQrFromImage } from './read-qr-from-image';
import { readQrFromPdf } from './read-qr-from-pdf';

/**
 * The largest file accepted: 30 MB. A 50 MP phone JPEG is ~15–25 MB and a scanned multi-page PDF a few MB;
 * beyond that the file is almost certainly not a photo or printout of a kit, and reading it whole would only
 * cost memory.
 */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;
/** Total time for one file. An image takes well under a second; a PDF's first read also starts pdf.js. */
export const DEFAULT_READ_DEADLINE_MS = 8000;

export interface ReadQrFromFileOptions {
  signal?: AbortSignal;
  /** Total time budget (default 8 s); when it is spent without a code, the result is NoQrFoundError. */
  deadlineMs?: number;
}

/**
 * Reads the QR code in a file the user picked (DESIGN §1: a screenshot, a photo, the kit PDF, a PDF of the
 * printed email) and returns its text. The file's type comes from its first bytes, not its name. Runs in an
 * extension page (popup or tab): it needs createImageBitmap, canvas and, for PDFs, a DOM for pdf.js.
 *
 * Rejects with NoQrFoundError, UnsupportedFileError, FileTooLargeError, UnreadablePdfError or
 * UnreadableImageError (lib/kit-files/read-errors.ts), with the signal's reason when aborted, and with
 * TypeError/RangeError for bad arguments. Whether the text is a Latchkey code is for lib/account to judge.
 */
export async function readQrFromFile(file: Blob, options: ReadQrFromFileOptions = {}): Promise<string> {
  if (!(file instanceof Blob)) throw new TypeError('readQrFromFile: expected a File or Blob');
  const deadlineMs = options.deadlineMs ?? DEFAULT_READ_DEADLINE_MS;
  if (!(deadlineMs > 0)) throw new RangeError(`deadlineMs must be positive, got ${deadlineMs}`);
  const budget = new ReadBudget(deadlineMs, options.signal);
  budget.check();
  if (file.size > MAX_FILE_BYTES) throw new FileTooLargeError('30 MB');
  const kind = sniffFileKind(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (kind === undefined) throw new UnsupportedFileError();
  budget.check();
  const text = kind === 'pdf' ? await readQrFromPdf(file, budget) : await readQrFromImage(file, kind, budget);
  budget.check();
  if (text === null) throw new NoQrFoundError();
  return text;
}
