import { AccountError } from '../account/errors';

/**
 * Why a file the user picked to authenticate a device (or to recover the account) gave no QR text. These
 * are expected failures the UI shows as they are (DESIGN §6), so they share AccountError's shape: a stable
 * `code` and a message written for the user. Whether the text that was read is a Latchkey code at all is
 * lib/account's business (parseKit), not this layer's.
 */

/** The file was read, but no QR code was found in it (DESIGN §6: with a hint). */
export class NoQrFoundError extends AccountError {
  override readonly name = 'NoQrFoundError';
  readonly code = 'no-qr-found';
  readonly hint = 'Try a closer crop, more light, or upload the kit PDF instead.';
  constructor() {
    super('No QR code found in this image');
  }
}

/** Not a PNG, JPEG, WebP or PDF, judged by the file's first bytes rather than its name. */
export class UnsupportedFileError extends AccountError {
  override readonly name = 'UnsupportedFileError';
  readonly code = 'unsupported-file';
  constructor() {
    super('This file is not an image or a PDF. Upload a PNG, JPEG or WebP image, or a PDF.');
  }
}

/** Larger than the reader accepts, in bytes or (for an image) in pixels. */
export class FileTooLargeError extends AccountError {
  override readonly name = 'FileTooLargeError';
  readonly code = 'file-too-large';
  constructor(readonly limit: string) {
    super(`This file is too large (the limit is ${limit}). Crop the image or upload the kit PDF instead.`);
  }
}

/** A PDF that pdf.js cannot open: damaged, truncated, or protected by a password. */
export class UnreadablePdfError extends AccountError {
  override readonly name = 'UnreadablePdfError';
  readonly code = 'unreadable-pdf';
  constructor(readonly reason: 'damaged' | 'password') {
    super(
      reason === 'password'
        ? 'This PDF is protected by a password. Upload the kit PDF as Latchkey saved it, or a screenshot of the QR code.'
        : 'This PDF could not be opened: it may be damaged or incomplete. Download or save it again, or upload a screenshot of the QR code.',
    );
  }
}

/** An image whose first bytes say PNG, JPEG or WebP, but which the browser cannot decode (damaged, truncated). */
export class UnreadableImageError extends AccountError {
  override readonly name = 'UnreadableImageError';
  readonly code = 'unreadable-image';
  constructor() {
    super(
      'This image could not be opened: it may be damaged or incomplete. Save or export it again, or take a new screenshot.',
    );
  }
}
