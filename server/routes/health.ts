import type { RouteDeps } from '../app-deps';
import { errorFields } from '../logger';
import { ProblemError } from '../problem';
import type { Router } from '../router';

/** GET /v1/health: 200 when storage answers a read (for load balancers and `npm start` users), else 503. */
export function registerHealthRoutes(router: Router, deps: RouteDeps): void {
  router.on('health', async () => {
    try {
      await deps.storage.getSetting('health-check');
    } catch (error) {
      deps.logger.error('health: storage unreachable', errorFields(error));
      throw new ProblemError('unavailable', 'Storage is unreachable');
    }
    return { status: 'ok' };
  });
}
