import type { RouteDeps } from '../app-deps';
import { composeResetEmail } from '../mail/reset-email';
import { ProblemError } from '../problem';
import {
  generateResetCode,
  hashResetCode,
  normalizeResetCode,
  RESET_CODE_MAX_ATTEMPTS,
  RESET_CODE_TTL_MS,
  resetCodeHashesMatch,
} from '../reset-codes';
import type { Router } from '../router';

/**
 * Account reset (DESIGN §1 "Forgot password"): no backdoor, so the only way back without a Recovery Kit is to
 * wipe the account and start over. The start answers 202 whatever the email; for a real account the code is
 * stored and mailed AFTER the answer (in the background), so neither the answer nor its timing says whether the
 * email has an account. The finish wipes everything of the account, and the email can sign up again.
 */
export function registerResetRoutes(router: Router, deps: RouteDeps): void {
  const { storage, clock, rateLimiter, lifecycle } = deps;
  const key = deps.secrets.keys.resetCodes;

  router.on('resetStart', async ({ body, ip }) => {
    await rateLimiter.hit('reset-start:ip', ip);
    await rateLimiter.hit('reset-start:email', body.email);
    const account = await storage.getAccountByEmail(body.email);
    if (account !== null) {
      lifecycle.runInBackground('reset email', async () => {
        const now = clock.now();
        const code = generateResetCode();
        const expiresAt = new Date(now.getTime() + RESET_CODE_TTL_MS);
        // Replaces any earlier code: only the newest email works.
        await storage.putResetCode({
          accountId: account.id,
          codeHash: hashResetCode(key, account.id, code),
          expiresAt,
          attempts: 0,
        });
        await deps.mailer.send(composeResetEmail({ to: account.email, code, expiresAt, now }));
      });
    }
    return null;
  });

  router.on('resetFinish', async ({ body, ip }) => {
    await rateLimiter.hit('reset-finish:ip', ip);
    await rateLimiter.hit('reset-finish:email', body.email);
    const invalid = new ProblemError(
      'invalid-reset-code',
      'This code is wrong or expired; ask for a new one',
    );
    const account = await storage.getAccountByEmail(body.email);
    const stored = account && (await storage.getResetCode(account.id));
    if (!account || !stored || stored.expiresAt.getTime() <= clock.now().getTime()) throw invalid;
    const typed = normalizeResetCode(body.code);
    if (typed === null || !resetCodeHashesMatch(hashResetCode(key, account.id, typed), stored.codeHash)) {
      // Five wrong tries void the code: a guesser gets 5 chances in 2^50 per email sent.
      if ((await storage.bumpResetAttempts(account.id)) >= RESET_CODE_MAX_ATTEMPTS) {
        await storage.deleteResetCode(account.id);
      }
      throw invalid;
    }
    await storage.deleteAccount(account.id);
    deps.logger.info('account reset');
    return null;
  });
}
