import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address, for rate limits. Behind a reverse proxy every request comes from the proxy, so with
 * TRUST_PROXY the address is the LAST X-Forwarded-For entry: the one our proxy appended. Earlier entries are
 * whatever the client claimed and would let anyone pick a fresh address per request. Without TRUST_PROXY the
 * header is ignored for the same reason.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request() in a script): no socket to ask.
    return 'unknown';
  }
}
