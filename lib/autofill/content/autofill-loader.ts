import { isPossibleLoginField } from '../detect/field-signals';
import type { AgentHandoff, ContentRuntime, StartAgent } from './agent-handoff';
import { listenToBackground } from './background-messages';
import { deepActiveElement, eventOrigin } from './focused-element';

/**
 * The always-on part of the autofill content script (lib/autofill/DESIGN.md, "The always-on script stays
 * idle"). At start it adds one focusin listener (capture) and runtime.onMessage, and nothing else: no
 * detection, observer or timer. It loads the agent (`load`: the import of autofill-agent.js) on the first of
 *
 * - a trusted focus of an <input> that could hold a username or password (isPossibleLoginField; an input in
 *   an open shadow root counts, eventOrigin), the agent then replays that focus;
 * - a push from our own background (background-messages.ts), which it hands to the agent;
 * - a possible login field that has the focus already when the loader starts (autofocus), so that its
 *   trusted input is watched before the user types in it.
 *
 * Once the agent has started, the loader's focusin listener is gone (the agent has its own) and every push
 * goes straight to the agent. A failed load (extension reloaded, import refused) leaves the page alone.
 */
export interface LoaderEnv {
  runtime: ContentRuntime;
  signal: AbortSignal;
  alive(): boolean;
  load(): Promise<StartAgent | undefined>;
}

export function startLoader({ runtime, signal, alive, load }: LoaderEnv): void {
  let focused: Element | null = null;
  let agent: Promise<((message: unknown) => void) | undefined> | undefined;
  const onFocus = (event: Event): void => {
    const field = eventOrigin(event);
    if (!event.isTrusted || !(field instanceof Element) || !isPossibleLoginField(field)) return;
    focused = field;
    start();
  };
  const start = (): NonNullable<typeof agent> =>
    // A failed import (or getURL throwing: the extension was reloaded) starts nothing, and is not retried.
    (agent ??= new Promise<StartAgent | undefined>((resolve) => resolve(alive() ? load() : undefined)).then(
      (startAgent) => {
        document.removeEventListener('focusin', onFocus, true);
        if (!startAgent || signal.aborted) return undefined;
        const handoff: AgentHandoff = { runtime, signal, alive, focused };
        return startAgent(handoff);
      },
      () => undefined,
    ));
  document.addEventListener('focusin', onFocus, { capture: true, signal });
  listenToBackground(runtime, (message) => void start().then((deliver) => deliver?.(message)), signal);
  if (isPossibleLoginField(deepActiveElement())) start();
}
