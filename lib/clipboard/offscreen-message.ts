/**
 * The one message between Chrome's background and its offscreen document (entrypoints/offscreen): "write '' to
 * the clipboard". It is not a protocol message (lib/messaging/protocol.ts lists what pages and content scripts
 * send TO the background; this one goes the other way, and a context never receives its own runtime messages).
 * Every extension page also sees it, so it carries its own target; the popup and scan pages have no listener.
 * It carries no text: the background never has what was copied.
 */

export const OFFSCREEN_TARGET = 'latchkey-offscreen';

export interface OffscreenClearRequest {
  target: typeof OFFSCREEN_TARGET;
  action: 'clear-clipboard';
}

export type OffscreenClearAnswer = { cleared: true } | { cleared: false; error: string };

export const OFFSCREEN_CLEAR_REQUEST: OffscreenClearRequest = {
  target: OFFSCREEN_TARGET,
  action: 'clear-clipboard',
};

export function isOffscreenClearRequest(message: unknown): message is OffscreenClearRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { target, action } = message as Record<string, unknown>;
  return target === OFFSCREEN_TARGET && action === 'clear-clipboard';
}

/** The document's answer, read from `unknown` (a missing listener answers undefined). */
export function parseOffscreenClearAnswer(answer: unknown): OffscreenClearAnswer {
  if (typeof answer === 'object' && answer !== null) {
    const { cleared, error } = answer as Record<string, unknown>;
    if (cleared === true) return { cleared: true };
    if (cleared === false && typeof error === 'string') return { cleared: false, error: error.slice(0, 200) };
  }
  return { cleared: false, error: 'the offscreen document did not answer' };
}
