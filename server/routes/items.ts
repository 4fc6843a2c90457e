import { PULL_DEFAULT_LIMIT } from '../../lib/api/limits';
import type { RouteDeps } from '../app-deps';
import type { Router } from '../router';
import { itemWire } from '../wire';

/**
 * Sync (DESIGN §4). Pull answers "nothing new" from one indexed read of the account's revision counter, which is
 * what most syncs are (DESIGN §7: ≥ 2,000 no-change pulls/s). Push hands the whole batch to storage, which
 * applies it in one transaction and reports each conflict with the server's version.
 */
export function registerItemRoutes(router: Router, deps: RouteDeps): void {
  const { storage, clock } = deps;

  router.on('pull', async ({ session, query }) => {
    const since = query.since ?? 0;
    const head = await storage.headRevision(session.accountId);
    if (since >= head) return { items: [], headRevision: head, hasMore: false };
    const page = await storage.pull(session.accountId, since, query.limit ?? PULL_DEFAULT_LIMIT);
    return { items: page.items.map(itemWire), headRevision: page.headRevision, hasMore: page.hasMore };
  });

  router.on('push', async ({ session, body }) => {
    const result = await storage.push(
      session.accountId,
      body.changes.map((change) => ({
        id: change.id,
        baseRevision: change.baseRevision,
        ciphertext: change.ciphertext ?? null,
        deleted: change.deleted === true,
      })),
      clock.now(),
    );
    return {
      headRevision: result.headRevision,
      outcomes: result.outcomes.map((outcome) =>
        outcome.status === 'accepted'
          ? outcome
          : { id: outcome.id, status: outcome.status, current: outcome.current && itemWire(outcome.current) },
      ),
    };
  });
}
