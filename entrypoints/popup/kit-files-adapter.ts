import { AccountError } from '../../lib/account/errors';
import { kitFileNames } from '../../lib/kit-files/kit-file-names';
import { makeKitPdf } from '../../lib/kit-files/kit-pdf';
import { paperSizeForLocale, type PaperSize } from '../../lib/kit-files/paper-size';
import { NoQrFoundError } from '../../lib/kit-files/read-errors';
import { readQrFromFile } from '../../lib/kit-files/read-qr-from-file';
import { makeRecoveryKitPdf } from '../../lib/kit-files/recovery-kit-pdf';
import { qrToPngBytes } from '../../lib/qr/make';
import type { KitFiles } from './models/popup-deps';

/**
 * lib/kit-files as the popup's models use it: files named and typed for download, and the QR reader's typed
 * failures turned into what the user reads (DESIGN §6). Loaded with a dynamic import (main.tsx), so the PDF
 * writer and the QR reader (pdf.js, zxing-wasm) cost nothing until the user downloads a kit or picks a file.
 */
export const COULD_NOT_READ_FILE = 'Latchkey could not read this file. Try again, or try another way below.';

export interface KitFilesEnv {
  /** lib/kit-files readQrFromFile in an extension page; tests pass a reader that works in Node. */
  readQrFromFile(file: Blob): Promise<string>;
  paper: PaperSize;
}

export function createKitFiles(env: KitFilesEnv): KitFiles {
  return {
    kitPdf(kit) {
      const createdAt = new Date(kit.createdAt);
      return {
        fileName: kitFileNames(createdAt).kitPdf,
        mimeType: 'application/pdf',
        data: makeKitPdf({ ...kit, createdAt, paper: env.paper }),
      };
    },
    async kitPng(kit) {
      return {
        fileName: kitFileNames(new Date(kit.createdAt)).kitPng,
        mimeType: 'image/png',
        data: await qrToPngBytes(kit.payloadText),
      };
    },
    recoveryKitPdf(kit) {
      const createdAt = new Date(kit.createdAt);
      return {
        fileName: kitFileNames(createdAt).recoveryKitPdf,
        mimeType: 'application/pdf',
        data: makeRecoveryKitPdf({ ...kit, createdAt, paper: env.paper }),
      };
    },
    async readQr(file) {
      try {
        return { ok: true, text: await env.readQrFromFile(file) };
      } catch (error) {
        if (error instanceof NoQrFoundError) {
          return { ok: false, error: { code: 'file', message: error.message, hint: error.hint } };
        }
        // The reader's other typed failures (unsupported, too large, unreadable PDF or image) are for the user.
        if (error instanceof AccountError)
          return { ok: false, error: { code: 'file', message: error.message } };
        console.error('reading a QR code from a file failed', error);
        return { ok: false, error: { code: 'internal', message: COULD_NOT_READ_FILE } };
      }
    },
  };
}

/** The popup's: the real reader, and Letter or A4 paper as the browser's language suggests. */
export function browserKitFiles(): KitFiles {
  return createKitFiles({ readQrFromFile, paper: paperSizeForLocale(navigator.language) });
}
