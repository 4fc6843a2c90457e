import type { RouteDeps } from '../app-deps';
import { createRegistrationResponse } from '../opaque-server';
import { ProblemError } from '../problem';
import type { Router } from '../router';
import { requireFreshLogin } from '../session-auth';
import { issueSession } from '../sessions';

/**
 * Password change (DESIGN §2): a new OPAQUE registration plus the vault key re-wrapped under the new MUK, stored
 * in one transaction that bumps the key epoch and signs out every other device (their next request says
 * password-changed). Also the one thing a recovery session may do: then the recovery session ends and a full
 * session replaces it.
 */
export function registerPasswordRoutes(router: Router, deps: RouteDeps): void {
  const { storage, clock } = deps;

  router.on('passwordStart', async ({ body, session }) => {
    requireFreshLogin(session, clock.now());
    return {
      registrationResponse: createRegistrationResponse(
        deps.secrets.opaqueServerSetup,
        session.accountId,
        body.registrationRequest,
      ),
    };
  });

  router.on('passwordFinish', async ({ body, session }) => {
    const now = clock.now();
    requireFreshLogin(session, now);
    const account = await storage.getAccountById(session.accountId);
    if (account === null) throw new ProblemError('unauthorized', 'This account no longer exists');
    const recovery = session.kind === 'recovery';
    const changed = await storage.changePassword({
      accountId: account.id,
      expectedEpoch: body.expectedEpoch,
      opaqueRecord: body.registrationRecord,
      // The Recovery Kit wraps the vault key under its own key (recovery secret + AK), both unchanged by a
      // password change: keep its wrap and its OPAQUE record.
      keyset: { ...body.keyset, recoveryWrappedVaultKey: account.keyset.recoveryWrappedVaultKey },
      // A recovery session is revoked with the others; an ordinary change keeps the device that made it.
      keepSessionId: recovery ? null : session.id,
      now,
    });
    if (!changed) {
      throw new ProblemError(
        'conflict-epoch',
        'The password was changed meanwhile; reload the account and retry',
      );
    }
    let newSession = null;
    if (recovery) {
      const issued = await issueSession(storage, {
        accountId: account.id,
        kind: 'full',
        deviceName: session.deviceName,
        ttlMs: deps.config.sessionTtlDays * 86_400_000,
        now,
      });
      newSession = { token: issued.token, expiresAt: issued.session.expiresAt.toISOString() };
    }
    return { keyEpoch: body.expectedEpoch + 1, keyEpochSince: now.toISOString(), newSession };
  });
}
