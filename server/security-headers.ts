import type { MiddlewareHandler } from 'hono';

/**
 * Headers on every response. The API answers carry keysets, ciphertexts and session tokens: `no-store` keeps
 * them out of every cache (browser, proxy, service worker). The rest makes the JSON inert if it is ever
 * opened as a page: no sniffing it into HTML, no framing, no scripts, no referrer.
 */
const HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(HEADERS)) c.res.headers.set(name, value);
  };
}
