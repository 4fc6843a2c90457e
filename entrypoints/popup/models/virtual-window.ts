/**
 * Which rows of a long, fixed-row-height list are worth putting in the DOM (issue 5: 10,000 records must
 * scroll smoothly). Only the rows in view plus a few either side ("overscan", so a fast flick does not show
 * blank space before the next frame) are rendered; a spacer of the full height keeps the scrollbar honest.
 * Pure arithmetic, so the component stays a thin renderer and this is tested with tables.
 */

export interface WindowInput {
  /** The scroller's scrollTop, in px (may overshoot on elastic scrolling; clamped here). */
  scrollTop: number;
  /** The scroller's visible height, in px. */
  viewportHeight: number;
  /** Every row's height, in px (> 0). */
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the visible ones. */
  overscan: number;
}

export interface VirtualWindow {
  /** First rendered row. */
  first: number;
  /** One past the last rendered row (first === end: nothing to render). */
  end: number;
  /** Where the first rendered row sits, in px from the top of the list. */
  offsetTop: number;
  /** The whole list's height, in px. */
  totalHeight: number;
}

function checkSize(name: string, value: number, positive: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new RangeError(`${name} must be a ${positive ? 'positive' : 'non-negative'} number, got ${value}`);
  }
}

export function virtualWindow(input: WindowInput): VirtualWindow {
  const { viewportHeight, rowHeight, count, overscan } = input;
  checkSize('rowHeight', rowHeight, true);
  checkSize('viewportHeight', viewportHeight, false);
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, got ${count}`);
  if (!Number.isInteger(overscan) || overscan < 0) {
    throw new RangeError(`overscan must be a whole number, got ${overscan}`);
  }
  const totalHeight = count * rowHeight;
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const scrollTop = Number.isFinite(input.scrollTop) ? Math.min(Math.max(input.scrollTop, 0), maxScroll) : 0;
  const firstVisible = Math.floor(scrollTop / rowHeight);
  const endVisible = Math.ceil((scrollTop + viewportHeight) / rowHeight);
  const first = Math.min(count, Math.max(0, firstVisible - overscan));
  const end = Math.min(count, endVisible + overscan);
  return { first, end: Math.max(first, end), offsetTop: first * rowHeight, totalHeight };
}

/**
 * The scrollTop that brings row `index` fully into view, moving as little as possible (the keyboard's active
 * row must stay rendered and visible); the current scrollTop when it already is.
 */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  checkSize('rowHeight', rowHeight, true);
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The keys a list moves its active row with (WAI-ARIA APG listbox keyboard interaction). */
export type ListKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';

export function isListKey(key: string): key is ListKey {
  return (
    key === 'ArrowDown' ||
    key === 'ArrowUp' ||
    key === 'Home' ||
    key === 'End' ||
    key === 'PageDown' ||
    key === 'PageUp'
  );
}

/**
 * The active row after a key: clamped at both ends (no wrap-around, as in the APG listbox example), a page
 * being the rows in view. -1 (no active row yet) moves to the first row on any key but Up/End.
 */
export function moveActive(key: ListKey, active: number, count: number, pageRows: number): number {
  if (count === 0) return -1;
  const page = Math.max(1, Math.floor(pageRows));
  const last = count - 1;
  const from = Math.min(active, last);
  switch (key) {
    case 'ArrowDown':
      return from < 0 ? 0 : Math.min(last, from + 1);
    case 'ArrowUp':
      return from < 0 ? last : Math.max(0, from - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(last, Math.max(0, from) + page);
    case 'PageUp':
      return Math.max(0, from - page);
  }
}
