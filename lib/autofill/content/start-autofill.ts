import { isPossibleLoginField } from '../detect-login-forms';
import type { ContentSend } from './content-channel';
import { listenToBackground, type RuntimeLike } from './background-messages';
import { createFillTrigger } from './fill-trigger';
import { watchFieldFocus } from './field-focus';
import { deepActiveElement, eventOrigin } from './focused-element';
import { createInlineMenu } from './inline-menu';
import { createSaveBar } from './save-bar';
import { watchSubmits } from './submit-watch';
import { createUserValues } from './user-values';

/**
 * The always-on autofill agent of one frame (lib/autofill/DESIGN.md). At start it only adds three listeners
 * (focusin and submit in the capture phase, runtime.onMessage): no detection, no observer, no timer, and
 * nothing that runs per click or keystroke, so a page without a login form pays one listener call per focus
 * change (DESIGN §7: ≤ 1 ms idle; nothing at all per DOM mutation). Detection runs on a trusted focus of a
 * possible login field, on a fill push, and on a submit after the user typed a password. Once a login field has
 * had the focus (or has it at start, or a fill was asked for), the agent also watches trusted input, clicks and
 * Enter, for the save prompt. Aborting `signal` removes every listener, closes the menu and the save bar, and
 * drops pending answers.
 */
export interface AutofillEnv {
  signal: AbortSignal;
  /** Whether the extension context is still valid (script-lifetime.ts): asked when a login field gets the focus. */
  alive?: () => boolean;
  send: ContentSend;
  runtime: RuntimeLike;
  /** runtime.getURL: our pages' URLs for the frames. */
  extensionUrl(path: string): string;
  /** window === window.top: only the top frame shows the save bar. */
  isTopFrame: boolean;
}

export function startAutofill(env: AutofillEnv): void {
  const { signal, alive = () => true, send, runtime, extensionUrl, isTopFrame } = env;
  if (signal.aborted) return;
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

  watchFieldFocus(send, menu, signal, loginFieldFocused);
  // A field focused before the script ran (autofocus; document_idle) gets no focusin: no detection here,
  // just the (cheap) input watch, in case it is a login field.
  if (isPossibleLoginField(deepActiveElement())) loginFieldFocused();
  listenToBackground(
    runtime,
    (message) => {
      if (message.latchkey === 'fill') {
        loginFieldFocused();
        void fill(message.token, message.mode);
      } else showSaveBar(message.promptId);
    },
    signal,
  );
}
