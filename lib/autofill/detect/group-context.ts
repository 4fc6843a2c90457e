import { composedParent } from './collect-fields';
import type { FieldGroup } from './group-fields';

/** What a group says about its purpose, lower-cased: its buttons, its own attributes and headings. */
export interface GroupContext {
  /** The text of the form's submit button, when the form has one; else every button's text. */
  primary: string;
  /** The form's (or loose container's) action, id, name, aria-label and the headings inside it. */
  own: string;
  /**
   * Its class names, kept apart: "login-form" is a fair hint, but utility classes ("border-0", "list-reset")
   * must not veto a form with words they contain by accident.
   */
  classes: string;
  /** The document's title and first heading: a weak hint, only for "Next"-style username steps. */
  page: () => string;
}

const BUTTONS = 'button,input[type=submit],input[type=button],input[type=image],[role=button]';
/** Only a few buttons are read: the submit button is among the first in every form of the corpus. */
const MAX_BUTTONS = 8;
/** A loose cluster's buttons may sit a few wrappers above its fields. */
const MAX_CLIMB = 4;

export function groupContext(group: FieldGroup): GroupContext {
  let box: Element | null = group.container;
  let buttons = [...box.querySelectorAll(BUTTONS)];
  for (let up = 0; !group.form && buttons.length === 0 && up < MAX_CLIMB && box; up++) {
    box = composedParent(box);
    if (box) buttons = [...box.querySelectorAll(BUTTONS)];
  }
  buttons = buttons.slice(0, MAX_BUTTONS);
  // Outside a form every <button> has type "submit", so only a real form tells which one submits.
  const submit = group.form ? buttons.find((b) => (b as HTMLButtonElement).type === 'submit') : undefined;
  const primary = (submit ? [submit] : buttons).map(buttonText).join(' ');
  const c = group.container;
  let own = `${c.getAttribute('action') ?? ''} ${c.id} ${c.getAttribute('name') ?? ''} ${c.getAttribute('aria-label') ?? ''}`;
  for (const h of [...c.querySelectorAll('h1,h2,h3,legend')].slice(0, 2)) own += ` ${text(h)}`;
  const doc = c.ownerDocument;
  return {
    primary: primary.toLowerCase(),
    own: own.toLowerCase(),
    classes: (c.getAttribute('class') ?? '').toLowerCase(),
    page: () => `${doc.title} ${text(doc.querySelector('h1,h2'))}`.toLowerCase(),
  };
}

function text(el: Element | null): string {
  return (el?.textContent ?? '').slice(0, 100);
}

/** A button's words: value, text, aria-label, or the text it is labelled by (Amazon's input[type=submit]). */
function buttonText(b: Element): string {
  const labelledBy = b.getAttribute('aria-labelledby');
  const byId = labelledBy ? b.ownerDocument.getElementById(labelledBy.split(' ')[0] ?? '') : null;
  return `${(b as HTMLInputElement).value ?? ''} ${text(b)} ${b.getAttribute('aria-label') ?? ''} ${text(byId)}`;
}
