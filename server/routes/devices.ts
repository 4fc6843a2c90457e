import type { RouteDeps } from '../app-deps';
import { ProblemError } from '../problem';
import type { Router } from '../router';

/**
 * Devices are sessions (one per signed-in browser): list them, sign this one out, or sign another out. A
 * signed-out device's next request gets session-revoked, so it can say so plainly (DESIGN §6).
 */
export function registerDeviceRoutes(router: Router, deps: RouteDeps): void {
  const { storage, clock } = deps;

  router.on('logout', async ({ session }) => {
    await storage.revokeSession(session.accountId, session.id, 'logout', clock.now());
    return null;
  });

  router.on('devices', async ({ session }) => {
    const now = clock.now().getTime();
    const sessions = await storage.listSessions(session.accountId);
    const live = sessions.filter((s) => s.revokedAt === null && s.expiresAt.getTime() > now);
    return {
      devices: live.map((s) => ({
        id: s.id,
        name: s.deviceName,
        kind: s.kind,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        current: s.id === session.id,
      })),
    };
  });

  router.on('revokeDevice', async ({ session, params }) => {
    const revoked = await storage.revokeSession(session.accountId, params.id, 'revoked', clock.now());
    // Another account's session id, an unknown id or one already signed out: the same 404, revealing nothing.
    if (!revoked) throw new ProblemError('not-found', 'No such signed-in device');
    return null;
  });
}
