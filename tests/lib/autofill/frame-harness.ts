import { openFrameHost, type FrameCloseReason, type FrameHost } from '../../../lib/autofill/frame-host';

/**
 * A stand-in for our extension pages in a plain test page: there is no extension here, so the framed page is a
 * blob: document (same origin as the test, which plays the extension origin). It reports the first message its
 * parent sends (the session), and on request posts a message of its own to the parent, from its own window,
 * which is what the host must accept.
 */
const FRAME_PAGE = `<!doctype html><body style="margin:0;background:#fff"><script>
addEventListener('message', (e) => {
  if (e.source !== parent) return;
  if (e.data && e.data.echo) parent.postMessage(e.data.echo, '*');
  else parent.postMessage({ probe: e.data }, '*');
});
</script></body>`;

export interface Harness {
  host: FrameHost;
  /** The page-side element (what a page can see and touch). */
  element: HTMLElement;
  /** Inside the closed shadow root: reachable here only because the test patched attachShadow. */
  iframe: HTMLIFrameElement;
  closes: Array<{ reason: FrameCloseReason; refocus: boolean }>;
  controller: AbortController;
  /** Resolves with the first message the framed page received (after its load). */
  session: Promise<unknown>;
  /** Makes the framed page post `message` to its parent, from its own window. */
  postFromFrame(message: unknown): void;
}

export function openHarness(anchor: HTMLElement | null, sessionId = 'S'.repeat(22)): Harness {
  const url = URL.createObjectURL(new Blob([FRAME_PAGE], { type: 'text/html' }));
  const roots: ShadowRoot[] = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  };
  const closes: Harness['closes'] = [];
  const controller = new AbortController();
  let host: FrameHost;
  try {
    host = openFrameHost({
      page: anchor ? 'inline-menu.html' : 'save-prompt.html',
      sessionId,
      anchor,
      signal: controller.signal,
      onClose: (reason, refocus) => closes.push({ reason, refocus }),
      extensionUrl: (path) => (path === '/' ? `${location.origin}/` : url),
    });
  } finally {
    Element.prototype.attachShadow = attach;
  }
  const iframe = roots[0]?.querySelector('iframe');
  const element = document.querySelector<HTMLElement>('latchkey-frame');
  if (!iframe || !element) throw new Error('the host did not make its frame');
  const session = new Promise<unknown>((resolve) => {
    const listen = (e: MessageEvent): void => {
      const data: unknown = e.data;
      if (e.source !== iframe.contentWindow || typeof data !== 'object' || data === null) return;
      if (!('probe' in data)) return;
      removeEventListener('message', listen);
      resolve(data.probe);
    };
    addEventListener('message', listen);
  });
  const postFromFrame = (message: unknown): void => iframe.contentWindow?.postMessage({ echo: message }, '*');
  return { host, element, iframe, closes, controller, session, postFromFrame };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A login field in the page, where the inline menu would open. */
export function addField(parent: HTMLElement = document.body): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'text';
  input.autocomplete = 'username';
  input.style.cssText = 'display:block;margin:40px 20px;width:260px;height:30px';
  parent.append(input);
  return input;
}

/** Waits (at most `ms`) until the host closed; resolves with its reasons. */
export async function closed(h: Harness, ms = 1500): Promise<FrameCloseReason[]> {
  const end = performance.now() + ms;
  while (h.closes.length === 0 && performance.now() < end) await sleep(20);
  return h.closes.map((c) => c.reason);
}

/** Undoes what a test did to the page. */
export function resetPage(): void {
  for (const el of document.querySelectorAll('latchkey-frame, dialog, [popover], style.test')) el.remove();
  document.body.replaceChildren();
  document.documentElement.removeAttribute('style');
  document.body.removeAttribute('style');
  scrollTo(0, 0);
}
