import { browser } from 'wxt/browser';
import type { MessageType, RequestInput, ResponseOf, Result } from './protocol';

/**
 * How extension pages (the popup, the scan tab) talk to the background: one typed call per protocol message.
 * It never throws: a background that is gone, or an answer that is not a Result, comes back as an `internal`
 * error the popup can show like any other.
 */

/** Shown when the service worker or event page did not answer at all. */
export const BACKGROUND_GONE_MESSAGE =
  "Latchkey's background stopped responding. Close and reopen the popup.";

/** Delivers one envelope to the background and resolves with its answer (runtime.sendMessage). */
export type MessageTransport = (envelope: { type: MessageType; request: unknown }) => Promise<unknown>;

export type SendMessage = <T extends MessageType>(
  type: T,
  request: RequestInput<T>,
) => Promise<Result<ResponseOf<T>>>;

export function createSendMessage(transport: MessageTransport): SendMessage {
  return async <T extends MessageType>(type: T, request: RequestInput<T>) => {
    let answer: unknown;
    try {
      answer = await transport({ type, request });
    } catch {
      // "Could not establish connection. Receiving end does not exist." and the like: nothing to tell
      // the user beyond what to do about it.
      return backgroundGone();
    }
    // The router only ever answers Results; anything else means no router answered (undefined) or a bug.
    return isResult(answer) ? (answer as Result<ResponseOf<T>>) : backgroundGone();
  };
}

/** For extension pages. runtime is read at call time: importing this module touches no browser API. */
export const sendMessage: SendMessage = createSendMessage((envelope) =>
  browser.runtime.sendMessage(envelope),
);

function backgroundGone(): Result<never> {
  return { ok: false, error: { code: 'internal', message: BACKGROUND_GONE_MESSAGE } };
}

function isResult(answer: unknown): answer is Result<unknown> {
  if (typeof answer !== 'object' || answer === null || !('ok' in answer)) return false;
  if (answer.ok === true) return 'value' in answer;
  if (answer.ok !== false || !('error' in answer)) return false;
  const error = answer.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof (error as { code: unknown }).code === 'string' &&
    'message' in error &&
    typeof (error as { message: unknown }).message === 'string'
  );
}
