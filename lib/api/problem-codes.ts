/**
 * Every failure the client must tell apart, with its HTTP status. The server answers each with
 * application/problem+json carrying this `code` (RFC 9457 allows extension members); clients branch on the code,
 * never on the status or the wording. Adding a code is a protocol change: add it here first.
 */
export const PROBLEMS = {
  /** Bad JSON, wrong type, unknown field, value out of range; `detail` names the field. */
  'bad-request': { status: 400, title: 'Bad request' },
  /** A body that is not application/json (it would also let a web page skip the CORS preflight). */
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  /** No bearer token, or one the server does not know. */
  unauthorized: { status: 401, title: 'Not signed in' },
  'session-expired': { status: 401, title: 'Session expired' },
  /** The device was signed out from another device (DESIGN §6 "session revoked"). */
  'session-revoked': { status: 401, title: 'Session revoked' },
  /** The password was changed elsewhere: ask for the NEW password (DESIGN §1). */
  'password-changed': { status: 401, title: 'Password changed on another device' },
  /** Login or recovery login failed; the same whether the email exists or not. */
  'invalid-credentials': { status: 401, title: 'Invalid credentials' },
  /** A request from a web origin that is not one of the extension's. */
  'origin-not-allowed': { status: 403, title: 'Origin not allowed' },
  /** The action needs a session from a login in the last few minutes: sign in again, then retry. */
  'reauth-required': { status: 403, title: 'Sign in again to continue' },
  /** A recovery session may only set a new password. */
  'forbidden-for-recovery-session': { status: 403, title: 'Not allowed with a recovery session' },
  'not-found': { status: 404, title: 'Not found' },
  'email-taken': { status: 409, title: 'Email already registered' },
  /** The key epoch moved (the password was changed concurrently): reload the account and start over. */
  'conflict-epoch': { status: 409, title: 'Password was changed concurrently' },
  'recovery-not-set-up': { status: 409, title: 'No Recovery Kit is set up' },
  'payload-too-large': { status: 413, title: 'Request too large' },
  /** `retryAfter` (seconds) is in the body and in the Retry-After header. */
  'rate-limited': { status: 429, title: 'Too many requests' },
  'invalid-reset-code': { status: 400, title: 'Invalid or expired reset code' },
  /** The kit email was asked for a payload that is not this account's current Authentication Kit. */
  'invalid-kit': { status: 400, title: 'Not this account’s current Authentication Kit' },
  'mail-failed': { status: 502, title: 'Email could not be sent' },
  /** The server is shutting down or its database is unreachable: retry later. */
  unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal server error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEMS, value);
}

/** The problem `type` URI (RFC 9457 §3.1.1): a URN, since there is no public page per problem. */
export function problemType(code: ProblemCode): string {
  return `urn:latchkey:problem:${code}`;
}
