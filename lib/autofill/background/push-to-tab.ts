import type { ToContent } from '../content-messages';
import type { AutofillTabs } from './autofill-deps';

/**
 * Sends a background→content push (lib/autofill/content-messages.ts) without waiting for it: what a content
 * script answers means nothing to the background, and a frame that never answers must not hold a handler. A
 * tab without our content script (a browser page, a frame still loading) does not hear it: expected ("Receiving
 * end does not exist"), so it is not logged. Without `options`, every frame of the tab gets it.
 */
export function pushToTab(
  tabs: AutofillTabs,
  tabId: number,
  message: ToContent,
  options?: { frameId: number; documentId?: string },
): void {
  let sent: Promise<unknown>;
  try {
    sent =
      options === undefined ? tabs.sendMessage(tabId, message) : tabs.sendMessage(tabId, message, options);
  } catch {
    return;
  }
  sent.catch(() => undefined);
}
