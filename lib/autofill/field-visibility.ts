/**
 * Whether a user could see and type into an input: autofill fills nothing else (issue 6, "Fill only visible,
 * enabled fields"). A hostile page hides a second form (display, visibility, opacity, 1 px boxes, off-screen
 * positions, clip, overflow) to harvest what a password manager puts into it; each trick below is one such
 * way of hiding a field while keeping it in the layout.
 *
 * Runs in the always-on content script on a handful of fields per fill: one layout read per field and one
 * computed style per ancestor, no observers. Limit: a frame cannot see how its parent document styles the
 * <iframe> element, so an iframe made transparent by a cross-origin parent is not caught here.
 */

/** Smallest box a person can click or see, in CSS px: the usual 1×1 px "visually hidden" tricks stay below. */
const MIN_SIZE = 4;

/**
 * Effective opacity under which a field counts as hidden. checkVisibility({ opacityProperty }) only catches
 * exactly 0 (CSSWG cssom-view, Element.checkVisibility), so pages fade forms to 0.01; 0.1 is far below any
 * legible design (a "disabled" look is ≈ 0.4–0.6) and still above those tricks.
 */
const MIN_OPACITY = 0.1;

type Box = [left: number, top: number, right: number, bottom: number];

export function isFillable(input: HTMLInputElement): boolean {
  if (!input.isConnected || input.disabled || input.readOnly || input.type === 'hidden') return false;
  // Display/visibility/content-visibility/opacity 0 on the field or any flat-tree ancestor (Chrome 121+,
  // Firefox 125+).
  if (
    !input.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })
  )
    return false;
  const rect = input.getBoundingClientRect();
  let box: Box | null = [rect.left, rect.top, rect.right, rect.bottom];
  let opacity = 1;
  // How the element being walked is positioned: an absolutely positioned box escapes the overflow of
  // ancestors up to its containing block, a fixed one escapes all of them (CSS 2.1 §10.1, §11.1.1).
  let escape = '';
  for (let el: Element | null = input; el && box; el = flatParent(el)) {
    const style = getComputedStyle(el);
    opacity *= Number(style.opacity);
    const position = style.position;
    box = clipBy(el, style, box, !escape || (escape === 'absolute' && position !== 'static'));
    if (position === 'fixed' || position === 'absolute') escape = position;
    else if (escape === 'absolute' && position !== 'static') escape = '';
  }
  return !!box && opacity >= MIN_OPACITY && !offScreen(box);
}

/** The flat-tree parent: a slotted element's slot, then the DOM parent, then a shadow root's host. */
function flatParent(el: Element): Element | null {
  const parent = el.assignedSlot ?? el.parentNode;
  return parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
}

/**
 * `box` cut by `el`'s `clip`, `clip-path: inset()` and, when `overflows` (the walked box does not escape it),
 * `overflow: hidden | clip`; null once smaller than MIN_SIZE.
 */
function clipBy(el: Element, style: CSSStyleDeclaration, box: Box, overflows: boolean): Box | null {
  const { overflowX, overflowY, clip, clipPath } = style;
  const hidesX = overflows && (overflowX === 'hidden' || overflowX === 'clip');
  const hidesY = overflows && (overflowY === 'hidden' || overflowY === 'clip');
  const clipped = clip !== 'auto' && clip !== '' && /^(absolute|fixed)$/.test(style.position);
  const inset = clipPath.startsWith('inset(');
  let [l, t, r, b] = box;
  if (hidesX || hidesY || clipped || inset) {
    const own = el.getBoundingClientRect();
    if (hidesX) [l, r] = [Math.max(l, own.left), Math.min(r, own.right)];
    if (hidesY) [t, b] = [Math.max(t, own.top), Math.min(b, own.bottom)];
    if (clipped) {
      // rect(top, right, bottom, left), offsets from the border box's top-left corner; `auto` = that edge.
      const [ct, cr, cb, cl] = (clip.match(/-?[\d.]+px|auto/g) ?? []).map((v) =>
        v === 'auto' ? null : parseFloat(v),
      );
      [l, t] = [Math.max(l, own.left + (cl ?? 0)), Math.max(t, own.top + (ct ?? 0))];
      r = Math.min(r, cr == null ? own.right : own.left + cr);
      b = Math.min(b, cb == null ? own.bottom : own.top + cb);
    }
    if (inset) {
      // inset(<top> <right> <bottom> <left> [round …]), 1–4 lengths or percentages of the box, like margin.
      const v = (clipPath.slice(6).split(/\)|round/)[0] ?? '').trim().split(/\s+/);
      const px = (i: number, size: number): number => {
        const s = v[i] ?? v[i - 2] ?? v[0] ?? '0';
        return s.endsWith('%') ? (parseFloat(s) * size) / 100 : parseFloat(s) || 0;
      };
      const [w, h] = [own.width, own.height];
      [l, t] = [Math.max(l, own.left + px(3, w)), Math.max(t, own.top + px(0, h))];
      [r, b] = [Math.min(r, own.right - px(1, w)), Math.min(b, own.bottom - px(2, h))];
    }
  }
  return r - l >= MIN_SIZE && b - t >= MIN_SIZE ? [l, t, r, b] : null;
}

/** Entirely outside the document's scrollable area (e.g. left: -9999px): no scrolling brings it into view. */
function offScreen([l, t, r, b]: Box): boolean {
  const root = document.documentElement;
  const [x, y] = [window.scrollX, window.scrollY];
  // In a right-to-left document the scrollable area extends to the left of the initial viewport.
  const minX = getComputedStyle(root).direction === 'rtl' ? root.clientWidth - root.scrollWidth : 0;
  return r + x <= minX || b + y <= 0 || l + x >= minX + root.scrollWidth || t + y >= root.scrollHeight;
}
