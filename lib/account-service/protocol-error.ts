import { AccountError } from '../account/errors';
import { ApiError, type ApiErrorCode } from '../api/api-error';
import { KdfParamsError } from '../crypto/errors';
import type { ErrorCode, ProtocolError } from '../messaging/protocol';

/**
 * Turns whatever an account operation threw into what the popup shows (lib/messaging/protocol.ts): a stable
 * code and a message written for the user. Domain errors keep their own wording (DESIGN §6); server answers
 * are said in plain words; anything unexpected becomes 'internal' with a generic message, so no stack trace,
 * server detail or secret ever reaches the UI.
 */

/** The AccountError codes (lib/account, recovery kit, this folder) that are protocol codes as they are. */
const ACCOUNT_CODES = new Set<string>([
  'not-latchkey',
  'damaged',
  'newer-version',
  'wrong-account',
  'outdated',
  'epoch-ahead',
  'wrong-password',
  'account-key-format',
  'wrong-recovery-kit',
  'not-signed-in',
  'invalid-credentials',
  'invalid-response',
] satisfies ErrorCode[]);

const GENERIC = 'Something went wrong in Latchkey. Try again; if it keeps happening, restart the browser.';

export function toProtocolError(error: unknown, context: { serverUrl?: string } = {}): ProtocolError {
  if (error instanceof AccountError && ACCOUNT_CODES.has(error.code)) {
    return { code: error.code as ErrorCode, message: error.message };
  }
  if (error instanceof ApiError) return fromApiError(error, context.serverUrl);
  if (error instanceof KdfParamsError) {
    // Only a server (or a kit) can hand the client out-of-range KDF parameters.
    return {
      code: 'invalid-response',
      message:
        'The server asked for key settings this version of Latchkey refuses to use. Check the server address.',
    };
  }
  return { code: 'internal', message: GENERIC };
}

function fromApiError(error: ApiError, serverUrl: string | undefined): ProtocolError {
  const plain = (code: ErrorCode, message: string): ProtocolError => ({ code, message });
  const code: ApiErrorCode = error.code;
  switch (code) {
    case 'network':
      return plain(
        'network',
        `Can't reach the Latchkey server${hostOf(serverUrl)}. Check your connection and the server address.`,
      );
    case 'rate-limited': {
      const seconds = error.retryAfter;
      return {
        code: 'rate-limited',
        message:
          seconds === undefined
            ? 'Too many attempts. Try again later.'
            : `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        ...(seconds === undefined ? {} : { retryAfter: seconds }),
      };
    }
    case 'session-revoked':
      return plain('session-revoked', 'This device was signed out from another device.');
    case 'password-changed':
      return plain(
        'password-changed',
        'Your password was changed on another device. Enter your new password.',
      );
    case 'session-expired':
      return plain('session-expired', 'Your session on this browser has expired. Sign in again.');
    case 'unauthorized':
      return plain(
        'not-signed-in',
        'This browser is no longer signed in to the account: it was signed out, or the account was reset. Sign in again.',
      );
    case 'invalid-credentials':
      return plain(
        'invalid-credentials',
        'The server did not accept these credentials. Check the email and try again.',
      );
    case 'email-taken':
      return plain(
        'email-taken',
        'An account with this email already exists. Sign in instead, or reset the account if you forgot its password.',
      );
    case 'invalid-reset-code':
      return plain(
        'invalid-reset-code',
        'This code is wrong or has expired. Check the email, or ask for a new code.',
      );
    case 'reauth-required':
      return plain('reauth-required', 'For your security, enter your password again to do this.');
    case 'recovery-not-set-up':
      return plain('recovery-not-set-up', 'This account has no Recovery Kit.');
    case 'conflict-epoch':
      return plain(
        'conflict-epoch',
        'The password was just changed on another device. Unlock with the new password, then try again.',
      );
    case 'mail-failed':
      return plain('mail-failed', 'The email could not be sent. Try again later.');
    case 'unavailable':
      return plain('unavailable', 'The Latchkey server is temporarily unavailable. Try again in a moment.');
    case 'invalid-response':
      return plain(
        'invalid-response',
        "The server's answer is not what Latchkey expects. Check the server address, or try again later.",
      );
    case 'origin-not-allowed':
    case 'bad-request':
    case 'unsupported-media-type':
    case 'forbidden-for-recovery-session':
    case 'not-found':
    case 'payload-too-large':
    case 'invalid-kit':
    case 'internal':
      // A client/server mismatch or a server fault: nothing the user can act on beyond retrying.
      return plain('internal', GENERIC);
  }
}

/** " at example.com:8787" (host only: never a path or query, which could carry anything). */
function hostOf(serverUrl: string | undefined): string {
  if (serverUrl === undefined) return '';
  try {
    return ` at ${new URL(serverUrl).host}`;
  } catch {
    return '';
  }
}
