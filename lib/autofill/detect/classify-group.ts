import type { LoginForm } from '../login-form';
import {
  autocompleteOf,
  fieldText,
  isEditable,
  isNotCredential,
  isPasswordField,
  isRendered,
  isUsernameLike,
  passwordRole,
} from './field-signals';
import { groupContext, type GroupContext } from './group-context';
import type { FieldGroup } from './group-fields';
import { CHANGE_PASSWORD, LOGIN, NEXT_STEP, NOT_LOGIN, SETTINGS, SIGNUP, USER_NAME } from './keywords';

/**
 * Decides what one group of fields is: a login (or one step of it), a sign-up, a change-password form, or none
 * of these (null). The number of password fields and their autocomplete tokens decide first; words only break
 * ties, because a login filled into the wrong form is a bug (issue 6).
 */
export function classifyGroup(group: FieldGroup): LoginForm | null {
  // Most groups on a page are search, comment or quantity boxes: drop them before reading any layout.
  if (!group.fields.some((f) => isPasswordField(f) || isUsernameLike(f))) return null;
  // Prefer rendered fields (hidden honeypots, the not-yet-shown step of a multi-step login); when nothing is
  // rendered (a login modal not opened yet) keep them all: the fill code refuses invisible fields.
  const editable = group.fields.filter(isEditable);
  const rendered = editable.filter(isRendered);
  const fields = rendered.length > 0 ? rendered : editable;
  const passwords = fields.filter((f) => isPasswordField(f) && !isNotCredential(f));
  const others = fields.filter((f) => !isPasswordField(f));
  const ctx = groupContext(group);
  if (passwords.length === 0) return usernameStep(others, ctx);
  const texts = others.filter((f) => !isNotCredential(f));
  const roles = passwords.map(passwordRole);
  const words = `${ctx.primary} ${ctx.own}`;
  // The submit button speaks for the form; its attributes and headings only when the button is silent
  // (Hacker News posts both its login and its create-account form to action="login"); the page's title and
  // first heading last, and never against a new-password field.
  const formSays = vote(ctx.primary) ?? vote(`${ctx.own} ${ctx.classes}`);
  const says = formSays ?? vote(ctx.page());
  const changing = CHANGE_PASSWORD.test(words) && says !== 'signup';
  const [first] = passwords;
  if (passwords.length === 1 && first) {
    const role = roles[0];
    const login = (): LoginForm => ({
      kind: 'login',
      username: loginUsername(texts, first, group.fields),
      password: first,
    });
    const signup = (): LoginForm => ({
      kind: 'signup',
      username: signupUsername(texts),
      password: null,
      newPassword: first,
      confirmPassword: null,
    });
    if (role === 'current' || formSays === 'login') return login();
    if (role === 'new' || role === 'confirm')
      return changing ? changeForm(null, first, null, null) : signup();
    if (says) return says === 'login' ? login() : signup();
    // Three or more other fields next to one password (name, e-mail, address...) is a registration, often
    // inside a checkout ("create an account").
    if (others.length >= 3) return signup();
    // A lone password-typed field in a settings or payment form (an API token, a Wi-Fi key) is no login.
    if (SETTINGS.test(ctx.primary) && !NEXT_STEP.test(ctx.primary)) {
      return changing ? changeForm(null, first, null, null) : null;
    }
    return login();
  }
  const current = roles.indexOf('current');
  if (current >= 0 || passwords.length >= 3 || changing) {
    const old = current >= 0 ? passwords[current] : passwords.length >= 3 ? first : undefined;
    const rest = passwords.filter((p) => p !== old);
    const [newPassword, confirm] = newAndConfirm(rest, rest.map(passwordRole));
    const username = texts.find((f) => autocompleteOf(f).includes('username')) ?? null;
    return changeForm(username, old ?? null, newPassword, confirm);
  }
  const [newPassword, confirmPassword] = newAndConfirm(passwords, roles);
  return { kind: 'signup', username: signupUsername(texts), password: null, newPassword, confirmPassword };
}

/** A change-password form (`password` is the current one, null on a reset page that does not ask for it). */
function changeForm(
  username: HTMLInputElement | null,
  password: HTMLInputElement | null,
  newPassword: HTMLInputElement | null,
  confirmPassword: HTMLInputElement | null,
): LoginForm {
  return { kind: 'change-password', username, password, newPassword, confirmPassword };
}

/** 'login' or 'signup' when the text says one and not the other. */
function vote(text: string): 'login' | 'signup' | null {
  const login = LOGIN.test(text);
  const signup = SIGNUP.test(text);
  return login === signup ? null : login ? 'login' : 'signup';
}

/** The new password and its confirmation among the non-current password fields, by role, else by order. */
function newAndConfirm(
  fields: HTMLInputElement[],
  roles: string[],
): [HTMLInputElement | null, HTMLInputElement | null] {
  const confirmAt = roles.lastIndexOf('confirm');
  const confirm = confirmAt > 0 ? fields[confirmAt] : fields[1];
  const fresh = fields.find((f) => f !== confirm) ?? null;
  return [fresh, confirm ?? null];
}

/** A login's username: the site's autocomplete=username, else the nearest identifier-like field before it. */
function loginUsername(
  texts: HTMLInputElement[],
  password: HTMLInputElement,
  order: HTMLInputElement[],
): HTMLInputElement | null {
  // Composed tree order (the group's order), which also orders fields across shadow roots.
  const at = order.indexOf(password);
  const before = texts.filter((f) => order.indexOf(f) < at);
  const tagged = before.find((f) => autocompleteOf(f).includes('username'));
  return tagged ?? before.findLast(isUsernameLike) ?? before[before.length - 1] ?? null;
}

/**
 * A sign-up's username: autocomplete=username, else a non-e-mail field named like a user name, else the e-mail,
 * else the text field right before the password (Hacker News labels its "acct" field in a table cell).
 */
function signupUsername(texts: HTMLInputElement[]): HTMLInputElement | null {
  const isEmail = (f: HTMLInputElement): boolean => f.type === 'email' || autocompleteOf(f).includes('email');
  return (
    texts.find((f) => autocompleteOf(f).includes('username')) ??
    texts.find((f) => !isEmail(f) && USER_NAME.test(fieldText(f))) ??
    texts.find(isUsernameLike) ??
    (texts.length === 1 ? (texts[0] ?? null) : null)
  );
}

/**
 * A username-only step (Google, Microsoft, Amazon, PayPal, Apple, X): exactly one text field, which names an
 * identifier, in a form that says "sign in" (or "next" on a page that says "sign in"), and nothing that says
 * subscribe, search, reset, send, save, pay or sign up. An e-mail field alone is far more often a newsletter
 * than a login, so the words must agree.
 */
function usernameStep(others: HTMLInputElement[], ctx: GroupContext): LoginForm | null {
  const [field] = others;
  if (others.length !== 1 || !field || isNotCredential(field)) return null;
  const stepWord = (t: string): boolean => LOGIN.test(t) || NEXT_STEP.test(t);
  const against = (t: string): boolean => NOT_LOGIN.test(t) || SIGNUP.test(t);
  if (against(ctx.primary) && !stepWord(ctx.primary)) return null;
  if (against(ctx.own) && !LOGIN.test(ctx.own)) return null;
  const tagged = autocompleteOf(field).includes('username');
  const said =
    LOGIN.test(`${ctx.primary} ${ctx.own} ${ctx.classes}`) ||
    (NEXT_STEP.test(ctx.primary) && LOGIN.test(ctx.page()));
  if (tagged || (isUsernameLike(field) && said)) return { kind: 'login', username: field, password: null };
  return null;
}
