import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import {
  $input,
  EXTENSION_ID,
  LOGIN_FORM,
  MENU_ID,
  TOKEN,
  menuElement,
  page,
  startAgent,
  tick,
  until,
  type Agent,
} from './agent-harness';

/**
 * Start-up and teardown of the content side: the always-on loader (lib/autofill/content/autofill-loader.ts) at
 * load only adds a focusin listener and runtime.onMessage (DESIGN §7: no detection, no observer, no timer); it
 * loads the agent (start-autofill.ts) on a trusted focus of a possible login field or a push from our
 * background, and the agent replays what made it load. Abort takes all of it away.
 */
let agent: Agent | null = null;
afterEach(() => {
  agent?.controller.abort();
  agent = null;
  document.body.innerHTML = '';
});

/** Counts calls to the DOM APIs detection and observation use, for the duration of `run`. */
function countDomWork(run: () => void): Record<string, number> {
  const counts: Record<string, number> = {};
  const restore: Array<() => void> = [];
  const spy = <T extends object>(owner: T, key: keyof T & string, label: string): void => {
    const original = owner[key] as unknown as (...args: unknown[]) => unknown;
    (owner as Record<string, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      counts[label] = (counts[label] ?? 0) + 1;
      return original.apply(this, args);
    };
    restore.push(() => ((owner as Record<string, unknown>)[key] = original));
  };
  spy(Document.prototype, 'querySelectorAll', 'querySelectorAll');
  spy(Element.prototype, 'querySelectorAll', 'querySelectorAll');
  spy(Document.prototype, 'querySelector', 'querySelector');
  spy(Document.prototype, 'getElementsByTagName', 'getElementsByTagName');
  spy(Document.prototype, 'createTreeWalker', 'createTreeWalker');
  spy(window, 'getComputedStyle', 'getComputedStyle');
  spy(window, 'setTimeout', 'setTimeout');
  spy(window, 'setInterval', 'setInterval');
  spy(window, 'requestAnimationFrame', 'requestAnimationFrame');
  spy(window, 'requestIdleCallback', 'requestIdleCallback');
  spy(EventTarget.prototype, 'addEventListener', 'addEventListener');
  for (const name of ['MutationObserver', 'IntersectionObserver', 'ResizeObserver'] as const) {
    const Original = window[name];
    (window as unknown as Record<string, unknown>)[name] = function () {
      counts[name] = (counts[name] ?? 0) + 1;
      throw new Error(`${name} at start-up`);
    };
    restore.push(() => ((window as unknown as Record<string, unknown>)[name] = Original));
  }
  try {
    run();
  } finally {
    for (const undo of restore) undo();
  }
  return counts;
}

/** The event types `document` gets listeners for while `run` (start-up, or user events) runs. */
async function documentListeners(run: () => unknown): Promise<string[]> {
  const types: string[] = [];
  const original = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    ...args: Parameters<typeof original>
  ) {
    if (this === document) types.push(args[0]);
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    EventTarget.prototype.addEventListener = original;
  }
  return types.sort();
}

const SEARCH_PAGE = `<header><input id="q" type="search" aria-label="Search"><button id="b">Go</button></header>
  <textarea id="notes"></textarea><input id="title" type="text" name="title">`;

describe('start-up', () => {
  it('the loader adds a focusin and a runtime listener and does nothing else: no detection, no observer, no timer, no load', () => {
    page(LOGIN_FORM);
    const counts = countDomWork(() => (agent = startAgent()));
    const { addEventListener: listeners, ...rest } = counts;
    expect(rest).toEqual({});
    expect(listeners).toBeGreaterThan(0);
    expect(listeners).toBeLessThanOrEqual(2); // document focusin; the abort signal's (background-messages.ts)
    expect(agent?.calls).toEqual([]);
    expect(agent?.listeners.size).toBe(1);
    expect(agent?.loads).toBe(0);
  });

  it('loads the agent only on a trusted focus of a possible login field; nothing runs per click or keystroke before', async () => {
    page(`${SEARCH_PAGE}${LOGIN_FORM}`);
    expect(await documentListeners(() => (agent = startAgent()))).toEqual(['focusin']);
    const loaded = agent!;
    // Reading, clicking, typing in a search box and a textarea; a synthetic focusin on the password field.
    const added = await documentListeners(async () => {
      await userEvent.click(document.querySelector<HTMLElement>('#b')!);
      await userEvent.type($input('#q'), 'latchkey{Enter}');
      await userEvent.type(document.querySelector<HTMLElement>('#notes')!, 'some notes');
      $input('#pass').dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      await tick(20);
    });
    expect(added).toEqual([]);
    expect(loaded.loads).toBe(0);
    // A text field outside any login form could be a login field: the agent loads (its own focusin and
    // submit), replays that focus, finds no login form there, and watches nothing per keystroke.
    const onText = await documentListeners(async () => {
      await userEvent.type($input('#title'), 'a title{Enter}');
      await until(() => loaded.starts === 1);
    });
    expect(onText).toEqual(['focusin', 'submit']);
    // The focus of a password field (before any key reaches it) adds the input, click and Enter watch.
    const onFocus = await documentListeners(() => userEvent.click($input('#pass')));
    expect(onFocus).toEqual(['click', 'input', 'keydown']);
    // Once; and the agent loads once.
    expect(await documentListeners(() => userEvent.click($input('#user')))).toEqual([]);
    expect([loaded.loads, loaded.starts]).toEqual([1, 1]);
  });

  it('the focus that loads the agent is replayed: on a password field, its input is watched', async () => {
    page(LOGIN_FORM);
    agent = startAgent({}, true, 0, 30);
    const loaded = agent;
    const added = await documentListeners(async () => {
      await userEvent.click($input('#pass'));
      await until(() => loaded.starts === 1);
    });
    expect(added).toEqual(['click', 'focusin', 'input', 'keydown', 'submit']);
  });

  it('on a username field, the replayed focus opens the menu, once', async () => {
    page(LOGIN_FORM);
    agent = startAgent(
      { 'autofill.candidates': { state: 'unlocked', candidates: [], menuId: MENU_ID } },
      true,
      0,
      30,
    );
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    expect(agent.typesSent()).toEqual(['autofill.candidates']);
    expect(agent.loads).toBe(1);
  });

  it('loads the agent at start when a possible login field has the focus already, and watches its input', async () => {
    page(LOGIN_FORM);
    $input('#pass').focus();
    const added = await documentListeners(async () => {
      const loaded = (agent = startAgent());
      await until(() => loaded.starts === 1);
    });
    expect(added).toContain('input');
    expect(agent?.calls).toEqual([]); // no detection, no message
  });

  it('hands the pushes that arrive before the agent has loaded to it, in order', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.fill': { action: 'fill', username: 'u', password: 'p' } }, true, 0, 30);
    agent.push({ latchkey: 'fill', token: TOKEN, mode: 'popup' });
    agent.push({ latchkey: 'fill', token: 'U'.repeat(22), mode: 'popup' });
    expect(agent.loads).toBe(1);
    await until(() => $input('#pass').value === 'p');
    await until(() => agent!.calls.length === 2);
    expect(agent.calls.map((c) => c.request)).toEqual([{ token: TOKEN }, { token: 'U'.repeat(22) }]);
  });

  it('does no detection on DOM mutations either', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.candidates': { state: 'unlocked', candidates: [], menuId: MENU_ID } });
    const counts = countDomWork(() => {
      for (let i = 0; i < 200; i++) document.body.append(document.createElement('div'));
      document.body.insertAdjacentHTML('beforeend', LOGIN_FORM.replace(/id="/g, 'id="x'));
    });
    await tick(50);
    expect(counts.querySelectorAll ?? 0).toBe(0);
    expect(counts.createTreeWalker ?? 0).toBe(0);
    expect(agent.calls).toEqual([]);
    expect(agent.loads).toBe(0);
  });
});

describe('pages cannot talk to the agent', () => {
  it('ignores window.postMessage, CustomEvents and pushes that are not from our background', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.fill': { action: 'fill', username: 'u', password: 'p' } });
    const fill = { latchkey: 'fill', token: TOKEN, mode: 'popup' };
    window.postMessage(fill, '*');
    window.postMessage({ latchkey: 'show-save-prompt', promptId: TOKEN }, '*');
    document.dispatchEvent(new CustomEvent('latchkey', { detail: fill }));
    window.dispatchEvent(new CustomEvent('message', { detail: fill }));
    // Another extension, or a content script (which has a tab), through runtime messaging.
    agent.push(fill, { id: 'another-extension' });
    agent.push(fill, { id: EXTENSION_ID, tab: { id: 1 } });
    // A message of our background's without our key.
    agent.push({ fill });
    await tick(50);
    expect(agent.loads).toBe(0); // none of these even loads the agent
    // Malformed pushes from our own background.
    agent.push({ latchkey: 'fill', token: 'short', mode: 'popup' });
    agent.push({ latchkey: 'fill', token: TOKEN, mode: 'everywhere' });
    await tick(100);
    expect(agent.calls).toEqual([]);
    expect($input('#pass').value).toBe('');
    expect(menuElement()).toBeNull();
    // The same fill from our background does fill (so the refusals above are not vacuous).
    agent.push(fill);
    await until(() => $input('#pass').value === 'p');
    expect(agent.typesSent()).toEqual(['autofill.fill']);
  });
});

describe('abort', () => {
  it('removes every listener, the runtime listener and the open menu', async () => {
    page(LOGIN_FORM);
    agent = startAgent({
      'autofill.candidates': { state: 'unlocked', candidates: [], menuId: MENU_ID },
      'autofill.fill': { action: 'fill', username: 'u', password: 'p' },
      'autofill.submitted': { prompt: true },
    });
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    agent.controller.abort();
    expect(menuElement()).toBeNull();
    expect(agent.listeners.size).toBe(0);
    const before = agent.calls.length;
    // Nothing reacts any more: focus, typing, submit, pushes.
    await userEvent.click($input('#pass'));
    await userEvent.type($input('#pass'), 'typed-secret');
    $input('#user').value = 'someone';
    document.querySelector('form')?.requestSubmit();
    await userEvent.click($input('#user'));
    await tick(100);
    expect(agent.calls.length).toBe(before);
    expect(menuElement()).toBeNull();
  });
});
