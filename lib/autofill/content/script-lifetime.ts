/**
 * How long the agent lives. WXT's ctx.signal aborts when the extension context is invalidated (reload,
 * update, removal), but also on a "newer copy of this script started" CustomEvent on `document`, named after
 * our extension id (wxt/utils/content-script-context, listenForNewerScripts): a page that learned the id (it
 * shows in resource timing once our frames load) can forge that event and switch autofill off on itself
 * (measured in Chromium 156 with the built extension). Harmless for secrets, but a page must not steer us, and
 * manifest content scripts never run twice in one document, so a ctx abort counts only when the context really
 * is gone. `alive()` is checked again before each message, so a later invalidation still ends the agent.
 */
export interface ScriptLifetime {
  signal: AbortSignal;
  /** Whether the extension context is still valid; ends the lifetime when it is not. */
  alive(): boolean;
}

export function scriptLifetime(wxtSignal: AbortSignal, extensionAlive: () => boolean): ScriptLifetime {
  const controller = new AbortController();
  const alive = (): boolean => {
    if (!controller.signal.aborted && !extensionAlive()) controller.abort();
    return !controller.signal.aborted;
  };
  if (wxtSignal.aborted) alive();
  else wxtSignal.addEventListener('abort', alive, { once: true, signal: controller.signal });
  return { signal: controller.signal, alive };
}
