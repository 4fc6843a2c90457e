import type { DownloadFile } from './models/popup-deps';

/** Long enough for the browser to start reading the blob; the URL is useless after, so it is revoked. */
const REVOKE_AFTER_MS = 10_000;

/**
 * Saves a file the popup made (kit PNG/PDF, key file) through an <a download> with a blob: URL, which needs no
 * `downloads` permission. The URL is revoked once the download has started.
 */
export function downloadFile(file: DownloadFile): void {
  const blob = new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)], {
    type: file.mimeType,
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
