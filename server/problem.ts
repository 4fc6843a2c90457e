import { PROBLEMS, problemType, type ProblemCode } from '../lib/api/problem-codes';

/**
 * Errors as application/problem+json (RFC 9457) with the stable `code` of lib/api/problem-codes.ts. Route code
 * throws a ProblemError for an expected failure; the app's error handler turns it into the response, so a
 * failure path cannot forget the format or the status.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly code: ProblemCode,
    /** For the client developer: what was wrong, naming the field. Never echoes secrets or input values. */
    readonly detail?: string,
    /** Seconds, for rate-limited (body member and Retry-After header). */
    readonly retryAfter?: number,
  ) {
    super(detail === undefined ? code : `${code}: ${detail}`);
  }
}

export function problemResponse(code: ProblemCode, detail?: string, retryAfter?: number): Response {
  const { status, title } = PROBLEMS[code];
  const body = { type: problemType(code), title, status, code, detail: detail ?? title, retryAfter };
  const headers = new Headers({ 'content-type': 'application/problem+json' });
  if (retryAfter !== undefined) headers.set('retry-after', String(retryAfter));
  // The body was not read to its end: the connection cannot carry another request.
  if (code === 'payload-too-large') headers.set('connection', 'close');
  return new Response(JSON.stringify(body), { status, headers });
}
