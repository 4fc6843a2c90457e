import { detectLoginForms } from '../detect-login-forms';
import { isFillable } from '../field-visibility';
import { fillForm } from '../fill-form';
import type { LoginForm } from '../login-form';
import type { ContentSend } from './content-channel';
import { deepActiveElement } from './focused-element';
import type { InlineMenu } from './inline-menu';
import type { UserValues } from './user-values';

/**
 * A `fill` push from the background (lib/autofill/content-messages.ts), by the user action that made it:
 * - shortcut: only the innermost focused frame acts; the focused field's login form, else the first login
 *   form with a fillable field; `choose` opens the inline menu at the focused field.
 * - popup: any frame with a login form with a fillable field asks; the background answers only the frames
 *   the login belongs to.
 * - menu: only the frame whose menu is still intact (not covered, faded, moved or re-navigated, and shown
 *   for ≥ 500 ms: lib/autofill/frame-guard.ts); a menu that is not is closed and nothing is filled.
 * The credentials come from `autofill.fill`, which re-checks the token, tab, frame and origin in the background.
 */
export type FillMode = 'shortcut' | 'popup' | 'menu';

const hasFillable = (form: LoginForm): boolean =>
  form.kind === 'login' && [form.username, form.password].some((f) => f && isFillable(f));

export function createFillTrigger(send: ContentSend, menu: InlineMenu, user: UserValues) {
  const fillWith = async (
    token: string,
    form: LoginForm,
    focused: Element | null,
    stillValid: () => boolean = () => true,
  ): Promise<void> => {
    const answer = await send('autofill.fill', { token });
    if (!answer.ok || !stillValid()) return;
    const fill = answer.value;
    if (fill.action === 'fill') {
      user.noteFilled(menu.quietly(() => fillForm(form, fill)));
    } else if (fill.action === 'choose') {
      const field =
        focused instanceof HTMLInputElement && (focused === form.username || focused === form.password)
          ? focused
          : [form.username, form.password].find((f) => f && isFillable(f));
      if (field) menu.open(field, form, fill.menuId);
    }
  };

  return async (token: string, mode: FillMode): Promise<void> => {
    if (mode === 'menu') {
      const session = menu.current();
      if (!session) return;
      if (!session.host.isIntact()) return menu.close();
      // The guard keeps watching during the round trip: a menu torn down meanwhile (tampered) fills nothing.
      return fillWith(token, session.form, session.field, () => menu.current() === session);
    }
    let focused: Element | null = null;
    if (mode === 'shortcut') {
      // The command reaches every frame; the one with the keyboard focus acts (a frame whose focus is in a
      // child frame leaves it to that frame's own script).
      const active = document.activeElement;
      if (!document.hasFocus() || active instanceof HTMLIFrameElement || active?.tagName === 'FRAME') return;
      focused = deepActiveElement();
    }
    const forms = detectLoginForms(document);
    const form =
      forms.find(
        (f) => f.kind === 'login' && focused && (f.username === focused || f.password === focused),
      ) ?? forms.find(hasFillable);
    if (form) await fillWith(token, form, focused);
  };
}
