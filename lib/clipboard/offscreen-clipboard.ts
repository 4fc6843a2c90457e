import { ClipboardRefusedError } from './write-empty-clipboard';
import { OFFSCREEN_CLEAR_REQUEST, parseOffscreenClearAnswer } from './offscreen-message';

/**
 * Chrome MV3: the service worker has no DOM and no clipboard, so clearing it goes through an offscreen
 * document (chrome.offscreen, Chrome 109+, reason CLIPBOARD) that lives only for the clear: created, asked to
 * write '', closed. Chrome allows one offscreen document per extension, so calls must not overlap (the clearer
 * runs them one after another) and one left over from a stopped worker is reused.
 */

export interface OffscreenApi {
  createDocument(parameters: { url: string; reasons: 'CLIPBOARD'[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument(): Promise<boolean>;
}

export interface OffscreenClipboardDeps {
  offscreen: OffscreenApi;
  /** runtime.sendMessage: reaches the offscreen document (the worker does not receive its own messages). */
  sendMessage(message: unknown): Promise<unknown>;
  /** The document's path in the build, e.g. 'offscreen.html'. */
  url: string;
}

/** Chrome shows the justification nowhere today; it is required and reviewed by the Web Store. */
const JUSTIFICATION = 'Clear a password from the clipboard after the delay the user chose.';

export function offscreenClipboardWriter(deps: OffscreenClipboardDeps): () => Promise<void> {
  return async () => {
    const { offscreen } = deps;
    if (!(await offscreen.hasDocument())) {
      await offscreen.createDocument({ url: deps.url, reasons: ['CLIPBOARD'], justification: JUSTIFICATION });
    }
    try {
      const answer = parseOffscreenClearAnswer(await deps.sendMessage(OFFSCREEN_CLEAR_REQUEST));
      if (!answer.cleared) throw new ClipboardRefusedError(answer.error);
    } finally {
      await offscreen.closeDocument().catch(() => undefined);
    }
  };
}
