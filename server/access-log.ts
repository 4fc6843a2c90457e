import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from './logger';
import type { AppEnv } from './router';

/**
 * One log line per request: method, route PATTERN (/v1/devices/:id, never the URL with its ids or query),
 * status, duration and problem code. Nothing from headers or bodies: tokens, emails, payloads and codes stay out
 * of the logs by construction.
 */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = routePath(c, -1);
    logger.info('request', {
      method: c.req.method,
      // The catch-all middleware is the last match when no route matched.
      route: route.endsWith('*') ? '(no route)' : route,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      problem: c.get('problemCode'),
    });
  };
}
