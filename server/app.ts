import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, RouteDeps } from './app-deps';
import { accessLog } from './access-log';
import { clientIp } from './client-ip';
import { createLifecycle } from './lifecycle';
import { errorFields } from './logger';
import { originPolicy } from './origin-policy';
import { ProblemError, problemResponse } from './problem';
import { createRateLimiter } from './rate-limit';
import { createRouter, type AppEnv } from './router';
import { registerRoutes } from './routes';
import { securityHeaders } from './security-headers';

/**
 * Builds the HTTP app from plain objects (AppDeps): no globals, no environment reads, so tests build it with
 * their own storage, mailer and clock, and several apps can share one process. Middleware order, outermost
 * first: in-flight tracking, access log, security headers, origin policy + CORS, then the routes.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const lifecycle = deps.lifecycle ?? createLifecycle(deps.logger);
  const routeDeps: RouteDeps = {
    ...deps,
    lifecycle,
    rateLimiter: createRateLimiter({
      storage: deps.storage,
      clock: deps.clock,
      key: deps.secrets.keys.rateLimits,
      multiplier: deps.config.rateLimitMultiplier,
    }),
  };
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    await lifecycle.track(next());
    // While shutting down, ask keep-alive clients to reconnect (to another instance) after this answer.
    if (lifecycle.draining) c.res.headers.set('connection', 'close');
  });
  app.use('*', accessLog(deps.logger));
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    c.set('clientIp', clientIp(c, deps.config.trustProxy));
    await next();
  });
  for (const middleware of originPolicy(deps.config.corsOrigins)) app.use('*', middleware);

  const router = createRouter(app, routeDeps);
  registerRoutes(router, routeDeps);
  router.assertComplete();

  app.notFound((c) => {
    c.set('problemCode', 'not-found');
    return problemResponse(
      'not-found',
      `No endpoint ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 100)}`,
    );
  });
  app.onError((error, c) => {
    if (error instanceof ProblemError) {
      c.set('problemCode', error.code);
      return problemResponse(error.code, error.detail, error.retryAfter);
    }
    if (error instanceof HTTPException && error.status < 500) {
      c.set('problemCode', 'bad-request');
      return problemResponse('bad-request', error.message || undefined);
    }
    // A bug or an outage: logged by class and message (never the request), answered without details.
    deps.logger.error('unhandled error', { method: c.req.method, ...errorFields(error) });
    c.set('problemCode', 'internal');
    return problemResponse('internal');
  });
  return app;
}
