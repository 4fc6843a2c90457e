import { detectLoginForms, isPossibleLoginField } from '../detect-login-forms';
import type { ContentSend } from './content-channel';
import { eventOrigin, isFocused } from './focused-element';
import type { InlineMenu } from './inline-menu';

/**
 * The inline menu's trigger: a trusted focus on a username or password field of a detected login form. This
 * is the only place detection runs on its own, and only after the cheap isPossibleLoginField check, so a page
 * without login fields costs one listener call per focus change (DESIGN §7: ≤ 1 ms on a page with no form).
 * The frame's origin is the sender's, decided by the background; the answer carries no secret.
 *
 * `onLoginField` runs when a password field, or a field of a detected login, sign-up or change-password form,
 * gets the focus: the agent then starts watching what the user types (start-autofill.ts). It runs before the
 * user can type into that field, since typing needs the focus.
 *
 * Returns the handler of a trusted focus, for the one the loader saw before the agent existed (the replay).
 */
export function watchFieldFocus(
  send: ContentSend,
  menu: InlineMenu,
  signal: AbortSignal,
  onLoginField: () => void,
): (field: EventTarget | null) => void {
  // Only the newest focus may open a menu: answers to older ones arrive too late to count.
  let latest = 0;
  const trustedFocus = (field: EventTarget | null): void => {
    if (!(field instanceof Element) || !isPossibleLoginField(field)) return;
    if (field.type === 'password') onLoginField();
    // A field the menu is open on or was dismissed on: the menu opened there, so onLoginField already ran.
    if (!menu.mayOpenFor(field)) return;
    const forms = detectLoginForms(document);
    const ofField = forms.filter((f) =>
      [f.username, f.password, f.newPassword, f.confirmPassword].includes(field),
    );
    if (ofField.length > 0) onLoginField();
    const form = ofField.find((f) => f.kind === 'login' && (f.username === field || f.password === field));
    if (!form || signal.aborted) return;
    const ask = ++latest;
    void send('autofill.candidates', {}).then((answer) => {
      if (ask !== latest || signal.aborted || !answer.ok || !answer.value.menuId) return;
      if (isFocused(field) && menu.mayOpenFor(field)) menu.open(field, form, answer.value.menuId);
    });
  };
  document.addEventListener(
    'focusin',
    (event) => {
      if (event.isTrusted) trustedFocus(eventOrigin(event));
    },
    { capture: true, signal },
  );
  return trustedFocus;
}
