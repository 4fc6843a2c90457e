import {
  CONFIRM_PASSWORD,
  CURRENT_PASSWORD,
  NEW_PASSWORD,
  NOT_CREDENTIAL,
  SEARCH,
  USERNAME,
} from './keywords';

/** Input types a username or password can live in (HTML "text-like" types; '' is a missing/unknown type). */
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'password', '']);

/**
 * The cheap check the content script runs on every focusin: an <input> whose type can hold a username or a
 * password. No layout, no tree walk. The `type` attribute is read raw so an unknown type (which the browser
 * renders as text) also counts.
 */
export function isPossibleLoginField(el: Element | null): el is HTMLInputElement {
  if (!el || el.localName !== 'input') return false;
  return (
    TEXT_TYPES.has((el.getAttribute('type') ?? '').trim().toLowerCase()) ||
    (el as HTMLInputElement).type === 'text'
  );
}

/** The autocomplete tokens of a field (WHATWG "autofill detail tokens"), lower-cased. */
export function autocompleteOf(input: HTMLInputElement): string {
  return (input.getAttribute('autocomplete') ?? '').toLowerCase();
}

/**
 * What a field says about itself: name, id, placeholder, aria-label, title, its <label>s and the elements it is
 * aria-labelledby (looked up in its own tree, so a web component's shadow root works too).
 */
export function fieldText(input: HTMLInputElement): string {
  let text = `${input.name} ${input.id} ${input.placeholder} ${input.getAttribute('aria-label') ?? ''} ${input.title}`;
  const labels: (Element | null)[] = [...(input.labels ?? [])];
  const tree = input.getRootNode() as Document | ShadowRoot;
  for (const id of (input.getAttribute('aria-labelledby') ?? '').split(' ')) {
    if (id) labels.push(tree.getElementById(id));
  }
  for (const label of labels) text += ` ${(label?.textContent ?? '').slice(0, 80)}`;
  return text.toLowerCase();
}

/**
 * A search box, from its own attributes only (no label lookup): left out of grouping altogether, so a header search
 * never joins a login cluster outside any <form>, nor counts as a second field of a username step.
 */
export function isSearchField(input: HTMLInputElement): boolean {
  if (input.type === 'search' || /search/.test(autocompleteOf(input))) return true;
  const own = `${input.name} ${input.id} ${input.placeholder} ${input.getAttribute('aria-label') ?? ''}`;
  return SEARCH.test(own.toLowerCase());
}

/** A field that is never a credential: search, one-time code, captcha, card, address (autocomplete or words). */
export function isNotCredential(input: HTMLInputElement): boolean {
  const ac = autocompleteOf(input);
  if (/one-time-code|cc-|postal|address/.test(ac) || isSearchField(input)) return true;
  // A password-typed field named "pin"/"cvv" is a card field; an autocomplete password token overrides words.
  if (/password|username/.test(ac)) return false;
  const text = fieldText(input);
  return NOT_CREDENTIAL.test(text) || SEARCH.test(text);
}

/**
 * A password field: type=password, or a text field whose autocomplete says password (sites switch the type to
 * "text" for their show-password toggle).
 */
export function isPasswordField(input: HTMLInputElement): boolean {
  return input.type === 'password' || /(current|new)-password/.test(autocompleteOf(input));
}

/** A field that names a login identifier by autocomplete token, type=email, or words. */
export function isUsernameLike(input: HTMLInputElement): boolean {
  return (
    /username|email|tel\b/.test(autocompleteOf(input)) ||
    input.type === 'email' ||
    USERNAME.test(fieldText(input))
  );
}

export type PasswordRole = 'current' | 'new' | 'confirm' | 'unknown';

/** What a password field asks for; the autocomplete token first (it is the site's own statement), then words. */
export function passwordRole(input: HTMLInputElement): PasswordRole {
  const ac = autocompleteOf(input);
  const text = fieldText(input);
  if (ac.includes('current-password')) return 'current';
  if (CONFIRM_PASSWORD.test(text)) return 'confirm';
  if (ac.includes('new-password') || NEW_PASSWORD.test(text)) return 'new';
  if (CURRENT_PASSWORD.test(text)) return 'current';
  return 'unknown';
}

/** A field the user could type in: not disabled, not read-only. */
export function isEditable(input: HTMLInputElement): boolean {
  return !input.disabled && !input.readOnly;
}

/**
 * Rendered on screen (layout read only, no writes): has a box, is not hidden by visibility/opacity, and is not
 * pushed off-screen or hidden from assistive tech with tabindex=-1, the usual honeypot tricks.
 */
export function isRendered(input: HTMLInputElement): boolean {
  if (input.getAttribute('aria-hidden') === 'true' && input.tabIndex < 0) return false;
  if (!input.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  // Page coordinates, so a form the user scrolled past still counts; only the left/top void is off-screen.
  const r = input.getBoundingClientRect();
  const view = input.ownerDocument.defaultView;
  return (
    r.width > 1 && r.height > 1 && r.right + (view?.scrollX ?? 0) > 0 && r.bottom + (view?.scrollY ?? 0) > 0
  );
}
