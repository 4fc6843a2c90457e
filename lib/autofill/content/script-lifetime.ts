/**
 * How long the agent lives: until the extension context is invalidated (the extension is reloaded, updated or
 * removed while the page stays open; Chrome keeps the old script running, with `runtime.id` gone). Nothing
 * tells a content script that this happened, so the agent asks: `alive()` runs before each message to the
 * background and when a login field gets the focus, and once the context is gone it aborts `signal`, which
 * removes every listener. Only the browser's own state ends it: no page event, message or DOM change can.
 */
export interface ScriptLifetime {
  signal: AbortSignal;
  /** Whether the extension context is still valid; ends the lifetime when it is not. */
  alive(): boolean;
}

export function scriptLifetime(extensionAlive: () => boolean): ScriptLifetime {
  const controller = new AbortController();
  const alive = (): boolean => {
    if (!controller.signal.aborted && !extensionAlive()) controller.abort();
    return !controller.signal.aborted;
  };
  alive();
  return { signal: controller.signal, alive };
}
