import { describe, expect, it } from 'vitest';
import { scriptLifetime } from '../../../../lib/autofill/content/script-lifetime';

/** The agent's lifetime (script-lifetime.ts): it ends when, and only when, the extension context is gone. */
describe('scriptLifetime', () => {
  it('lives while the extension is alive, and ends at the first check after the context is invalidated', () => {
    let extension = true;
    const life = scriptLifetime(() => extension);
    expect(life.signal.aborted).toBe(false);
    expect(life.alive()).toBe(true);
    extension = false;
    // Nothing is polled: the next check ends it.
    expect(life.signal.aborted).toBe(false);
    expect(life.alive()).toBe(false);
    expect(life.signal.aborted).toBe(true);
    // Once over, it stays over.
    extension = true;
    expect(life.alive()).toBe(false);
    expect(life.signal.aborted).toBe(true);
  });

  it('starts ended when the context was already invalidated', () => {
    const life = scriptLifetime(() => false);
    expect(life.signal.aborted).toBe(true);
    expect(life.alive()).toBe(false);
  });
});
