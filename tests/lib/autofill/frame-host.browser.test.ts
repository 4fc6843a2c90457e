import { afterEach, describe, expect, test } from 'vitest';
import { openFrameHost } from '../../../lib/autofill/frame-host';
import { addField, closed, openHarness, resetPage, sleep, type Harness } from './frame-harness';

let h: Harness | undefined;
afterEach(() => {
  h?.controller.abort();
  h = undefined;
  resetPage();
});

describe('frame host: the frame and its session', () => {
  test('posts the session into the frame after it loads, never in its URL', async () => {
    h = openHarness(addField(), 'A'.repeat(22));
    expect(await h.session).toEqual({ latchkeySession: 'A'.repeat(22) });
    expect(h.iframe.src).not.toContain('A'.repeat(22));
    expect(h.iframe.src).toMatch(/^blob:/);
  });

  test('an untouched host is intact after 500 ms, and not before', async () => {
    h = openHarness(addField());
    expect(h.host.isIntact()).toBe(false);
    await h.session;
    await sleep(200);
    expect(h.host.isIntact()).toBe(false);
    await sleep(350);
    expect(h.host.isIntact()).toBe(true);
    expect(h.closes).toEqual([]);
  });

  test('the host is in the top layer with a closed shadow root', () => {
    h = openHarness(addField());
    expect(h.element.matches(':popover-open')).toBe(true);
    expect(h.element.shadowRoot).toBeNull();
    expect(h.element.parentNode).toBe(document.documentElement);
  });
});

describe('frame host: placement', () => {
  test('the inline menu sits under its field, at least as wide as 240 px, at most 360', () => {
    const field = addField();
    h = openHarness(field);
    const f = field.getBoundingClientRect();
    const r = h.element.getBoundingClientRect();
    expect(r.top).toBeGreaterThanOrEqual(f.bottom);
    expect(r.top - f.bottom).toBeLessThan(10);
    expect(r.left).toBe(Math.round(f.left));
    expect(r.width).toBe(Math.min(360, Math.max(f.width, 240)));
  });

  test('flips above the field when there is no room below', () => {
    const field = addField();
    field.style.cssText = `position:fixed;left:10px;top:${innerHeight - 40}px;width:300px;height:30px`;
    h = openHarness(field);
    const f = field.getBoundingClientRect();
    const r = h.element.getBoundingClientRect();
    expect(r.bottom).toBeLessThanOrEqual(f.top);
  });

  test('the save bar is fixed at the top right of the viewport', () => {
    h = openHarness(null);
    const r = h.element.getBoundingClientRect();
    expect(r.top).toBeLessThan(20);
    expect(document.documentElement.clientWidth - r.right).toBeLessThan(20);
    expect(r.width).toBeLessThanOrEqual(360);
  });

  test('follows its field on scroll, and a move restarts the 500 ms clock', async () => {
    document.body.style.height = '5000px';
    const field = addField();
    h = openHarness(field);
    await h.session;
    await sleep(550);
    expect(h.host.isIntact()).toBe(true);
    scrollTo(0, 25);
    await sleep(100);
    const f = field.getBoundingClientRect();
    const r = h.element.getBoundingClientRect();
    expect(r.top - f.bottom).toBeGreaterThanOrEqual(0);
    expect(r.top - f.bottom).toBeLessThan(10);
    expect(h.host.isIntact()).toBe(false);
    await sleep(500);
    expect(h.host.isIntact()).toBe(true);
  });

  test('focus() moves the keyboard focus into the frame', () => {
    const field = addField();
    field.focus();
    h = openHarness(field);
    h.host.focus();
    expect(document.activeElement).toBe(h.element);
  });
});

describe('frame host: the message channel', () => {
  test('takes size and close from its own frame', async () => {
    h = openHarness(addField());
    await h.session;
    h.postFromFrame({ latchkeyFrame: 'size', height: 200 });
    await sleep(100);
    expect(h.element.getBoundingClientRect().height).toBe(200);
    h.postFromFrame({ latchkeyFrame: 'size', height: 1e9 });
    await sleep(100);
    expect(h.element.getBoundingClientRect().height).toBeLessThanOrEqual(480);
    h.postFromFrame({ latchkeyFrame: 'close', refocus: true });
    expect(await closed(h)).toEqual(['closed']);
    expect(h.closes[0]?.refocus).toBe(true);
  });

  test("ignores the page's own messages and other frames' messages", async () => {
    h = openHarness(addField());
    await h.session;
    // The page posting to its own window (the content script shares it).
    postMessage({ latchkeyFrame: 'close', refocus: false }, '*');
    postMessage({ latchkeyFrame: 'size', height: 300 }, '*');
    // Another frame of the same origin as ours.
    const other = document.createElement('iframe');
    other.src = URL.createObjectURL(
      new Blob([`<script>parent.postMessage({ latchkeyFrame: 'close', refocus: false }, '*')</script>`], {
        type: 'text/html',
      }),
    );
    const otherLoaded = new Promise((r) => other.addEventListener('load', r));
    document.body.append(other);
    await otherLoaded;
    await sleep(200);
    expect(h.closes).toEqual([]);
    expect(h.element.getBoundingClientRect().height).not.toBe(300);
    // The channel still works for our own frame: the test above is not vacuous.
    h.postFromFrame({ latchkeyFrame: 'close', refocus: false });
    expect(await closed(h)).toEqual(['closed']);
  });

  test('ignores malformed messages from its own frame', async () => {
    h = openHarness(addField());
    await h.session;
    h.postFromFrame({ latchkeyFrame: 'size', height: 'tall' });
    h.postFromFrame({ latchkeyFrame: 'open' });
    h.postFromFrame('close');
    await sleep(200);
    expect(h.closes).toEqual([]);
    expect(h.element.getBoundingClientRect().height).toBe(44);
  });
});

describe('frame host: teardown', () => {
  test('abort closes once, removes the host and leaves nothing running', async () => {
    const field = addField();
    // Timers and observers the host starts, to see that abort stops every one of them.
    const live = new Set<unknown>();
    const { setInterval: startTimer, clearInterval: stopTimer, MutationObserver: Observer } = window;
    window.setInterval = ((...args: Parameters<typeof setInterval>) => {
      const id = startTimer(...args);
      live.add(id);
      return id;
    }) as typeof setInterval;
    window.clearInterval = (id) => (live.delete(id), stopTimer(id));
    window.MutationObserver = class extends Observer {
      override observe(target: Node, options?: MutationObserverInit): void {
        live.add(this);
        super.observe(target, options);
      }
      override disconnect(): void {
        live.delete(this);
        super.disconnect();
      }
    };
    try {
      h = openHarness(field);
    } finally {
      Object.assign(window, { setInterval: startTimer, MutationObserver: Observer });
    }
    await h.session;
    expect(live.size).toBeGreaterThan(0);
    h.controller.abort();
    window.clearInterval = stopTimer;
    expect(live.size).toBe(0);
    expect(h.closes).toEqual([{ reason: 'aborted', refocus: false }]);
    expect(document.querySelector('latchkey-frame')).toBeNull();
    expect(h.host.isIntact()).toBe(false);
    // No observer, timer or listener is left: the periodic check (getComputedStyle, elementsFromPoint), the
    // mutation observer (html style) and the scroll/resize listeners would all show here.
    let calls = 0;
    const computed = window.getComputedStyle;
    const fromPoint = document.elementsFromPoint.bind(document);
    window.getComputedStyle = (...args) => (calls++, computed(...args));
    document.elementsFromPoint = (x, y) => (calls++, fromPoint(x, y));
    try {
      document.documentElement.style.opacity = '0';
      dispatchEvent(new Event('resize'));
      dispatchEvent(new Event('scroll'));
      await sleep(600);
    } finally {
      window.getComputedStyle = computed;
      document.elementsFromPoint = Document.prototype.elementsFromPoint;
    }
    expect(calls).toBe(0);
    expect(h.closes).toHaveLength(1);
    expect(document.querySelector('latchkey-frame')).toBeNull();
  });

  test('close(reason) reports that reason once', () => {
    h = openHarness(addField());
    h.host.close('replaced');
    h.host.close('closed');
    expect(h.closes).toEqual([{ reason: 'replaced', refocus: false }]);
  });

  test('an already aborted signal closes at once', () => {
    const reasons: string[] = [];
    openFrameHost({
      page: 'save-prompt.html',
      sessionId: 'B'.repeat(22),
      anchor: null,
      signal: AbortSignal.abort(),
      onClose: (reason) => reasons.push(reason),
      extensionUrl: (path) => `${location.origin}${path}`,
    });
    expect(reasons).toEqual(['aborted']);
    expect(document.querySelector('latchkey-frame')).toBeNull();
  });
});
