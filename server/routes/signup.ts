import { randomUUID } from 'node:crypto';
import type { RouteDeps } from '../app-deps';
import { createRegistrationResponse } from '../opaque-server';
import { ProblemError } from '../problem';
import type { Router } from '../router';
import { issueSession } from '../sessions';
import { AccountExistsError, type NewAccount } from '../storage/storage';
import { sessionGrantWire } from '../wire';

/**
 * Sign-up: OPAQUE registration in two requests. The account id is chosen at the start and is the OPAQUE user
 * identifier, so the client can bind its wrapped keys to it before the account exists. Sign-up necessarily says
 * whether an email is taken; its rate limits keep that from being a cheap enumeration oracle.
 */
const SIGNUP_ATTEMPT_TTL_MS = 10 * 60_000;

export function registerSignupRoutes(router: Router, deps: RouteDeps): void {
  const { storage, clock, rateLimiter } = deps;

  router.on('signupStart', async ({ body, ip }) => {
    await rateLimiter.hit('signup:ip', ip);
    await rateLimiter.hit('signup:email', body.email);
    if ((await storage.getAccountByEmail(body.email)) !== null) throw emailTaken();
    const accountId = randomUUID();
    const registrationResponse = createRegistrationResponse(
      deps.secrets.opaqueServerSetup,
      accountId,
      body.registrationRequest,
    );
    const signupId = randomUUID();
    await storage.putSignupAttempt({
      id: signupId,
      accountId,
      email: body.email,
      expiresAt: new Date(clock.now().getTime() + SIGNUP_ATTEMPT_TTL_MS),
    });
    return { signupId, accountId, registrationResponse };
  });

  router.on('signupFinish', async ({ body }) => {
    const now = clock.now();
    const attempt = await storage.takeSignupAttempt(body.signupId, now);
    if (attempt === null)
      throw new ProblemError('not-found', 'This sign-up expired or was already finished; start again');
    const account: NewAccount = {
      id: attempt.accountId,
      email: attempt.email,
      createdAt: now,
      opaqueRecord: body.registrationRecord,
      recoveryOpaqueRecord: null,
      keyset: { ...body.keyset, recoveryWrappedVaultKey: null },
      keyEpoch: 1,
      keyEpochSince: now,
    };
    try {
      await storage.createAccount(account);
    } catch (error) {
      // Two sign-ups of one email raced; the first to finish wins.
      if (error instanceof AccountExistsError) throw emailTaken();
      throw error;
    }
    const { token, session } = await issueSession(storage, {
      accountId: account.id,
      kind: 'full',
      deviceName: body.deviceName,
      ttlMs: deps.config.sessionTtlDays * 86_400_000,
      now,
    });
    return sessionGrantWire({ ...account, revision: 0 }, token, session.expiresAt);
  });
}

function emailTaken(): ProblemError {
  return new ProblemError('email-taken', 'An account with this email exists; sign in or reset it');
}
