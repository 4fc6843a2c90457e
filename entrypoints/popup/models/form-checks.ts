import { isPlausibleEmail } from '../../../lib/account/email';
import { inputError, type UserError } from './user-error';

/**
 * Checks the popup makes before sending anything, so a typo is pointed at its field at once. The background
 * validates everything again (it trusts no page); these only save the user a round trip.
 */
export function checkServerUrl(value: string, field: string): UserError | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return inputError(field, 'Enter the server address, like https://sync.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return inputError(field, 'The server address must start with https://');
  }
  return null;
}

export function checkEmail(value: string, field: string): UserError | null {
  return isPlausibleEmail(value)
    ? null
    : inputError(field, 'Enter your email address, like name@example.com');
}

export function checkRequired(value: string, field: string, message: string): UserError | null {
  return value.length > 0 ? null : inputError(field, message);
}

/** The first failed check, in the order the fields appear on screen. */
export function firstError(...checks: (() => UserError | null)[]): UserError | null {
  for (const check of checks) {
    const error = check();
    if (error !== null) return error;
  }
  return null;
}

/** Server failures that are about the Server field (a typo in the address, or the server being down). */
const SERVER_CODES = new Set<string>(['bad-server-url', 'network', 'invalid-response', 'unavailable']);

export function isServerProblem(code: string): boolean {
  return SERVER_CODES.has(code);
}
