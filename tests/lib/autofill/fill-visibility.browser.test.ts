import { afterEach, describe, expect, test } from 'vitest';
import { isFillable } from '../../../lib/autofill/field-visibility';

// Real Chromium layout: each way a page can hide a field while keeping it in the DOM, next to a control that
// differs only by the hiding style (so a check that always answered false would fail the controls).

let stage: HTMLElement | null = null;
afterEach(() => {
  stage?.remove();
  stage = null;
  document.documentElement.removeAttribute('dir');
});

/** Mounts `markup` (test-authored, never page data) and returns its `#f` input. */
function mount(markup: string): HTMLInputElement {
  stage?.remove();
  stage = document.createElement('div');
  stage.innerHTML = markup;
  document.body.append(stage);
  const input = stage.querySelector<HTMLInputElement>('#f');
  if (!input) throw new Error('fixture has no #f');
  return input;
}

const FIELD = '<input id="f" type="password" style="width:160px;height:24px">';

const hidden: Array<[string, string]> = [
  ['display: none on the field', '<input id="f" style="display:none">'],
  ['display: none on an ancestor', `<div style="display:none"><div>${FIELD}</div></div>`],
  ['visibility: hidden on an ancestor', `<div style="visibility:hidden">${FIELD}</div>`],
  ['opacity: 0 on the field', '<input id="f" style="opacity:0;width:160px;height:24px">'],
  ['opacity: 0.01 on an ancestor', `<div style="opacity:0.01"><p>${FIELD}</p></div>`],
  [
    'opacities that multiply to 0.04',
    `<div style="opacity:0.2"><div style="opacity:0.2">${FIELD}</div></div>`,
  ],
  ['content-visibility: hidden on an ancestor', `<div style="content-visibility:hidden">${FIELD}</div>`],
  ['a 1×1 px field', '<input id="f" style="width:1px;height:1px;padding:0;border:0">'],
  ['a 3 px tall field', '<input id="f" style="width:160px;height:3px;padding:0;border:0">'],
  [
    'pushed off-screen to the left',
    '<input id="f" style="position:absolute;left:-9999px;width:160px;height:24px">',
  ],
  ['pushed off-screen above', '<input id="f" style="position:absolute;top:-9999px;width:160px;height:24px">'],
  [
    'clip: rect(0 0 0 0)',
    '<input id="f" style="position:absolute;clip:rect(0 0 0 0);width:160px;height:24px">',
  ],
  ['clip-path: inset(50%)', '<input id="f" style="clip-path:inset(50%);width:160px;height:24px">'],
  ['clip-path: inset(50%) on an ancestor', `<div style="clip-path:inset(50%)"><div>${FIELD}</div></div>`],
  [
    'a 1 px overflow: hidden wrapper (visually-hidden pattern)',
    `<div style="width:1px;height:1px;overflow:hidden">${FIELD}</div>`,
  ],
  ['disabled', '<input id="f" disabled style="width:160px;height:24px">'],
  ['readonly', '<input id="f" readonly style="width:160px;height:24px">'],
  ['type=hidden', '<input id="f" type="hidden">'],
];

const visible: Array<[string, string]> = [
  ['a plain field', FIELD],
  ['opacity 0.5 on an ancestor (a faded, still legible form)', `<div style="opacity:0.5">${FIELD}</div>`],
  ['below the fold (scrolling brings it into view)', `<div style="height:3000px"></div>${FIELD}`],
  ['position: fixed in the viewport', '<input id="f" style="position:fixed;top:10px;left:10px">'],
  [
    'absolute, escaping a small overflow: hidden ancestor that is not its containing block',
    `<div style="position:relative"><div style="width:1px;height:1px;overflow:hidden">
       <input id="f" style="position:absolute;top:0;left:0;width:160px;height:24px"></div></div>`,
  ],
  [
    'clip: rect(auto auto auto auto) (nothing clipped)',
    '<input id="f" style="position:absolute;clip:rect(auto,auto,auto,auto);width:160px;height:24px">',
  ],
  ['clip-path: inset(2px)', '<input id="f" style="clip-path:inset(2px);width:160px;height:24px">'],
  ['an overflow: hidden card', `<div style="overflow:hidden;width:300px;padding:8px">${FIELD}</div>`],
];

describe('isFillable', () => {
  test.each(hidden)('refuses a field hidden by %s', (_name, markup) => {
    expect(isFillable(mount(markup))).toBe(false);
  });

  test.each(visible)('accepts %s', (_name, markup) => {
    expect(isFillable(mount(markup))).toBe(true);
  });

  test('looks through open shadow roots: the host’s opacity counts', () => {
    const input = mount('<div id="host"></div><input id="f">');
    const host = stage?.querySelector('#host');
    const inner = document.createElement('input');
    host?.attachShadow({ mode: 'open' }).append(inner);
    expect(isFillable(inner)).toBe(true);
    host?.setAttribute('style', 'opacity:0.02');
    expect(isFillable(inner)).toBe(false);
    expect(isFillable(input)).toBe(true);
  });

  test('follows a slotted field to its slot’s ancestors', () => {
    const input = mount('<div id="host"><input id="f" slot="s"></div>');
    const shadow = stage?.querySelector('#host')?.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    wrapper.append(Object.assign(document.createElement('slot'), { name: 's' }));
    shadow?.append(wrapper);
    expect(isFillable(input)).toBe(true);
    wrapper.style.opacity = '0.05';
    expect(isFillable(input)).toBe(false);
  });

  test('a field removed from the document is not fillable', () => {
    const input = mount(FIELD);
    expect(isFillable(input)).toBe(true);
    input.remove();
    expect(isFillable(input)).toBe(false);
  });

  test('in a right-to-left document, a field pushed far to the right is off-screen', () => {
    document.documentElement.setAttribute('dir', 'rtl');
    expect(isFillable(mount(FIELD))).toBe(true);
    expect(
      isFillable(mount('<input id="f" style="position:absolute;right:-9999px;width:160px;height:24px">')),
    ).toBe(false);
  });

  test('costs well under a millisecond per field on a deep tree', () => {
    const input = mount(`${'<div style="padding:1px">'.repeat(60)}${FIELD}${'</div>'.repeat(60)}`);
    const start = performance.now();
    for (let i = 0; i < 100; i++) isFillable(input);
    // Generous for a shared 2-core machine: the content script calls it on a handful of fields per fill.
    expect((performance.now() - start) / 100).toBeLessThan(1);
  });
});
