import { offscreenClipboardWriter, type OffscreenApi } from './offscreen-clipboard';
import { writeEmptyClipboard } from './write-empty-clipboard';

/**
 * How this background writes '' to the clipboard, decided by what the browser gives it:
 * - Chrome (MV3 service worker, no DOM): the offscreen API ('offscreen' permission), through /offscreen.html;
 * - Firefox (MV3 event page, a DOM of its own; no offscreen API): its own document ('clipboardWrite');
 * - neither: undefined, and `clipboard.scheduleClear` answers unavailable (the popup still clears while open).
 */
export function backgroundClipboardWriter(env: {
  offscreen: OffscreenApi | undefined;
  sendMessage(message: unknown): Promise<unknown>;
  document: Document | undefined;
}): (() => Promise<void>) | undefined {
  if (env.offscreen !== undefined) {
    return offscreenClipboardWriter({
      offscreen: env.offscreen,
      sendMessage: env.sendMessage,
      url: 'offscreen.html',
    });
  }
  const doc = env.document;
  if (doc !== undefined) return () => writeEmptyClipboard(doc);
  return undefined;
}
