import { composedParent, guardFrame } from './frame-guard';

/**
 * Our framed UI in a web page: the inline menu under a login field, or the save bar at the top right. The
 * iframe is one of our extension pages (so the page can neither read nor script it) inside a CLOSED shadow
 * root (so the page cannot reach the iframe element either), placed in the top layer (popover=manual) so no
 * z-index can cover it, styled inline with `!important` over an `all: initial` reset (page CSS cannot restyle
 * it), and watched by frame-guard.ts. The session id goes in by postMessage after the first load, to our
 * origin only: never in the URL, which a page can read back through resource timing.
 */
export type FramePage = 'inline-menu.html' | 'save-prompt.html';
export type FrameCloseReason = 'closed' | 'tampered' | 'navigated' | 'aborted' | 'replaced';

export interface FrameHostOptions {
  page: FramePage;
  /** The menu or prompt session id from the background; posted into the frame after it loads, never in its URL. */
  sessionId: string;
  /** The field the inline menu sits under; null for the save bar (fixed top-right of the viewport). */
  anchor: HTMLElement | null;
  /** Aborting closes the host ('aborted'). */
  signal: AbortSignal;
  /** Called once when the host goes away; refocus: the frame asked to give the focus back to the anchor (Escape). */
  onClose(reason: FrameCloseReason, refocus: boolean): void;
  /** browser.runtime.getURL, passed in so this module imports no browser API (it is unit-tested in a plain page). */
  extensionUrl(path: string): string;
  now?: () => number;
}

export interface FrameHost {
  /** On screen, untouched and uncovered now, and continuously so for ≥ 500 ms. */
  isIntact(): boolean;
  /** Moves keyboard focus into the frame (ArrowDown in the field). */
  focus(): void;
  close(reason?: FrameCloseReason): void;
}

/**
 * A menu that appears (or jumps) under the cursor right before a click must not take that click (Tóth,
 * DEF CON 33); Chrome's IntersectionObserver v2 likewise wants ≥ 100 ms of stable visibility. Half a second is
 * what the fixed managers settled on.
 */
const SETTLE_MS = 500;
const WIDTH = 360;
const GAP = 4;

export function openFrameHost(o: FrameHostOptions): FrameHost {
  const now = o.now ?? (() => performance.now());
  const origin = new URL(o.extensionUrl('/')).origin;
  const ctl = new AbortController();
  const signal = ctl.signal;
  const { anchor } = o;
  const host = document.createElement('latchkey-frame');
  const iframe = document.createElement('iframe');
  iframe.src = o.extensionUrl('/' + o.page);
  iframe.title = 'Latchkey';
  iframe.setAttribute(
    'style',
    'all:initial;display:block;width:100%;height:100%;border:0;color-scheme:light dark',
  );
  host.attachShadow({ mode: 'closed' }).append(iframe);
  let height = anchor ? 44 : 120;
  let style = '';
  let settledAt = Infinity; // set when the frame has loaded; reset whenever it moves
  let loads = 0;
  let closed = false;
  let frame = 0;

  const close = (reason: FrameCloseReason = 'closed', refocus = false): void => {
    if (closed) return;
    closed = true;
    ctl.abort();
    host.remove();
    o.onClose(reason, refocus);
  };

  const place = (): void => {
    frame = 0;
    const vw = document.documentElement.clientWidth || innerWidth;
    const vh = document.documentElement.clientHeight || innerHeight;
    const h = Math.min(height, vh);
    let w = Math.min(WIDTH, vw - 2 * GAP);
    let top = 3 * GAP;
    let left = vw - w - 3 * GAP;
    if (anchor) {
      const r = anchor.getBoundingClientRect();
      w = Math.min(WIDTH, Math.max(r.width, 240), vw);
      left = Math.max(0, Math.min(r.left, vw - w));
      top = r.bottom + GAP;
      // Flip above the field when the menu would leave the viewport below and fits above.
      if (top + h > vh && r.top - GAP - h >= 0) top = r.top - GAP - h;
    }
    const next =
      `all:initial;position:fixed;z-index:2147483647;display:block;overflow:hidden;` +
      `border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.3);top:${Math.round(top)}px;` +
      `left:${Math.round(left)}px;width:${Math.round(w)}px;height:${Math.round(h)}px;`;
    const full = next.replace(/;/g, '!important;');
    if (full === style) return;
    style = full;
    host.setAttribute('style', full);
    if (loads) settledAt = now();
  };
  const schedule = (): void => {
    frame ||= requestAnimationFrame(place);
  };

  place();
  // A modal <dialog> makes everything outside it inert (not clickable, not hit-testable): a login form in one
  // gets the host inside that dialog, still in the top layer above it.
  let container: Element = document.documentElement;
  for (let el: Element | null = anchor; el; el = composedParent(el))
    if (el.matches(':modal')) {
      container = el;
      break;
    }
  const popover = typeof host.showPopover === 'function';
  if (popover) host.setAttribute('popover', 'manual');
  container.append(host);
  if (popover) host.showPopover();
  const intactNow = guardFrame({
    host,
    iframe,
    container,
    anchor,
    signal,
    ownStyle: () => style,
    onTamper: () => close('tampered'),
  });

  iframe.addEventListener(
    'load',
    () => {
      // The page can navigate our frame (it has a handle through window.frames in some browsers, or by
      // moving the host): a second document in it is not ours any more.
      if (++loads > 1) return close('tampered');
      settledAt = now();
      iframe.contentWindow?.postMessage({ latchkeySession: o.sessionId }, origin);
    },
    { signal },
  );
  addEventListener(
    'message',
    (e) => {
      // The page shares this window: only our own frame, from our origin, may talk here (FromFrame).
      if (e.source !== iframe.contentWindow || e.origin !== origin) return;
      const d: unknown = e.data;
      if (typeof d !== 'object' || d === null) return;
      const m = d as { latchkeyFrame?: unknown; height?: unknown; refocus?: unknown };
      if (m.latchkeyFrame === 'size' && typeof m.height === 'number' && m.height > 0) {
        height = Math.min(Math.max(Math.ceil(m.height), 24), 480);
        place();
      } else if (m.latchkeyFrame === 'close') close('closed', m.refocus === true);
    },
    { signal },
  );
  addEventListener('resize', schedule, { signal });
  if (anchor) addEventListener('scroll', schedule, { signal, capture: true, passive: true });
  signal.addEventListener('abort', () => cancelAnimationFrame(frame));
  if (o.signal.aborted) close('aborted');
  else o.signal.addEventListener('abort', () => close('aborted'), { signal });

  return {
    isIntact: () => !closed && intactNow() && now() - settledAt >= SETTLE_MS,
    focus: () => iframe.focus(),
    close: (reason) => close(reason),
  };
}
