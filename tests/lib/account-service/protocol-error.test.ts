import { describe, expect, test } from 'vitest';
import {
  DamagedKitError,
  OutdatedKitError,
  WrongAccountError,
  WrongPasswordError,
} from '../../../lib/account/errors';
import { WrongRecoveryKitError } from '../../../lib/account/recovery-key';
import { RecoveryCodeFormatError } from '../../../lib/account/recovery-kit';
import {
  AccountChangedError,
  KeysetMismatchError,
  RecoveryKitGivenError,
  SignInAgainError,
} from '../../../lib/account-service/errors';
import { toProtocolError } from '../../../lib/account-service/protocol-error';
import { ApiError } from '../../../lib/api/api-error';
import { PROBLEM_CODES } from '../../../lib/api/problem-codes';
import { KdfParamsError } from '../../../lib/crypto/errors';

describe('toProtocolError', () => {
  test('account errors keep their code and their DESIGN §6 wording', () => {
    const date = new Date('2026-11-21T08:00:00Z');
    for (const error of [
      new WrongPasswordError(),
      new WrongAccountError('j•••@example.com'),
      new OutdatedKitError(date, 1, 2),
      new DamagedKitError('checksum'),
      new WrongRecoveryKitError(),
      new RecoveryCodeFormatError('This recovery code has a typo.'),
      new SignInAgainError(),
      new AccountChangedError(),
      new KeysetMismatchError(),
      new RecoveryKitGivenError(),
    ]) {
      expect(toProtocolError(error)).toEqual({ code: error.code, message: error.message });
    }
    expect(toProtocolError(new OutdatedKitError(date, 1, 2)).message).toBe(
      'This QR code is outdated: it was created before your password was changed on November 21, 2026. Use the newest one.',
    );
  });

  test('server answers in plain words', () => {
    const cases: [ApiError, string, string][] = [
      [
        new ApiError(401, 'session-revoked', 'x'),
        'session-revoked',
        'This device was signed out from another device.',
      ],
      [
        new ApiError(401, 'password-changed', 'x'),
        'password-changed',
        'Your password was changed on another device. Enter your new password.',
      ],
      [
        new ApiError(401, 'unauthorized', 'x'),
        'not-signed-in',
        expect.stringContaining('Sign in again') as string,
      ],
      [
        new ApiError(409, 'email-taken', 'x'),
        'email-taken',
        expect.stringContaining('already exists') as string,
      ],
      [
        new ApiError(503, 'unavailable', 'x'),
        'unavailable',
        expect.stringContaining('temporarily') as string,
      ],
    ];
    for (const [error, code, message] of cases) expect(toProtocolError(error)).toEqual({ code, message });
  });

  test('network: names the server host only', () => {
    const error = new ApiError(0, 'network', 'fetch failed (ECONNREFUSED 10.0.0.1:8787)');
    expect(
      toProtocolError(error, { serverUrl: 'https://sync.example.com:8443/some/path?token=abc' }),
    ).toEqual({
      code: 'network',
      message:
        "Can't reach the Latchkey server at sync.example.com:8443. Check your connection and the server address.",
    });
    expect(toProtocolError(error).message).toBe(
      "Can't reach the Latchkey server. Check your connection and the server address.",
    );
  });

  test('rate-limited: says when to retry, and passes retryAfter on', () => {
    expect(toProtocolError(new ApiError(429, 'rate-limited', 'x', 42))).toEqual({
      code: 'rate-limited',
      message: 'Too many attempts. Try again in 42 seconds.',
      retryAfter: 42,
    });
    expect(toProtocolError(new ApiError(429, 'rate-limited', 'x', 1)).message).toBe(
      'Too many attempts. Try again in 1 second.',
    );
    expect(toProtocolError(new ApiError(429, 'rate-limited', 'x'))).toEqual({
      code: 'rate-limited',
      message: 'Too many attempts. Try again later.',
    });
  });

  test('every server problem code has an answer, and none repeats the server detail', () => {
    for (const code of [...PROBLEM_CODES, 'network', 'invalid-response'] as const) {
      const result = toProtocolError(new ApiError(400, code, 'SECRET-DETAIL from the server'));
      expect(result.message.length).toBeGreaterThan(10);
      expect(result.message).not.toContain('SECRET-DETAIL');
    }
  });

  test('KDF parameters a server should never send are an invalid response', () => {
    expect(toProtocolError(new KdfParamsError('Argon2id memoryKiB=1 is below the minimum')).code).toBe(
      'invalid-response',
    );
  });

  test('anything unexpected is internal, with a generic message that leaks nothing', () => {
    for (const error of [
      new Error('token=abc123 at /work/main/lib/x.ts:10'),
      new TypeError('x is undefined'),
      'a string',
      undefined,
      { code: 'wrong-password', message: 'looks like one but is not' },
    ]) {
      const result = toProtocolError(error);
      expect(result.code).toBe('internal');
      expect(result.message).not.toMatch(/abc123|\/work|undefined|looks like/);
    }
  });
});
