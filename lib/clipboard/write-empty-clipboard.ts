/**
 * Writes '' to the clipboard from a document that has no focus and no user gesture: Chrome's offscreen document
 * and Firefox's event page. Both allow the legacy `document.execCommand('copy')` there with the clipboardWrite
 * permission (Chrome's offscreen clipboard recipe uses it; MDN "Interact with the clipboard"), whereas
 * `navigator.clipboard.writeText` needs a focused document (Chromium 156 answers NotAllowedError "Document is not
 * focused" in an offscreen document, measured here).
 *
 * `execCommand('copy')` copies the selection, and an empty selection copies nothing (measured: the clipboard
 * keeps the secret). So the copy event's data is set instead: the clipboard then holds an empty text/plain,
 * which `navigator.clipboard.readText()` reads as '' (measured in Chromium 156).
 *
 * Throws ClipboardRefusedError when the browser refuses; the clipboard may then still hold the secret.
 */

export class ClipboardRefusedError extends Error {
  override name = 'ClipboardRefusedError';
}

export async function writeEmptyClipboard(doc: Document): Promise<void> {
  let written = false;
  const onCopy = (event: ClipboardEvent): void => {
    if (event.clipboardData === null) return;
    event.clipboardData.setData('text/plain', '');
    event.preventDefault();
    written = true;
  };
  doc.addEventListener('copy', onCopy);
  try {
    // Deprecated but the one synchronous write that works without focus in both browsers (see above).
    const accepted = doc.execCommand('copy');
    if (accepted && written) return;
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
  // Where execCommand is refused (a future browser), the async API may still be allowed.
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard !== undefined) {
    try {
      await clipboard.writeText('');
      return;
    } catch (error) {
      throw new ClipboardRefusedError(`execCommand('copy') and clipboard.writeText were refused`, {
        cause: error,
      });
    }
  }
  throw new ClipboardRefusedError(`execCommand('copy') was refused`);
}
