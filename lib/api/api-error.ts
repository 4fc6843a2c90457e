import * as v from 'valibot';
import { isProblemCode, type ProblemCode } from './problem-codes';

/**
 * What a failed API call is, for the client: the server's problem code, or one of the two failures that never
 * reach the server's error handler (the network, or a response that is not what the API defines).
 */
export type ApiErrorCode = ProblemCode | 'network' | 'invalid-response';

/**
 * application/problem+json as the server writes it (RFC 9457 plus our `code` and `retryAfter`). Not strict:
 * problem documents may gain members, and an error must still be readable when they do.
 */
export const ProblemSchema = v.object({
  type: v.pipe(v.string(), v.maxLength(200)),
  title: v.pipe(v.string(), v.maxLength(200)),
  status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
  code: v.pipe(v.string(), v.maxLength(64)),
  detail: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  /** Seconds, for rate-limited. */
  retryAfter: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export type Problem = v.InferOutput<typeof ProblemSchema>;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly detail: string,
    /** Seconds to wait before retrying (rate-limited, and Retry-After on other answers). */
    readonly retryAfter?: number,
  ) {
    super(`${code} (${status}): ${detail}`);
  }

  /** Reads a problem document; anything else becomes `invalid-response` with the status kept. */
  static fromProblem(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
    const parsed = v.safeParse(ProblemSchema, body);
    if (!parsed.success || !isProblemCode(parsed.output.code)) {
      return new ApiError(status, 'invalid-response', `Unexpected error response (HTTP ${status})`);
    }
    const { code, detail, title, retryAfter } = parsed.output;
    return new ApiError(status, code, detail ?? title, retryAfter ?? parseRetryAfter(retryAfterHeader));
  }
}

/** Retry-After in delta-seconds (RFC 9110 §10.2.3); the HTTP-date form is not used by this server. */
function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d{1,9}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}
