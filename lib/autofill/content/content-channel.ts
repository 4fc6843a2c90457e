import type { MessageType, RequestInput, ResponseOf, Result } from '../../messaging/protocol';

/**
 * The content script's side of lib/messaging/protocol.ts: the three `content` messages and nothing else, in
 * the `{ type, request }` envelope the router expects. Types only are imported from the protocol: its valibot
 * schemas stay out of the always-on script (DESIGN §7, ≤ 30 KB), and the background validates anyway.
 *
 * It never throws: a background that is gone, an extension that was reloaded or removed ("Extension context
 * invalidated", thrown synchronously by Chrome), or an answer that is not a Result all come back as a failure
 * value, which every caller treats as "do nothing".
 */
export type ContentMessageType = Extract<
  MessageType,
  'autofill.candidates' | 'autofill.fill' | 'autofill.submitted'
>;

export type ContentSend = <T extends ContentMessageType>(
  type: T,
  request: RequestInput<T>,
) => Promise<Result<ResponseOf<T>>>;

/** runtime.sendMessage, passed in so this module touches no browser API at import (and tests can fake it). */
export type ContentTransport = (envelope: { type: ContentMessageType; request: unknown }) => unknown;

const GONE: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'The Latchkey background did not answer.' },
};

export function createContentSend(transport: ContentTransport): ContentSend {
  return async (type, request) => {
    try {
      const answer: unknown = await transport({ type, request });
      return isResult(answer) ? (answer as Result<never>) : GONE;
    } catch {
      return GONE;
    }
  };
}

function isResult(answer: unknown): answer is Result<unknown> {
  if (typeof answer !== 'object' || answer === null) return false;
  const { ok, error } = answer as { ok?: unknown; error?: unknown };
  return ok === true ? 'value' in answer : ok === false && typeof error === 'object' && error !== null;
}
