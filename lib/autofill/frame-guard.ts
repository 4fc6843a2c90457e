/**
 * The DOM-clickjacking defences of our framed UI (the inline menu and the save bar). Marek Tóth, "DOM-based
 * extension clickjacking" (DEF CON 33, 2025): a page hides a password manager's in-page UI (opacity 0 on
 * html/body or on the UI's host, an overlay, a popover on top) and tricks the user into clicking it.
 * Bitwarden, 1Password and Proton Pass then tore their UI down on such changes; so do we (lib/autofill/DESIGN.md).
 *
 * Tampering is any of: the host or iframe detached or moved; the host restyled by anyone but us; a hiding style
 * (opacity < 1, visibility, display, filters, blend, clip, mask, near-zero scale) on the host, html, body or
 * the anchor field and its ancestors; something hit-testable over the frame (elementsFromPoint at its centre
 * and corners must hit our host first) or a top-layer element (popover, modal dialog, fullscreen) opened after
 * ours over it; the anchor gone or hidden. A second iframe load is caught by frame-host.ts.
 *
 * Elements with `pointer-events: none` escape hit-testing: in the top layer (popover=manual) nothing outside the
 * top layer can paint over the host anyway, the top-layer check below covers light-DOM popovers, and the
 * framed page itself refuses clicks while IntersectionObserver v2 says it is not visible (Chrome).
 */
export interface GuardOptions {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  /** Where the host must stay: html, or the modal dialog holding the anchor (see frame-host.ts). */
  container: Element;
  anchor: HTMLElement | null;
  signal: AbortSignal;
  /** The host's style attribute as we last wrote it: any other value is the page's doing. */
  ownStyle(): string;
  onTamper(): void;
}

/** How often the styles and stacking are re-checked while open: a stylesheet change fires no mutation. */
const CHECK_MS = 250;
const TOP_LAYER = ':popover-open,:modal,:fullscreen';
/** A filter made only of drop shadows leaves the element itself as drawn (cards often carry one). */
const SHADOWS_ONLY = /^(?:drop-shadow\((?:[^()]|\([^()]*\))*\)\s*)+$/;

/** Returns check(): true when intact and on screen now; on tamper it calls onTamper() and returns false. */
export function guardFrame(g: GuardOptions): () => boolean {
  const { host, iframe, anchor, signal } = g;
  const html = document.documentElement;
  // Top-layer elements open before ours sit below it (e.g. the modal <dialog> holding the login form).
  const before = new Set(document.querySelectorAll(TOP_LAYER));
  const inTopLayer = host.hasAttribute('popover');
  const strict: Element[] = [host, html, document.body];
  const chain: Element[] = [];
  for (let el: Element | null = anchor; el; el = composedParent(el)) if (!strict.includes(el)) chain.push(el);
  const tamper = (): false => {
    g.onTamper();
    return false;
  };

  const check = (): boolean => {
    if (signal.aborted) return false;
    if (!host.isConnected || host.parentNode !== g.container || !iframe.isConnected) return tamper();
    // Our only attributes are style (as we wrote it) and popover: anything else is the page's.
    if (host.getAttribute('style') !== g.ownStyle()) return tamper();
    if (host.attributes.length !== (inTopLayer ? 2 : 1)) return tamper();
    if (inTopLayer && !host.matches(':popover-open')) return tamper();
    if (strict.some((el) => el && hides(el, true)) || chain.some((el) => hides(el, false))) return tamper();
    if (anchor && (!anchor.isConnected || anchor.getClientRects().length === 0)) return tamper();
    const r = host.getBoundingClientRect();
    for (const el of document.querySelectorAll(TOP_LAYER))
      if (el !== host && !before.has(el) && overlaps(el.getBoundingClientRect(), r)) return tamper();
    const w = html.clientWidth || innerWidth;
    const h = html.clientHeight || innerHeight;
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    if (cx < 0 || cy < 0 || cx >= w || cy >= h) return false; // scrolled away: not usable, not an attack
    const points = [cx, cy, r.left + 4, r.top + 4, r.right - 4, r.top + 4, r.left + 4, r.bottom - 4];
    points.push(r.right - 4, r.bottom - 4);
    for (let i = 0; i < points.length; i += 2) {
      const x = points[i] ?? 0;
      const y = points[i + 1] ?? 0;
      if (x >= 0 && y >= 0 && x < w && y < h && document.elementsFromPoint(x, y)[0] !== host) return tamper();
    }
    return true;
  };

  const observer = new MutationObserver(check);
  observer.observe(host, { attributes: true });
  observer.observe(g.container, { childList: true });
  for (const el of [html, document.body, ...chain])
    if (el) observer.observe(el, { attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  const timer = setInterval(check, CHECK_MS);
  signal.addEventListener('abort', () => (observer.disconnect(), clearInterval(timer)), { once: true });
  return check;
}

/** The parent element, stepping out of (open or closed) shadow roots to their host. */
export function composedParent(el: Element): Element | null {
  return el.parentElement ?? ((el.getRootNode() as Partial<ShadowRoot>).host || null);
}

/** Whether this element's own computed style hides or distorts what it draws. */
function hides(el: Element, strict: boolean): boolean {
  const s = getComputedStyle(el);
  const mask = s.getPropertyValue('mask-image') || s.getPropertyValue('-webkit-mask-image');
  return (
    Number(s.opacity) < 1 ||
    s.visibility !== 'visible' ||
    s.display === 'none' ||
    s.contentVisibility === 'hidden' ||
    (s.filter !== 'none' && !SHADOWS_ONLY.test(s.filter)) ||
    // A modal's blurred backdrop is often the login form's ancestor, and blurs only what lies behind it.
    (strict && s.backdropFilter !== 'none') ||
    s.mixBlendMode !== 'normal' ||
    s.clipPath !== 'none' ||
    (mask !== '' && mask !== 'none') ||
    (s.clip !== '' && s.clip !== 'auto') ||
    scaleOf(s) < 0.5
  );
}

/** The smallest scale that transform, scale and zoom apply (a "matrix(a, b, c, d, e, f)" or matrix3d). */
function scaleOf(s: CSSStyleDeclaration): number {
  let scale = Number(s.zoom) || 1;
  const m = /^matrix(3d)?\((.+)\)$/.exec(s.transform);
  if (m) {
    const n = (m[2] ?? '').split(',').map(Number);
    const [a = 1, b = 0] = n;
    const [c = 0, d = 1] = m[1] ? n.slice(4) : n.slice(2);
    scale *= Math.min(Math.hypot(a, b), Math.hypot(c, d));
  }
  if (s.scale && s.scale !== 'none') scale *= Math.min(...s.scale.split(' ').map(Number));
  return scale;
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
