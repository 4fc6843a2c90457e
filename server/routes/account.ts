import type { RouteDeps } from '../app-deps';
import { ProblemError } from '../problem';
import type { Router } from '../router';
import { keysetWire } from '../wire';

/** GET /v1/account: what a signed-in device re-reads after a sync error (keyset, epoch, recovery, revision). */
export function registerAccountRoutes(router: Router, deps: RouteDeps): void {
  router.on('account', async ({ session }) => {
    const account = await deps.storage.getAccountById(session.accountId);
    if (account === null) throw new ProblemError('unauthorized', 'This account no longer exists');
    return {
      accountId: account.id,
      email: account.email,
      keyset: keysetWire(account.keyset),
      keyEpoch: account.keyEpoch,
      keyEpochSince: account.keyEpochSince.toISOString(),
      hasRecovery: account.recoveryOpaqueRecord !== null,
      revision: account.revision,
    };
  });
}
