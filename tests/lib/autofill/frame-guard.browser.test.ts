import { afterEach, describe, expect, test } from 'vitest';
import { addField, closed, openHarness, resetPage, sleep, type Harness } from './frame-harness';

/**
 * The DOM-clickjacking attacks of Marek Tóth's DEF CON 33 talk, each played by the page against an open,
 * settled inline menu in real Chromium: each must close the host as 'tampered' (and isIntact() turn false).
 */
let h: Harness | undefined;
afterEach(() => {
  h?.controller.abort();
  h = undefined;
  resetPage();
});

/** An inline menu under a field inside a wrapper div, loaded and past its 500 ms settling time. */
async function settledMenu(): Promise<{ h: Harness; field: HTMLInputElement; wrapper: HTMLElement }> {
  const wrapper = document.createElement('div');
  document.body.append(wrapper);
  const field = addField(wrapper);
  const harness = openHarness(field);
  h = harness;
  await harness.session;
  await sleep(550);
  expect(harness.host.isIntact()).toBe(true);
  return { h: harness, field, wrapper };
}

async function expectTampered(harness: Harness): Promise<void> {
  expect(await closed(harness)).toEqual(['tampered']);
  expect(harness.host.isIntact()).toBe(false);
  expect(harness.element.isConnected).toBe(false);
}

describe('frame guard: the page hides the UI or the page', () => {
  test('html opacity 0', async () => {
    const { h } = await settledMenu();
    document.documentElement.style.opacity = '0';
    await expectTampered(h);
  });

  test('body opacity 0.01', async () => {
    const { h } = await settledMenu();
    document.body.style.opacity = '0.01';
    await expectTampered(h);
  });

  test('an ancestor of the field gets filter: opacity(0)', async () => {
    const { h, wrapper } = await settledMenu();
    wrapper.style.filter = 'opacity(0)';
    await expectTampered(h);
  });

  test('a stylesheet (no attribute mutation) fades html: caught by the periodic check', async () => {
    const { h } = await settledMenu();
    const style = document.createElement('style');
    style.className = 'test';
    style.textContent = 'html { opacity: 0.5 }';
    document.head.append(style);
    await expectTampered(h);
  });

  test('a scale(0) transform on an ancestor', async () => {
    const { h, wrapper } = await settledMenu();
    wrapper.style.transform = 'scale(0.01)';
    await expectTampered(h);
  });

  test('a drop shadow on the form card is not an attack', async () => {
    const { h, wrapper } = await settledMenu();
    wrapper.style.filter = 'drop-shadow(rgba(0, 0, 0, 0.2) 0px 4px 8px)';
    await sleep(300);
    expect(h.closes).toEqual([]);
    expect(h.host.isIntact()).toBe(true);
  });
});

describe('frame guard: the page draws over the UI', () => {
  test('an overlay with max z-index cannot be drawn over the top-layer host', async () => {
    const { h } = await settledMenu();
    const overlay = document.createElement('div');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:#fff';
    document.body.append(overlay);
    // Made hit-testable, the overlay shows where it is painted: under our host, which the top layer keeps above
    // every z-index (the pointer-events:none version is painted at the same place).
    overlay.style.pointerEvents = 'auto';
    const r = h.element.getBoundingClientRect();
    expect(document.elementsFromPoint(r.left + 10, r.top + 10)[0]).toBe(h.element);
    expect(h.element.matches(':popover-open')).toBe(true);
    expect(h.host.isIntact()).toBe(true);
    // Outside the top layer (the host pushed out of it), the same overlay covers it.
    h.element.hidePopover();
    await expectTampered(h);
  });

  test('a popover shown after ours, over it', async () => {
    const { h } = await settledMenu();
    const popover = document.createElement('div');
    popover.popover = 'manual';
    popover.style.cssText = 'inset:0;margin:0;width:100vw;height:100vh;opacity:0.01';
    document.body.append(popover);
    popover.showPopover();
    await expectTampered(h);
  });

  test('a pointer-events:none popover over it (invisible to hit-testing)', async () => {
    const { h } = await settledMenu();
    const popover = document.createElement('div');
    popover.popover = 'manual';
    popover.style.cssText = 'inset:0;margin:0;width:100vw;height:100vh;pointer-events:none';
    document.body.append(popover);
    popover.showPopover();
    expect(h.host.isIntact()).toBe(false);
    await expectTampered(h);
  });

  test('a modal dialog opened after ours', async () => {
    const { h } = await settledMenu();
    const dialog = document.createElement('dialog');
    dialog.textContent = 'Click here!';
    document.body.append(dialog);
    dialog.showModal();
    await expectTampered(h);
  });

  test('a modal dialog opened before ours (holding the login form) is not an attack', async () => {
    const dialog = document.createElement('dialog');
    document.body.append(dialog);
    dialog.showModal();
    const field = addField(dialog);
    h = openHarness(field);
    await h.session;
    await sleep(550);
    expect(h.host.isIntact()).toBe(true);
    expect(h.closes).toEqual([]);
  });
});

describe('frame guard: the page touches the host, the frame or the field', () => {
  test('the page sets host.style', async () => {
    const { h } = await settledMenu();
    h.element.style.setProperty('opacity', '0.5');
    await expectTampered(h);
  });

  test('the page adds an attribute to the host', async () => {
    const { h } = await settledMenu();
    h.element.setAttribute('class', 'hidden');
    await expectTampered(h);
  });

  test('the page removes the host', async () => {
    const { h } = await settledMenu();
    h.element.remove();
    await expectTampered(h);
  });

  test('the page moves the host into its own element', async () => {
    const { h, wrapper } = await settledMenu();
    wrapper.append(h.element);
    await expectTampered(h);
  });

  test('the page navigates our frame (a second load)', async () => {
    const { h } = await settledMenu();
    const contentWindow = h.iframe.contentWindow;
    if (!contentWindow) throw new Error('no frame window');
    contentWindow.location.href = URL.createObjectURL(new Blob(['<p>not ours</p>'], { type: 'text/html' }));
    await expectTampered(h);
  });

  test('the field is hidden', async () => {
    const { h, field } = await settledMenu();
    field.style.display = 'none';
    await expectTampered(h);
  });

  test('the field is removed', async () => {
    const { h, field } = await settledMenu();
    field.remove();
    await expectTampered(h);
  });
});
