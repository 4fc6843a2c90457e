import { describe, expect, test } from 'vitest';
import {
  isListKey,
  moveActive,
  scrollToReveal,
  virtualWindow,
  type ListKey,
} from '../../../../entrypoints/popup/models/virtual-window';

const ROW = 48;

describe('virtualWindow', () => {
  test.each([
    // scrollTop, viewport, count, overscan → first, end, offsetTop
    { scrollTop: 0, viewport: 480, count: 10_000, overscan: 6, first: 0, end: 16, offsetTop: 0 },
    { scrollTop: 4800, viewport: 480, count: 10_000, overscan: 6, first: 94, end: 116, offsetTop: 94 * ROW },
    // Half a row scrolled: both partly visible rows are rendered.
    { scrollTop: 24, viewport: 480, count: 10_000, overscan: 0, first: 0, end: 11, offsetTop: 0 },
    // The bottom: clamped to the last row, and an overshooting scrollTop (elastic scroll) is clamped too.
    {
      scrollTop: 10_000 * ROW,
      viewport: 480,
      count: 10_000,
      overscan: 6,
      first: 9984,
      end: 10_000,
      offsetTop: 9984 * ROW,
    },
    { scrollTop: -200, viewport: 480, count: 10_000, overscan: 2, first: 0, end: 12, offsetTop: 0 },
    // Fewer rows than the viewport holds: all of them.
    { scrollTop: 0, viewport: 480, count: 3, overscan: 6, first: 0, end: 3, offsetTop: 0 },
    { scrollTop: 300, viewport: 480, count: 3, overscan: 6, first: 0, end: 3, offsetTop: 0 },
    { scrollTop: 0, viewport: 480, count: 0, overscan: 6, first: 0, end: 0, offsetTop: 0 },
    // Not measured yet (0 px): only the overscan.
    { scrollTop: 0, viewport: 0, count: 100, overscan: 6, first: 0, end: 6, offsetTop: 0 },
  ])(
    'scrollTop $scrollTop, $count rows → [$first, $end)',
    ({ scrollTop, viewport, count, overscan, first, end, offsetTop }) => {
      const range = virtualWindow({ scrollTop, viewportHeight: viewport, rowHeight: ROW, count, overscan });
      expect(range).toEqual({ first, end, offsetTop, totalHeight: count * ROW });
    },
  );

  test('keeps the DOM small whatever the position in 10,000 rows', () => {
    for (let scrollTop = 0; scrollTop <= 10_000 * ROW; scrollTop += 7919) {
      const range = virtualWindow({
        scrollTop,
        viewportHeight: 430,
        rowHeight: ROW,
        count: 10_000,
        overscan: 6,
      });
      expect(range.end - range.first).toBeLessThanOrEqual(Math.ceil(430 / ROW) + 1 + 12);
      expect(range.first * ROW).toBeLessThanOrEqual(Math.max(0, scrollTop));
      expect(range.end * ROW).toBeGreaterThanOrEqual(Math.min(scrollTop + 430, 10_000 * ROW));
    }
  });

  test.each([
    ['rowHeight', { rowHeight: 0 }],
    ['rowHeight', { rowHeight: Number.NaN }],
    ['viewportHeight', { viewportHeight: -1 }],
    ['count', { count: 1.5 }],
    ['overscan', { overscan: -1 }],
  ])('refuses a bad %s', (name, bad) => {
    const input = { scrollTop: 0, viewportHeight: 400, rowHeight: ROW, count: 10, overscan: 2, ...bad };
    expect(() => virtualWindow(input)).toThrow(new RegExp(name));
  });
});

describe('scrollToReveal', () => {
  test.each([
    // index, scrollTop → scrollTop
    [5, 0, 0], // in view: no move
    [9, 0, 10 * ROW - 480], // just below: scroll until its bottom edge shows
    [20, 0, 21 * ROW - 480],
    [2, 10 * ROW, 2 * ROW], // above: its top edge at the top
    [0, 30, 0], // half hidden at the top
  ])('row %i from scrollTop %i → %i', (index, scrollTop, expected) => {
    expect(scrollToReveal(index, scrollTop, 480, ROW)).toBe(expected);
  });
});

describe('moveActive', () => {
  test.each<[ListKey, number, number]>([
    ['ArrowDown', -1, 0],
    ['ArrowDown', 0, 1],
    ['ArrowDown', 99, 99],
    ['ArrowUp', 5, 4],
    ['ArrowUp', 0, 0],
    ['ArrowUp', -1, 99],
    ['Home', 50, 0],
    ['End', 3, 99],
    ['PageDown', 3, 13],
    ['PageDown', 95, 99],
    ['PageDown', -1, 10],
    ['PageUp', 25, 15],
    ['PageUp', 4, 0],
  ])('%s from %i → %i (100 rows, 10 a page)', (key, from, to) => {
    expect(moveActive(key, from, 100, 10)).toBe(to);
  });

  test('an empty list has no active row; an index past a shrunk list is pulled back', () => {
    expect(moveActive('ArrowDown', 3, 0, 10)).toBe(-1);
    expect(moveActive('ArrowUp', 40, 10, 10)).toBe(8);
  });

  test('knows its keys', () => {
    expect(['ArrowDown', 'PageUp', 'End'].every(isListKey)).toBe(true);
    expect(['Enter', 'a', 'Tab'].some(isListKey)).toBe(false);
  });
});
