import type { ClipboardClearer } from '../../clipboard/clipboard-clearer';
import type { Handlers } from '../../messaging/protocol';
import { failure, ok } from '../result';

/** Shown in the popup's status line when the background cannot clear the clipboard after the popup closes. */
export const CLIPBOARD_CLEAR_UNAVAILABLE =
  'This browser does not let Latchkey clear the clipboard after the popup closes.';

/**
 * `clipboard.scheduleClear` (lib/clipboard/clipboard-clearer.ts). It needs neither the account nor an unlocked
 * vault: clearing the clipboard is harmless in every state, and a lock right after a copy must not keep the
 * secret on the clipboard. `clearer` is undefined where this background has no way to the clipboard (a Chrome
 * without the offscreen API, a test profile that does not model one).
 */
export function clipboardHandlers(
  clearer: ClipboardClearer | undefined,
): Pick<Handlers, 'clipboard.scheduleClear'> {
  return {
    'clipboard.scheduleClear': async ({ afterSeconds }) => {
      if (clearer === undefined) return failure('unavailable', CLIPBOARD_CLEAR_UNAVAILABLE);
      try {
        const clearAt = await clearer.schedule(afterSeconds);
        return ok({ clearAt: new Date(clearAt).toISOString() });
      } catch {
        // alarms.create refused (it should not; the clearer logged it): the popup still clears while open.
        return failure('unavailable', CLIPBOARD_CLEAR_UNAVAILABLE);
      }
    },
  };
}
