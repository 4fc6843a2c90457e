import type { RouteDeps } from '../app-deps';
import type { Router } from '../router';
import { registerAccountRoutes } from './account';
import { registerDeviceRoutes } from './devices';
import { registerHealthRoutes } from './health';
import { registerItemRoutes } from './items';
import { registerKitEmailRoutes } from './kit-email';
import { registerLoginRoutes } from './login';
import { registerPasswordRoutes } from './password';
import { registerRecoveryRoutes } from './recovery';
import { registerResetRoutes } from './reset';
import { registerSignupRoutes } from './signup';

/** Every area's routes; router.assertComplete() then checks that lib/api/endpoints.ts is covered exactly. */
export function registerRoutes(router: Router, deps: RouteDeps): void {
  registerHealthRoutes(router, deps);
  registerLoginRoutes(router, deps);
  registerSignupRoutes(router, deps);
  registerDeviceRoutes(router, deps);
  registerAccountRoutes(router, deps);
  registerPasswordRoutes(router, deps);
  registerRecoveryRoutes(router, deps);
  registerItemRoutes(router, deps);
  registerResetRoutes(router, deps);
  registerKitEmailRoutes(router, deps);
}
