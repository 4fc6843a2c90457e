import type { FromFrame } from '../content-messages';

/**
 * The framed pages' side of the channel to the content script that framed them (lib/autofill/frame-host.ts).
 * The session id arrives by postMessage, never in our URL (a page reads its iframes' URLs through resource
 * timing). Only the parent window may send it, and only the first one counts: a page that races the content
 * script with a made-up id gets a menu that the background refuses (ids are 128 random bits), never someone
 * else's session. Shared by the inline menu and the save bar.
 */
const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export function waitForSession(): Promise<string> {
  return new Promise((resolve) => {
    const listen = (event: MessageEvent): void => {
      if (event.source !== window.parent) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null) return;
      const session = (data as { latchkeySession?: unknown }).latchkeySession;
      if (typeof session !== 'string' || !TOKEN.test(session)) return;
      removeEventListener('message', listen);
      resolve(session);
    };
    addEventListener('message', listen);
  });
}

/**
 * UI signals to the host (size, close): never a secret or a decision, so the page, which shares the parent
 * window, may see them; '*' because the parent's origin is the page's, whatever it is.
 */
export function postToParent(message: FromFrame): void {
  window.parent.postMessage(message, '*');
}

/** Keeps the host as tall as our content (the host clamps it to its bounds). */
export function reportSize(root: HTMLElement): void {
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    // Nothing rendered yet (waiting for the session or the background): keep the host's first size.
    if (!root.firstChild || height === last || height === 0) return;
    last = height;
    postToParent({ latchkeyFrame: 'size', height });
  }).observe(root);
}

/** Escape anywhere in the frame closes it and gives the focus back to the field. */
export function closeOnEscape(onEscape: () => void): void {
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onEscape();
  });
}
