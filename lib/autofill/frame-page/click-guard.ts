/**
 * The framed pages' own check that a click or Enter was meant for them (the host's guard, frame-guard.ts, is
 * the first line; this one holds even if the content script were fooled). A choice counts only when:
 * - the event is trusted (a real user, not a script: `isTrusted`);
 * - the frame has been visible for ≥ 500 ms (a menu that pops up under the cursor right before a click does
 *   not take that click; Tóth, "DOM-based extension clickjacking", DEF CON 33);
 * - where IntersectionObserver v2 exists (Chrome), the browser's last report says the frame is visible:
 *   unoccluded, unfaded, unfiltered, untransformed, through every ancestor frame. It needs `delay` ≥ 100 ms
 *   (https://web.dev/articles/intersectionobserver-v2). Firefox has no v2 and relies on the host's guard.
 */
const SETTLE_MS = 500;

interface VisibilityEntry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

export interface ClickGuard {
  allows(event: Event): boolean;
}

/** Call once the content is on screen: the 500 ms count from then (or from the first visible v2 report). */
export function createClickGuard(target: Element): ClickGuard {
  const v2 = 'isVisible' in IntersectionObserverEntry.prototype;
  let visibleSince: number | null = v2 ? null : performance.now();
  if (v2) {
    const init = { trackVisibility: true, delay: 100 } as IntersectionObserverInit;
    new IntersectionObserver((entries) => {
      const last = entries.at(-1) as VisibilityEntry | undefined;
      if (!last) return;
      if (last.isVisible) visibleSince ??= performance.now();
      else visibleSince = null;
    }, init).observe(target);
  }
  return {
    allows: (event) =>
      event.isTrusted &&
      document.visibilityState === 'visible' &&
      visibleSince !== null &&
      performance.now() - visibleSince >= SETTLE_MS,
  };
}
