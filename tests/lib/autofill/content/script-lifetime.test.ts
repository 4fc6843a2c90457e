import { describe, expect, it } from 'vitest';
import { scriptLifetime } from '../../../../lib/autofill/content/script-lifetime';

/** The agent's lifetime (script-lifetime.ts): WXT's abort counts only once the extension context is gone. */
describe('scriptLifetime', () => {
  it('ignores a ctx abort while the extension is alive (a page forging WXT’s "newer script" event)', () => {
    const wxt = new AbortController();
    const life = scriptLifetime(wxt.signal, () => true);
    wxt.abort();
    expect(life.signal.aborted).toBe(false);
    expect(life.alive()).toBe(true);
  });

  it('ends on a ctx abort once the context is invalidated, or at the next check after that', () => {
    let extension = true;
    const wxt = new AbortController();
    const life = scriptLifetime(wxt.signal, () => extension);
    extension = false;
    wxt.abort();
    expect(life.signal.aborted).toBe(true);

    extension = true;
    const later = scriptLifetime(new AbortController().signal, () => extension);
    expect(later.alive()).toBe(true);
    extension = false;
    expect(later.signal.aborted).toBe(false);
    expect(later.alive()).toBe(false);
    expect(later.signal.aborted).toBe(true);
    // Once over, it stays over.
    extension = true;
    expect(later.alive()).toBe(false);
  });

  it('starts ended when the context was already invalidated', () => {
    const wxt = new AbortController();
    wxt.abort();
    expect(scriptLifetime(wxt.signal, () => false).signal.aborted).toBe(true);
  });
});
