import type { RouteDeps } from '../app-deps';
import { finishOpaqueLogin, startOpaqueLogin } from '../opaque-login';
import { createRegistrationResponse } from '../opaque-server';
import { ProblemError } from '../problem';
import type { Router } from '../router';
import { requireFreshLogin } from '../session-auth';
import { issueSession, RECOVERY_SESSION_TTL_MS } from '../sessions';
import { keysetWire } from '../wire';

/**
 * The Recovery Kit (DESIGN §2): a second OPAQUE registration under the user identifier "<accountId>:recovery".
 * Setting it up or removing it needs a fresh login, like a password change: registering one's own recovery
 * login is as good as knowing the password. Its login yields a short recovery session that can only change the
 * password; the server can no more use the kit than the password (it only holds an OPAQUE record and a wrap).
 */
export function registerRecoveryRoutes(router: Router, deps: RouteDeps): void {
  const { storage, clock, rateLimiter } = deps;

  router.on('recoveryRegisterStart', async ({ body, session }) => {
    requireFreshLogin(session, clock.now());
    return {
      registrationResponse: createRegistrationResponse(
        deps.secrets.opaqueServerSetup,
        `${session.accountId}:recovery`,
        body.registrationRequest,
      ),
    };
  });

  router.on('recoveryRegisterFinish', async ({ body, session }) => {
    requireFreshLogin(session, clock.now());
    await storage.setRecovery(session.accountId, body.registrationRecord, body.recoveryWrappedVaultKey);
    return null;
  });

  router.on('recoveryDelete', async ({ session }) => {
    requireFreshLogin(session, clock.now());
    const account = await storage.getAccountById(session.accountId);
    if (account?.recoveryOpaqueRecord == null) {
      throw new ProblemError('recovery-not-set-up', 'This account has no Recovery Kit');
    }
    await storage.setRecovery(session.accountId, null, null);
    return null;
  });

  router.on('recoveryLoginStart', async ({ body, ip }) => {
    await rateLimiter.hit('recovery-login:ip', ip);
    await rateLimiter.hit('recovery-login:email', body.email);
    return startOpaqueLogin(deps, 'recovery', body.email, body.startLoginRequest);
  });

  router.on('recoveryLoginFinish', async ({ body }) => {
    const account = await finishOpaqueLogin(deps, 'recovery', body.loginId, body.finishLoginRequest);
    const wrapped = account.keyset.recoveryWrappedVaultKey;
    // The kit was removed between the two requests: the login proved a secret that no longer opens anything.
    if (wrapped === null)
      throw new ProblemError('invalid-credentials', 'The email or the credentials are not right');
    const { token, session } = await issueSession(storage, {
      accountId: account.id,
      kind: 'recovery',
      deviceName: body.deviceName,
      ttlMs: RECOVERY_SESSION_TTL_MS,
      now: clock.now(),
    });
    return {
      token,
      expiresAt: session.expiresAt.toISOString(),
      accountId: account.id,
      email: account.email,
      keyset: keysetWire(account.keyset),
      recoveryWrappedVaultKey: wrapped,
      keyEpoch: account.keyEpoch,
      keyEpochSince: account.keyEpochSince.toISOString(),
    };
  });
}
