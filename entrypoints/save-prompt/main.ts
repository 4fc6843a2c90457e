import type { SavePromptView } from '../../lib/messaging/protocol';
import { sendMessage } from '../../lib/messaging/send-message';
import { createClickGuard } from '../../lib/autofill/frame-page/click-guard';
import { el } from '../../lib/autofill/frame-page/dom';
import {
  closeOnEscape,
  postToParent,
  reportSize,
  waitForSession,
} from '../../lib/autofill/frame-page/frame-session';
import './style.css';

/**
 * /save-prompt.html, the save bar the top frame's content script shows after a submit
 * (lib/autofill/frame-host.ts): asks whether to save a new login or update a password, and sends the answer
 * (`savePrompt.answer`). It sees the site, the username and a title, never the password. The buttons take
 * only trusted, settled clicks (click-guard.ts): a page must not be able to click "Save" or "Never" for the user.
 */
type Action = 'save' | 'update' | 'never' | 'dismiss';

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const close = (): void => postToParent({ latchkeyFrame: 'close', refocus: false });
  closeOnEscape(close);
  reportSize(root);
  const show = (...children: Array<Node | string>): void => root.replaceChildren(...children);

  const promptId = await waitForSession();
  const view = await sendMessage('savePrompt.get', { promptId });
  if (!view.ok) {
    show(failure(view.error.code, view.error.message), closeButton(close));
    return;
  }
  const guard = createClickGuard(root);
  let answering = false;
  const answer = (action: Action) => (event: Event) => {
    if (answering || !guard.allows(event)) return;
    answering = true;
    void sendMessage('savePrompt.answer', { promptId, action }).then((result) => {
      if (result.ok) return close();
      show(failure(result.error.code, result.error.message), closeButton(close));
    });
  };
  const primary = view.value.kind === 'save' ? 'save' : 'update';
  const buttons = [
    button(primary === 'save' ? 'Save' : 'Update', 'primary', answer(primary)),
    button('Never for this site', '', answer('never')),
    button('Not now', '', answer('dismiss')),
  ];
  show(question(view.value), el('div', { class: 'actions' }, ...buttons));
}

function question(view: SavePromptView): HTMLElement {
  const username = view.username || '(no username)';
  if (view.kind === 'update')
    return el(
      'p',
      { class: 'question' },
      'Update the password for ',
      el('strong', {}, view.title ?? view.site),
      ` (${username})?`,
    );
  return el(
    'p',
    { class: 'question' },
    'Save this login to Latchkey? ',
    el('span', { class: 'detail' }, `${view.site} · ${username}`),
  );
}

function button(label: string, className: string, onClick: (event: Event) => void): HTMLElement {
  const b = el('button', { type: 'button', class: className }, label);
  b.addEventListener('click', onClick);
  return b;
}

function closeButton(close: () => void): HTMLElement {
  return el('div', { class: 'actions' }, button('Close', '', close));
}

/** The failures a prompt can meet, in words; anything else is already written for the user. */
function failure(code: string, message: string): HTMLElement {
  const text =
    code === 'expired'
      ? 'This prompt has expired: the login was not saved.'
      : code === 'locked'
        ? 'Latchkey is locked: unlock it and add the login from the popup.'
        : message;
  return el('p', { class: 'question error' }, text);
}

void main();
