import { parseToContent, type ToContent } from '../content-messages';

/**
 * runtime.onMessage for the pushes of our own background (tabs.sendMessage): its sender has our extension id
 * and no tab. Anything else (another extension; a page cannot reach this listener, but a message that is not
 * one of ours is dropped all the same) is ignored, and so is any shape parseToContent does not accept. It never
 * answers: the background expects no response, and a listener that returns nothing keeps the channel closed.
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
  handle: (message: ToContent) => void,
  signal: AbortSignal,
): void {
  const listener: OnMessage = (message, sender) => {
    if (sender.id !== runtime.id || sender.tab !== undefined) return;
    const parsed = parseToContent(message);
    if (parsed) handle(parsed);
  };
  runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => runtime.onMessage.removeListener(listener), { once: true });
}
