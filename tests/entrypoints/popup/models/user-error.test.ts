import { describe, expect, test } from 'vitest';
import {
  changesAccountState,
  fromProtocolError,
  retryText,
} from '../../../../entrypoints/popup/models/user-error';

describe('user errors', () => {
  test('says when to retry a rate-limited or unavailable request, rounding up', () => {
    expect(retryText(1)).toBe('Try again in 1 second.');
    expect(retryText(0.2)).toBe('Try again in 1 second.');
    expect(retryText(45)).toBe('Try again in 45 seconds.');
    expect(retryText(61)).toBe('Try again in 2 minutes.');
    expect(retryText(3600)).toBe('Try again in 1 hour.');
    expect(retryText(3601)).toBe('Try again in 2 hours.');
    expect(retryText(0)).toBeNull();
    expect(retryText(Number.NaN)).toBeNull();
  });

  test('keeps the background message as is and appends the retry time', () => {
    expect(
      fromProtocolError(
        { code: 'rate-limited', message: 'Too many attempts.', retryAfter: 90 },
        'sign-in-email',
      ),
    ).toEqual({
      code: 'rate-limited',
      message: 'Too many attempts. Try again in 2 minutes.',
      field: 'sign-in-email',
    });
    expect(fromProtocolError({ code: 'wrong-password', message: 'Incorrect password' })).toEqual({
      code: 'wrong-password',
      message: 'Incorrect password',
    });
  });

  test('knows which failures mean the account moved under the popup', () => {
    for (const code of [
      'session-revoked',
      'locked',
      'not-signed-in',
      'password-changed',
      'session-expired',
    ] as const) {
      expect(changesAccountState({ code, message: '' })).toBe(true);
    }
    for (const code of ['wrong-password', 'network', 'rate-limited', 'outdated', 'input'] as const) {
      expect(changesAccountState({ code, message: '' })).toBe(false);
    }
  });
});
