import type { ErrorCode, ProtocolError } from '../../../lib/messaging/protocol';

/**
 * What the popup shows in a form's alert: a message written for the user, an optional hint (what to try
 * next), and the field to move focus to so the user can fix it without retyping anything else.
 */
export interface UserError {
  /** The background's code, or 'input' for a check the popup made before sending anything. */
  code: ErrorCode | 'input' | 'file';
  message: string;
  hint?: string;
  /** The id of the input to focus (the screens give their inputs stable ids). */
  field?: string;
}

export function inputError(field: string, message: string): UserError {
  return { code: 'input', message, field };
}

/** A background failure in words, with when to retry if the server said (rate limits, outages). */
export function fromProtocolError(error: ProtocolError, field?: string): UserError {
  const retry = error.retryAfter === undefined ? null : retryText(error.retryAfter);
  return {
    code: error.code,
    message: retry === null ? error.message : `${error.message} ${retry}`,
    ...(field === undefined ? {} : { field }),
  };
}

/** "Try again in 40 seconds." / "Try again in 3 minutes." (rounded up: never invite a retry too early). */
export function retryText(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  if (seconds < 60) {
    const s = Math.ceil(seconds);
    return `Try again in ${s} second${s === 1 ? '' : 's'}.`;
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  const hours = Math.ceil(minutes / 60);
  return `Try again in ${hours} hour${hours === 1 ? '' : 's'}.`;
}

/**
 * Failures that mean the account is no longer where the screen thought it was (signed out elsewhere, locked
 * by the timer, password changed elsewhere): the app re-reads the status and shows the right screen.
 */
const STATE_CHANGING: ReadonlySet<ErrorCode | 'input' | 'file'> = new Set([
  'not-signed-in',
  'locked',
  'session-revoked',
  'session-expired',
  'password-changed',
  'no-sign-in-in-progress',
  'already-signed-in',
]);

export function changesAccountState(error: UserError): boolean {
  return STATE_CHANGING.has(error.code);
}
