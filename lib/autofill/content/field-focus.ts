import { detectLoginForms, isPossibleLoginField } from '../detect-login-forms';
import type { ContentSend } from './content-channel';
import { isFocused } from './focused-element';
import type { InlineMenu } from './inline-menu';

/**
 * The inline menu's trigger: a trusted focus on a username or password field of a detected login form. This
 * is the only place detection runs on its own, and only after the cheap isPossibleLoginField check, so a page
 * without login fields costs one listener call per focus change (DESIGN §7: ≤ 1 ms on a page with no form).
 * The frame's origin is the sender's, decided by the background; the answer carries no secret.
 */
export function watchFieldFocus(send: ContentSend, menu: InlineMenu, signal: AbortSignal): void {
  // Only the newest focus may open a menu: answers to older ones arrive too late to count.
  let latest = 0;
  document.addEventListener(
    'focusin',
    (event) => {
      // composedPath()[0]: the input itself when it sits in an open shadow root (event.target is its host).
      const field = event.composedPath()[0] ?? null;
      if (!event.isTrusted || !(field instanceof Element) || !isPossibleLoginField(field)) return;
      if (!menu.mayOpenFor(field)) return;
      const form = detectLoginForms(document).find(
        (f) => f.kind === 'login' && (f.username === field || f.password === field),
      );
      if (!form) return;
      const ask = ++latest;
      void send('autofill.candidates', {}).then((answer) => {
        if (ask !== latest || signal.aborted || !answer.ok || !answer.value.menuId) return;
        if (isFocused(field) && menu.mayOpenFor(field)) menu.open(field, form, answer.value.menuId);
      });
    },
    { capture: true, signal },
  );
}
