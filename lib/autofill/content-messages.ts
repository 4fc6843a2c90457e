/**
 * What the background sends a content script (tabs.sendMessage), the other direction of the protocol in
 * lib/messaging/protocol.ts. None of it is a secret: a fill starts with a token, and the content script then
 * asks `autofill.fill` for the credentials, which the background answers only to a frame they belong to.
 *
 * - `fill`: a user action asked for a fill. `shortcut`: the frame that has the keyboard focus acts (it fills
 *   the best match, or opens the inline menu when several match); `popup`: every frame with a visible login
 *   form asks (the background answers only those the record belongs to); `menu`: the frame whose inline menu
 *   the user clicked, and only if that menu is still intact (not covered, hidden or tampered with).
 * - `show-save-prompt`: show the save bar for this prompt (top frame only).
 *
 * The content script checks the shape by hand (no schema library: the always-on script must stay small) and
 * accepts these only from its own extension's background (sender.id, no sender.tab).
 */
export type ToContent =
  | { latchkey: 'fill'; token: string; mode: 'shortcut' | 'popup' | 'menu' }
  | { latchkey: 'show-save-prompt'; promptId: string };

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export function parseToContent(message: unknown): ToContent | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.latchkey === 'fill') {
    const { token, mode } = m;
    if (typeof token !== 'string' || !TOKEN.test(token)) return null;
    if (mode !== 'shortcut' && mode !== 'popup' && mode !== 'menu') return null;
    return { latchkey: 'fill', token, mode };
  }
  if (m.latchkey === 'show-save-prompt') {
    const { promptId } = m;
    if (typeof promptId !== 'string' || !TOKEN.test(promptId)) return null;
    return { latchkey: 'show-save-prompt', promptId };
  }
  return null;
}

/**
 * The iframes' side channel to the content script that made them (window.postMessage, checked by
 * `event.source === iframe.contentWindow` and our origin): UI signals only, never a secret or a decision. The
 * content script sends the session id in (`{ latchkeySession }`); the frames answer with these.
 */
export type FromFrame =
  | { latchkeyFrame: 'ready' }
  | { latchkeyFrame: 'size'; height: number }
  | { latchkeyFrame: 'close'; refocus: boolean };
