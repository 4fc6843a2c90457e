import type { ErrorCode, ProtocolError, Result } from '../messaging/protocol';

/** The two shapes every handler answers (lib/messaging/protocol.ts). */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(code: ErrorCode, message: string, extra: Partial<ProtocolError> = {}): Result<never> {
  return { ok: false, error: { ...extra, code, message } };
}
