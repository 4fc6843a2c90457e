import type { LoginForm } from './login-form';
import { classifyGroup } from './detect/classify-group';
import { collectFields } from './detect/collect-fields';
import { groupFields } from './detect/group-fields';

export { isPossibleLoginField } from './detect/field-signals';

/**
 * The login, sign-up and change-password forms of one document (and its open shadow roots), including the
 * username-only and password-only steps of multi-step logins and fields outside any <form>. Read-only: it reads
 * attributes, text and layout and never writes to the page (no attributes, styles, focus or events), so a page
 * cannot tell it ran. Runs lazily (on a focus, a fill trigger or a submit), never per DOM mutation.
 * How it decides: lib/autofill/detect/classify-group.ts.
 */
export function detectLoginForms(root: Document): LoginForm[] {
  const forms: LoginForm[] = [];
  for (const group of groupFields(collectFields(root))) {
    const form = classifyGroup(group);
    if (form && (form.username || form.password || form.newPassword)) forms.push(form);
  }
  return forms;
}
