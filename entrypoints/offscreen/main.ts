import { browser } from 'wxt/browser';
import { isOffscreenClearRequest, type OffscreenClearAnswer } from '../../lib/clipboard/offscreen-message';
import { writeEmptyClipboard } from '../../lib/clipboard/write-empty-clipboard';

/**
 * /offscreen.html (Chrome only): the background's hands for the clipboard, which a service worker cannot touch.
 * The background creates this document, asks it to write '' and closes it (lib/clipboard/offscreen-clipboard.ts).
 * Every other runtime message (the popup's to the background) is left alone: answering undefined lets the
 * background's answer through.
 */
function main(): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isOffscreenClearRequest(message)) return undefined;
    return writeEmptyClipboard(document).then(
      (): OffscreenClearAnswer => ({ cleared: true }),
      (error: unknown): OffscreenClearAnswer => ({
        cleared: false,
        error: error instanceof Error ? error.message : 'refused',
      }),
    );
  });
}

main();
