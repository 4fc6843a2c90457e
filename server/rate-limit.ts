import type { Clock } from './app-deps';
import { ProblemError } from './problem';
import { hmac } from './server-secrets';
import type { Storage } from './storage/storage';

/**
 * Rate limits on the endpoints that can be abused without a session (guessing, enumeration, mail bombing) and on
 * the kit email. Fixed windows counted in storage, so every instance behind a load balancer shares the counts.
 * Each endpoint is limited per client IP address (one attacker) and per email or account (one victim).
 *
 * The figures allow a person's worst day — retyping a password, asking twice for a code — with room to spare,
 * and cap a bot. Online password guessing is hopeless anyway (the login secret needs the 160-bit Account Key),
 * so login limits protect the server's CPU (OPAQUE) rather than the password.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const RATE_RULES = {
  'prelogin:ip': { limit: 60, windowMs: MINUTE },
  'prelogin:email': { limit: 20, windowMs: MINUTE },
  'signup:ip': { limit: 10, windowMs: HOUR },
  'signup:email': { limit: 5, windowMs: HOUR },
  'login:ip': { limit: 30, windowMs: MINUTE },
  'login:email': { limit: 10, windowMs: MINUTE },
  'recovery-login:ip': { limit: 10, windowMs: MINUTE },
  'recovery-login:email': { limit: 5, windowMs: 15 * MINUTE },
  // Each one sends an email: tight, so the server cannot be used to flood someone's mailbox.
  'reset-start:ip': { limit: 10, windowMs: HOUR },
  'reset-start:email': { limit: 3, windowMs: HOUR },
  // The 5-failure limit per code is the real guard against guessing; this bounds codes × attempts.
  'reset-finish:ip': { limit: 30, windowMs: HOUR },
  'reset-finish:email': { limit: 10, windowMs: HOUR },
  'kit-email:ip': { limit: 20, windowMs: HOUR },
  'kit-email:account': { limit: 5, windowMs: HOUR },
} as const satisfies Record<string, { limit: number; windowMs: number }>;

export type RateRuleName = keyof typeof RATE_RULES;

export interface RateLimiter {
  /** Counts one hit; throws ProblemError('rate-limited') with the seconds until the window ends when over. */
  hit(rule: RateRuleName, subject: string): Promise<void>;
}

export function createRateLimiter(deps: {
  storage: Storage;
  clock: Clock;
  key: Buffer;
  multiplier: number;
}): RateLimiter {
  return {
    async hit(rule, subject) {
      const { limit, windowMs } = RATE_RULES[rule];
      const now = deps.clock.now();
      // Counters are filed under a keyed hash: the table never lists who tried to sign in from where.
      const key = `${rule}:${hmac(deps.key, rule, subject).subarray(0, 16).toString('base64url')}`;
      const hits = await deps.storage.hitRateLimit(key, windowMs, now);
      if (hits <= limit * deps.multiplier) return;
      // Windows are aligned to multiples of windowMs (storage.ts); the client may retry when this one ends.
      const retryAfter = Math.max(1, Math.ceil((windowMs - (now.getTime() % windowMs)) / 1000));
      throw new ProblemError('rate-limited', `Too many requests; retry in ${retryAfter} s`, retryAfter);
    },
  };
}
