import type { ContentMessageType, ContentSend } from '../../../../lib/autofill/content/content-channel';
import type { ContentRuntime, StartAgent } from '../../../../lib/autofill/content/agent-handoff';
import { startLoader } from '../../../../lib/autofill/content/autofill-loader';
import { startAutofill } from '../../../../lib/autofill/content/start-autofill';
import type { ResponseOf, Result } from '../../../../lib/messaging/protocol';

/**
 * The content side (the always-on loader and the agent it loads) in a real Chromium page, with what does not
 * exist here faked at its edge: the background (a `send` that records the requests and answers from a table),
 * runtime.onMessage (a listener set the test pushes to, with the sender the browser would give) and the import
 * of autofill-agent.js (`loads` counts it; it resolves to startAutofill after `loadMs`). The framed pages are
 * blob: documents of the test's own origin, which plays the extension origin (as in ../frame-harness.ts).
 */
export const TOKEN = 'T'.repeat(22);
export const MENU_ID = 'M'.repeat(22);
export const EXTENSION_ID = 'latchkeyextensionid';

type Answers = { [T in ContentMessageType]?: ResponseOf<T> | null };

export interface Agent {
  calls: Array<{ type: ContentMessageType; request: unknown }>;
  answers: Answers;
  controller: AbortController;
  listeners: Set<(message: unknown, sender: { id?: string; tab?: unknown }) => undefined>;
  /** How many times the loader imported the agent. */
  loads: number;
  /** How many times the agent was started. */
  starts: number;
  /** A push as our background sends it (tabs.sendMessage: our id, no tab), unless `sender` says otherwise. */
  push(message: unknown, sender?: { id?: string; tab?: unknown }): void;
  typesSent(): ContentMessageType[];
}

const FRAME_PAGE = URL.createObjectURL(
  new Blob(['<!doctype html><body style="margin:0;background:#fff">menu</body>'], { type: 'text/html' }),
);

/**
 * Starts the loader, which starts the agent when a login field or a push asks for it. `latencyMs`: how long the
 * fake background takes to answer (a real one is a round trip away); `loadMs`: how long the agent's import takes.
 */
export function startAgent(answers: Answers = {}, isTopFrame = true, latencyMs = 0, loadMs = 0): Agent {
  const calls: Agent['calls'] = [];
  const send: ContentSend = (type, request) => {
    calls.push({ type, request });
    const value = answers[type];
    const result: Result<unknown> =
      value === undefined || value === null
        ? { ok: false, error: { code: 'internal', message: 'no background in this test' } }
        : { ok: true, value };
    const answer = Promise.resolve(result as never);
    return latencyMs ? tick(latencyMs).then(() => answer) : answer;
  };
  const listeners: Agent['listeners'] = new Set();
  const runtime: ContentRuntime = {
    id: EXTENSION_ID,
    onMessage: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
    sendMessage: () => Promise.reject(new Error('the harness sends through `send`')),
    getURL: (path) => (path === '/' ? `${location.origin}/` : FRAME_PAGE),
  };
  const controller = new AbortController();
  const start: StartAgent = ({ runtime: given, signal, alive, focused }) => {
    agent.starts++;
    return startAutofill({
      signal,
      alive,
      send,
      extensionUrl: (path) => given.getURL(path),
      isTopFrame,
      focused,
    });
  };
  const agent: Agent = {
    calls,
    answers,
    controller,
    listeners,
    loads: 0,
    starts: 0,
    push: (message, sender = { id: EXTENSION_ID }) => {
      for (const listener of [...listeners]) listener(message, sender);
    },
    typesSent: () => calls.map((c) => c.type),
  };
  startLoader({
    runtime,
    signal: controller.signal,
    alive: () => !controller.signal.aborted,
    load: () => {
      agent.loads++;
      return tick(loadMs).then(() => start);
    },
  });
  return agent;
}

export const LOGIN_FORM = `
  <form id="login" action="/nowhere" method="post">
    <label>Email <input id="user" name="username" type="email" autocomplete="username"></label>
    <label>Password <input id="pass" name="password" type="password" autocomplete="current-password"></label>
    <button id="go" type="submit">Sign in</button>
  </form>`;

/** Puts `html` in the test page; forms never navigate (the page's own handler, after ours in capture). */
export function page(html: string): void {
  document.body.innerHTML = html;
  for (const form of document.querySelectorAll('form'))
    form.addEventListener('submit', (event) => event.preventDefault());
}

export function $input(selector: string): HTMLInputElement {
  const input = document.querySelector(selector);
  if (!(input instanceof HTMLInputElement)) throw new Error(`no input ${selector}`);
  return input;
}

export const menuElement = (): Element | null => document.querySelector('latchkey-frame');

export const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (the agent's answers are promises), failing after `ms`. */
export async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out waiting');
    await tick(10);
  }
}
