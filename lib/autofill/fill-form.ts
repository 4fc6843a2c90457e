import { isFillable } from './field-visibility';
import type { LoginForm } from './login-form';

/**
 * Puts a saved login into a detected form the way a person's typing would, so the page's framework state
 * (React, Vue, Angular) holds the value and not only the DOM. Runs in the always-on content script: kept small.
 */

// The prototype's own setter, not `input.value = …`: React defines a `value` property on each controlled
// input to remember the last value it saw and ignores an `input` event whose value matches it; the prototype
// setter bypasses that tracker, so React's onChange sees a change (facebook/react#10135, #11488). From an
// extension's isolated world (Chrome) or through Xray wrappers (Firefox) it is the native setter either way.
const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;

/**
 * Fills the fields of `form` a saved login belongs in and returns the ones it filled.
 * - `login`: the username and the password, each only if visible and editable (isFillable), so a
 *   username-only step of a multi-step login gets the username and a password-only step the password.
 * - `change-password`: only the current password; the new ones are the user's to choose.
 * - `signup`: nothing: a saved login is not a new account.
 * An empty credential (a login saved without a username) leaves its field alone.
 */
export function fillForm(
  form: LoginForm,
  credentials: { username: string; password: string },
): HTMLInputElement[] {
  const plan: Array<[HTMLInputElement | null, string]> =
    form.kind === 'login'
      ? [
          [form.username, credentials.username],
          [form.password, credentials.password],
        ]
      : form.kind === 'change-password'
        ? [[form.password, credentials.password]]
        : [];
  const before = deepActiveElement();
  const filled: HTMLInputElement[] = [];
  for (const [input, value] of plan) {
    // Checked just before each fill: the page may have reacted to the previous field's events.
    if (input && value && isFillable(input)) {
      fillField(input, value);
      filled.push(input);
    }
  }
  // Leave the caret where the user was if that is a field of this form, else on the last field we filled (the
  // password when there is one), ready for Enter. Moving focus blurs the field left behind, which is when
  // frameworks run their on-blur validation and mark the field touched (Angular's DefaultValueAccessor).
  if (filled.length) {
    const mine = Object.values(form).includes(before) ? (before as HTMLInputElement) : null;
    (mine ?? filled.at(-1))?.focus({ preventScroll: true });
  }
  return filled;
}

/**
 * Sets `value` into `input` and dispatches, in the order a user's typing produces them, the events frameworks
 * listen for: focus/focusin (a real focus, from .focus()), keydown, beforeinput, input (React, Vue v-model,
 * Angular's DefaultValueAccessor), keyup, change (Vue v-model.lazy, many validators). Leaves focus on `input`.
 *
 * Dispatched even when the field already shows `value`: a browser restoring form state on history navigation
 * sets values without any event (HTML, "restore persisted form state"), so the page's state may be empty
 * while the field looks filled; for a framework already in step the events change nothing.
 */
export function fillField(input: HTMLInputElement, value: string): void {
  if (!setValue) throw new TypeError('HTMLInputElement.prototype.value has no setter');
  input.focus({ preventScroll: true });
  const init = { bubbles: true, composed: true, cancelable: true };
  // An empty `key`: no listener mistakes our events for Enter (submit) or a printable character.
  input.dispatchEvent(new KeyboardEvent('keydown', init));
  // insertReplacementText is what browsers' own autofill and spelling replacements report (W3C Input Events 2).
  const edit = { ...init, inputType: 'insertReplacementText', data: value };
  input.dispatchEvent(new InputEvent('beforeinput', edit));
  setValue.call(input, value);
  input.dispatchEvent(new InputEvent('input', { ...edit, cancelable: false }));
  input.dispatchEvent(new KeyboardEvent('keyup', init));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The focused element, looking inside open shadow roots (document.activeElement stops at their host). */
function deepActiveElement(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
