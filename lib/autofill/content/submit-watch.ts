import { detectLoginForms } from '../detect-login-forms';
import type { LoginForm } from '../login-form';
import type { ContentSend } from './content-channel';
import { eventOrigin } from './focused-element';
import type { UserValues } from './user-values';

/**
 * The save prompt's trigger (lib/autofill/DESIGN.md): a login, sign-up or change-password form is submitted
 * with a password the user typed or we filled. Submits come in three shapes, since many sites never fire a
 * `submit` event (formless SPAs): the form's submit event, a trusted click on a submit-like button, and Enter
 * in a text field. All three are cheap until a password the user typed exists (UserValues.any()); only then
 * does the detection run. Each (password field, values) is reported once, as the three often fire together.
 */

// A button whose text says it sends credentials: en, de, fr, es, it, pt, nl (compact, not a keyword table).
const SUBMIT_TEXT =
  /\b(log ?in|sign ?(in|up|on)|submit|continue|next|register|create|save|update|change|go\b|ok\b|enter\b|anmelden|weiter|connexion|continuer|entrar|iniciar|accedi|aanmelden|registr)/i;

/** The element a trusted click landed on, if it is a submit-like button (the whole composed path is searched). */
export function submitButtonIn(path: readonly EventTarget[]): HTMLElement | null {
  for (const target of path) {
    if (!(target instanceof HTMLElement)) continue;
    if (target instanceof HTMLButtonElement || target instanceof HTMLInputElement) {
      if (target.type === 'submit' || target.type === 'image') return target;
      if (target instanceof HTMLInputElement && target.type !== 'button') return null;
      return SUBMIT_TEXT.test(target.textContent + ' ' + target.value) ? target : null;
    }
    if (target.getAttribute('role') === 'button')
      return SUBMIT_TEXT.test(target.textContent ?? '') ? target : null;
  }
  return null;
}

/** What the protocol's `autofill.submitted` carries for this form, or null when the user typed no password in it. */
export function submittedValues(
  form: LoginForm,
  user: UserValues,
): { kind: LoginForm['kind']; username: string; password: string; newPassword?: string } | null {
  const username = (form.username?.value || user.lastUsername()).slice(0, 1024);
  if (form.kind === 'login') {
    const password = user.userValue(form.password);
    return password === null ? null : { kind: 'login', username, password };
  }
  // Sign-up: its new password is the one to save. Change-password: the current one (when the form asks for
  // it; else the new one stands in, so the background can still find the login) and the new one.
  const newPassword = user.userValue(form.newPassword ?? (form.kind === 'signup' ? form.password : null));
  if (newPassword === null) return null;
  if (form.kind === 'signup') return { kind: 'signup', username, password: newPassword };
  const current = user.userValue(form.password) ?? newPassword;
  return { kind: 'change-password', username, password: current, newPassword };
}

/** Which detected forms a submit-like event belongs to: the ones whose fields share its <form> or contain its target. */
function formsOf(target: Element, forms: LoginForm[]): LoginForm[] {
  const owner =
    target instanceof HTMLInputElement || target instanceof HTMLButtonElement ? target.form : null;
  return forms.filter((form) => {
    const fields = [form.username, form.password, form.newPassword, form.confirmPassword];
    return fields.some((field) => {
      if (!field) return false;
      if (
        field === target ||
        (owner && field.form === owner) ||
        (target instanceof HTMLFormElement && field.form === target)
      )
        return true;
      // A formless login: the button sits near its fields (the closest container holding both, up to 4 levels).
      let box: Element | null = field;
      for (let i = 0; i < 4 && box; i++) box = box.parentElement;
      return !owner && !field.form && !!box?.contains(target);
    });
  });
}

/**
 * Adds the submit listener, and returns what adds the click and Enter listeners: the agent calls it once a
 * login field has had the focus (start-autofill.ts). Until then the user cannot have typed a password, so a
 * page without login fields pays nothing per click or keystroke; after it, a click or key unrelated to a
 * typed password costs a check or two.
 */
export function watchSubmits(send: ContentSend, user: UserValues, signal: AbortSignal): () => void {
  const sent = new WeakMap<HTMLInputElement, string>();

  const report = (target: Element): void => {
    if (!user.any()) return;
    for (const form of formsOf(target, detectLoginForms(document))) {
      const values = submittedValues(form, user);
      const key = form.newPassword ?? form.password;
      if (!values || !key) continue;
      const id = JSON.stringify(values);
      if (sent.get(key) === id) continue;
      sent.set(key, id);
      void send('autofill.submitted', values);
    }
  };

  const options = { capture: true, signal };
  document.addEventListener(
    'submit',
    (event) => {
      if (event.target instanceof HTMLFormElement) report(event.target);
    },
    options,
  );
  return () => {
    document.addEventListener(
      'click',
      (event) => {
        if (!event.isTrusted || !user.any()) return;
        const button = submitButtonIn(event.composedPath());
        if (button) report(button);
      },
      options,
    );
    document.addEventListener(
      'keydown',
      (event) => {
        if (!event.isTrusted || event.key !== 'Enter' || !user.any()) return;
        const field = eventOrigin(event);
        if (field instanceof HTMLInputElement) report(field);
      },
      options,
    );
  };
}
