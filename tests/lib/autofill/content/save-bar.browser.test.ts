import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN, menuElement, startAgent, tick, until, type Agent } from './agent-harness';

/** `show-save-prompt` (save-bar.ts): the top frame only, one bar at a time, a new prompt replaces the old. */
let agent: Agent | null = null;
afterEach(() => {
  agent?.controller.abort();
  agent = null;
});

const prompt = (id: string) => ({ latchkey: 'show-save-prompt', promptId: id });
const bars = (): number => document.querySelectorAll('latchkey-frame').length;

describe('the save bar', () => {
  it('opens in the top frame, and a new prompt replaces the old one', async () => {
    agent = startAgent({}, true);
    agent.push(prompt(TOKEN));
    await until(() => bars() === 1);
    const first = menuElement();
    agent.push(prompt('P'.repeat(22)));
    await until(() => menuElement() !== first);
    expect(bars()).toBe(1);
    expect(agent.calls).toEqual([]);
    agent.controller.abort();
    expect(bars()).toBe(0);
  });

  it('is never shown by a sub-frame, nor on a page’s own message', async () => {
    agent = startAgent({}, false);
    agent.push(prompt(TOKEN));
    window.postMessage(prompt(TOKEN), '*');
    await tick(50);
    expect(bars()).toBe(0);
    agent.controller.abort();
    agent = startAgent({}, true);
    window.postMessage(prompt(TOKEN), '*');
    agent.push(prompt(TOKEN), { id: 'someone-else' });
    await tick(50);
    expect(bars()).toBe(0);
  });
});
