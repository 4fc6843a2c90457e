import type { ContentSend } from './content-channel';
import { listenToBackground, type RuntimeLike } from './background-messages';
import { createFillTrigger } from './fill-trigger';
import { watchFieldFocus } from './field-focus';
import { createInlineMenu } from './inline-menu';
import { createSaveBar } from './save-bar';
import { watchSubmits } from './submit-watch';
import { createUserValues } from './user-values';

/**
 * The always-on autofill agent of one frame (lib/autofill/DESIGN.md). At start it only adds event listeners:
 * no detection, no observer, no timer, so a page without a login form pays nothing but a few listener calls
 * (DESIGN §7: ≤ 1 ms idle; nothing at all per DOM mutation). Detection runs on a trusted focus of a possible
 * login field, on a fill push, and on a submit after the user typed a password. Aborting `signal` removes
 * every listener, closes the menu and the save bar, and drops pending answers.
 */
export interface AutofillEnv {
  signal: AbortSignal;
  send: ContentSend;
  runtime: RuntimeLike;
  /** runtime.getURL: our pages' URLs for the frames. */
  extensionUrl(path: string): string;
  /** window === window.top: only the top frame shows the save bar. */
  isTopFrame: boolean;
}

export function startAutofill({ signal, send, runtime, extensionUrl, isTopFrame }: AutofillEnv): void {
  if (signal.aborted) return;
  const user = createUserValues();
  const menu = createInlineMenu(signal, extensionUrl);
  const fill = createFillTrigger(send, menu, user);
  const showSaveBar = createSaveBar(signal, extensionUrl, isTopFrame);

  // Trusted input only: typing, paste, the browser's own autofill (a page's synthetic events are not trusted).
  document.addEventListener('input', (event) => user.noteInput(event.composedPath()[0], event.isTrusted), {
    capture: true,
    signal,
  });
  watchFieldFocus(send, menu, signal);
  watchSubmits(send, user, signal);
  listenToBackground(
    runtime,
    (message) => {
      if (message.latchkey === 'fill') void fill(message.token, message.mode);
      else showSaveBar(message.promptId);
    },
    signal,
  );
}
