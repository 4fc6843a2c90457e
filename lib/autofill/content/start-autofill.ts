import { isPossibleLoginField } from '../detect-login-forms';
import { parseToContent } from '../content-messages';
import type { ContentSend } from './content-channel';
import { createFillTrigger } from './fill-trigger';
import { watchFieldFocus } from './field-focus';
import { deepActiveElement, eventOrigin } from './focused-element';
import { createInlineMenu } from './inline-menu';
import { createSaveBar } from './save-bar';
import { watchSubmits } from './submit-watch';
import { createUserValues } from './user-values';

/**
 * The autofill agent of one frame (lib/autofill/DESIGN.md), started by the always-on loader
 * (autofill-loader.ts) when a possible login field gets a trusted focus, a push from our background arrives, or
 * a possible login field has the focus at start. At start it adds two listeners (focusin and submit in the
 * capture phase; the loader keeps runtime.onMessage and hands each push to the function this returns): no
 * detection, no observer, no timer, and nothing that runs per click or keystroke. Detection runs on a trusted
 * focus of a possible login field (including the one that made the loader load it: `focused`, replayed if it
 * still has the focus), on a fill push, and on a submit after the user typed a password. Once a login field has
 * had the focus (or has it at start, or a fill was asked for), the agent also watches trusted input, clicks and
 * Enter, for the save prompt. Aborting `signal` removes every listener, closes the menu and the save bar, and
 * drops pending answers.
 */
export interface AutofillEnv {
  signal: AbortSignal;
  /** Whether the extension context is still valid (script-lifetime.ts): asked when a login field gets the focus. */
  alive?: () => boolean;
  send: ContentSend;
  /** The field whose trusted focus made the loader start the agent (AgentHandoff.focused), if any. */
  focused?: Element | null;
  /** runtime.getURL: our pages' URLs for the frames. */
  extensionUrl(path: string): string;
  /** window === window.top: only the top frame shows the save bar. */
  isTopFrame: boolean;
}

/** Returns the handler of our background's pushes (unparsed: parseToContent decides). */
export function startAutofill(env: AutofillEnv): (message: unknown) => void {
  const { signal, alive = () => true, send, focused = null, extensionUrl, isTopFrame } = env;
  if (signal.aborted) return () => undefined;
  const user = createUserValues();
  const menu = createInlineMenu(signal, extensionUrl);
  const fill = createFillTrigger(send, menu, user);
  const showSaveBar = createSaveBar(signal, extensionUrl, isTopFrame);
  const watchClicksAndKeys = watchSubmits(send, user, signal);

  let watchingInput = false;
  const loginFieldFocused = (): void => {
    if (watchingInput || !alive() || signal.aborted) return;
    watchingInput = true;
    // Trusted input only: typing, paste, the browser's own autofill (a page's synthetic events are not
    // trusted). This starts at the latest on the focus of the password field, i.e. before the user types in it.
    document.addEventListener('input', (event) => user.noteInput(eventOrigin(event), event.isTrusted), {
      capture: true,
      signal,
    });
    watchClicksAndKeys();
  };

  const trustedFocus = watchFieldFocus(send, menu, signal, loginFieldFocused);
  const active = deepActiveElement();
  // The trusted focus the loader saw, if that field still has it: handled as the agent's own focusin would.
  if (focused !== null && active === focused) trustedFocus(focused);
  // A field focused before the script ran (autofocus; document_idle), or since without a focusin the agent
  // saw: no detection here, just the (cheap) input watch, in case it is a login field.
  else if (isPossibleLoginField(active)) loginFieldFocused();
  return (pushed) => {
    const message = parseToContent(pushed);
    if (!message || signal.aborted) return;
    if (message.latchkey === 'fill') {
      loginFieldFocused();
      void fill(message.token, message.mode);
    } else showSaveBar(message.promptId);
  };
}
