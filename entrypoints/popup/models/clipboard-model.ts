import { createModel, effect, signal, untracked } from '@preact/signals';
import type { PopupDeps } from './popup-deps';

/**
 * Copying a secret from the popup, and clearing the clipboard again after the user's chosen delay
 * (prefs.clipboardClearSeconds; 0 = never), as Bitwarden and 1Password do.
 *
 * Limits, said plainly (also in the settings screen's description):
 * - The popup cannot read the clipboard without the clipboardRead permission, so it cannot check that what is
 *   there is still what it wrote: at the deadline it writes '' unconditionally. Whatever the user copied
 *   elsewhere in the meantime is cleared too (the same trade-off Bitwarden makes).
 * - The popup's timer lives as long as the popup. The usual way is copy, close, paste: so after each copy the
 *   popup also asks the background (`clipboard.scheduleClear`, lib/clipboard) to clear at the same deadline,
 *   which it does after the popup has closed (an offscreen document in Chrome, the event page in Firefox). The
 *   copied text is never sent: clearing is writing ''. Both clearing at the deadline is harmless.
 * - Browsers let a page write the clipboard only while it has focus; a clear that the browser refuses is
 *   dropped silently (there is nothing the user could do about it), and so is a background that cannot clear
 *   (it logs why; the popup's own timer still runs while it is open).
 */

/** "10 s", "30 s", "1 min", "2 min": how the delay reads in messages and in the settings select. */
export function clearDelayText(seconds: number): string {
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function copiedMessage(seconds: number): string {
  return seconds > 0 ? `Copied. The clipboard is cleared in ${clearDelayText(seconds)}.` : 'Copied.';
}

export const CLIPBOARD_CLEARED = 'Clipboard cleared.';
export const COPY_FAILED =
  'Could not copy: the browser refused access to the clipboard. Click the popup and try again.';

export const ClipboardModel = createModel((deps: Pick<PopupDeps, 'writeClipboard' | 'prefs' | 'send'>) => {
  /** What the last copy did, for a role="status" line; null before the first copy. */
  const message = signal<string | null>(null);
  const failed = signal(false);
  /** Whether a clear is scheduled (for tests and for the settings screen's wording). */
  const pending = signal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  function cancel(): void {
    clearTimeout(timer);
    timer = undefined;
    pending.value = false;
  }

  effect(() => cancel);

  async function clearNow(): Promise<void> {
    cancel();
    try {
      await deps.writeClipboard('');
      message.value = CLIPBOARD_CLEARED;
    } catch {
      // The popup lost focus (the browser refuses writes then): nothing to tell the user that helps.
    }
  }

  return {
    message,
    failed,
    pending,
    /** Copies `text`; answers whether the browser accepted it. A newer copy replaces the pending clear. */
    async copy(text: string): Promise<boolean> {
      const id = ++generation;
      cancel();
      const { clipboardClearSeconds: seconds } = await deps.prefs.get();
      try {
        await deps.writeClipboard(text);
      } catch {
        // Never log the error: some browsers echo the refused text in it.
        if (id === generation) {
          message.value = COPY_FAILED;
          failed.value = true;
        }
        return false;
      }
      if (id !== generation) return true;
      failed.value = false;
      message.value = copiedMessage(seconds);
      if (seconds > 0) {
        pending.value = true;
        timer = setTimeout(() => void clearNow(), seconds * 1000);
        // For after the popup closes. Its answer changes nothing here: 'unavailable' leaves the popup's own
        // clear, which is all there is then (the background logged why).
        await deps.send('clipboard.scheduleClear', { afterSeconds: seconds });
      }
      return true;
    },
    /** Forgets the last message (a screen opening should not show an older screen's "Copied."). */
    forget() {
      message.value = null;
      failed.value = false;
    },
  };
});

export type ClipboardModel = InstanceType<typeof ClipboardModel>;

/**
 * One clipboard per popup, shared by every screen: a copy made in the item view is still cleared after the
 * user goes back to the list (screen models are disposed when their screen closes; this one is not).
 */
const perPopup = new WeakMap<object, ClipboardModel>();

export function clipboardFor(deps: PopupDeps): ClipboardModel {
  let model = perPopup.get(deps);
  if (model === undefined) {
    // untracked: created from inside a screen's model, it would otherwise be owned (and disposed) by it.
    model = untracked(() => new ClipboardModel(deps));
    perPopup.set(deps, model);
  }
  return model;
}
