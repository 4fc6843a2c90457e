import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { ProblemError } from './problem';

/**
 * Which browser origins may call the API: the extension's (any Chrome/Edge or Firefox extension id, since ids
 * differ per install on Firefox and per build on Chrome) and the exact origins in CORS_ORIGINS. A request that
 * carries any other Origin is refused outright (403 origin-not-allowed), not merely left without CORS headers:
 * a web page must not be able to trigger side effects such as reset emails even when it cannot read the answer.
 * Requests without an Origin (the extension's service worker on some versions, CLI tools, tests) are allowed:
 * the bearer token, not the origin, is what authenticates.
 */
const CHROME_EXTENSION = /^chrome-extension:\/\/[a-p]{32}$/;
const FIREFOX_EXTENSION = /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isAllowedOrigin(origin: string, extraOrigins: ReadonlySet<string>): boolean {
  return CHROME_EXTENSION.test(origin) || FIREFOX_EXTENSION.test(origin) || extraOrigins.has(origin);
}

export function originPolicy(corsOrigins: readonly string[]): MiddlewareHandler[] {
  const extra = new Set(corsOrigins);
  const refuse: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !isAllowedOrigin(origin, extra)) {
      throw new ProblemError('origin-not-allowed', 'Requests from this web origin are not allowed');
    }
    await next();
  };
  const allow = cors({
    origin: (origin) => (isAllowedOrigin(origin, extra) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    // The client reads Retry-After to schedule its next attempt (DESIGN §6 "rate limited ... with the next retry").
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  });
  return [refuse, allow];
}
