/**
 * runtime.onMessage for the pushes of our own background (tabs.sendMessage): its sender has our extension id
 * and no tab, and the message is an object with a `latchkey` key. Anything else (another extension; a page
 * cannot reach this listener, but a message that is not one of ours is dropped all the same) is ignored. It
 * does not parse further: the always-on loader owns this listener and stays small, and the agent it hands the
 * message to parses it (parseToContent). It never answers: the background expects no response, and a listener
 * that returns nothing keeps the channel closed.
 */
export interface RuntimeLike {
  id: string;
  onMessage: {
    addListener(listener: OnMessage): void;
    removeListener(listener: OnMessage): void;
  };
}

type OnMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => undefined;

export function listenToBackground(
  runtime: RuntimeLike,
  handle: (message: object) => void,
  signal: AbortSignal,
): void {
  const listener: OnMessage = (message, sender) => {
    if (sender.id !== runtime.id || sender.tab !== undefined) return;
    // A primitive has no `latchkey` either; only an object can carry one.
    if ((message as { latchkey?: unknown } | null | undefined)?.latchkey !== undefined)
      handle(message as object);
  };
  runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => runtime.onMessage.removeListener(listener), { once: true });
}
