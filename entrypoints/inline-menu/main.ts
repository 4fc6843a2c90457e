import { browser } from 'wxt/browser';
import { sendMessage } from '../../lib/messaging/send-message';
import { createClickGuard } from '../../lib/autofill/frame-page/click-guard';
import { el, openExtensionPopup } from '../../lib/autofill/frame-page/dom';
import {
  closeOnEscape,
  postToParent,
  reportSize,
  waitForSession,
} from '../../lib/autofill/frame-page/frame-session';
import { focusFirst, renderList } from './menu-list';
import './style.css';

/**
 * /inline-menu.html, framed under a login field by the content script (lib/autofill/frame-host.ts): lists the
 * logins of its menu session (titles and usernames, never a secret) and, on a trusted, settled click or Enter,
 * asks the background to fill the chosen one (`inline.choose`). The fill itself goes from the background to
 * the content script, which checks again that this menu is intact.
 */
async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  closeOnEscape(() => postToParent({ latchkeyFrame: 'close', refocus: true }));
  addEventListener('focus', () => focusFirst(root));
  reportSize(root);
  const show = (...children: Array<Node | string>): void => root.replaceChildren(...children);

  const menuId = await waitForSession();
  const answer = await sendMessage('inline.list', { menuId });
  if (!answer.ok) {
    show(el('p', { class: 'message' }, plainError(answer.error.code, answer.error.message)));
    return;
  }
  const { state, site, candidates } = answer.value;
  const header = el('p', { class: 'site' }, 'Latchkey · ', el('span', {}, site));
  if (state === 'locked') {
    const unlock = el('button', { type: 'button' }, 'Unlock');
    const note = el('p', { class: 'message' }, 'Latchkey is locked.');
    show(header, note, unlock);
    const guard = createClickGuard(root);
    unlock.addEventListener('click', (event) => {
      if (!guard.allows(event)) return;
      void openExtensionPopup(browser.action).then((opened) => {
        if (opened) postToParent({ latchkeyFrame: 'close', refocus: false });
        else note.textContent = 'Latchkey is locked: click the Latchkey icon in the toolbar to unlock.';
      });
    });
    return;
  }
  if (candidates.length === 0) {
    show(header, el('p', { class: 'message' }, `No saved logins for ${site}.`));
    return;
  }
  let choosing = false;
  const guard = createClickGuard(root);
  const list = renderList(site, candidates, (id, event) => {
    if (choosing || !guard.allows(event)) return;
    choosing = true;
    // On success the content script closes the menu once it has filled: closing from here could reach it
    // before the background's fill push, and a closed menu refuses the fill (lib/autofill/DESIGN.md).
    void sendMessage('inline.choose', { menuId, id }).then((result) => {
      if (!result.ok)
        show(header, el('p', { class: 'message' }, plainError(result.error.code, result.error.message)));
    });
  });
  show(header, list);
  if (document.hasFocus()) focusFirst(root);
}

/** The failures a menu can meet, in words; anything else is already written for the user by the background. */
function plainError(code: string, message: string): string {
  if (code === 'expired') return 'This menu has expired. Click the field again.';
  if (code === 'locked') return 'Latchkey is locked. Open Latchkey to unlock it.';
  if (code === 'not-allowed-here') return 'Latchkey cannot fill here.';
  return message;
}

void main();
