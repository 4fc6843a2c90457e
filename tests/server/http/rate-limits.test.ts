import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../lib/api/client';
import { RATE_RULES } from '../../../server/rate-limit';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/**
 * Rate limits at their real figures (RATE_LIMIT_MULTIPLIER=1), shared through storage. The server trusts
 * X-Forwarded-For here (TRUST_PROXY=true), so each test is "another client" and counts start from zero; the
 * test clock is put at the start of a window so a window boundary cannot fall in the middle of a test.
 */
const databases = new Databases();
let password: DerivedPassword;
let ipCounter = 0;

beforeAll(async () => {
  password = await derivePassword('rate limit suite');
});
afterAll(() => databases.stop());

function fromIp(server: TestServer, ip = `203.0.113.${++ipCounter}`): ApiClient {
  return new ApiClient({
    baseUrl: server.baseUrl,
    fetch: (url, init) =>
      // What a reverse proxy sends: the client's claim, then the address the proxy saw (the one we trust).
      fetch(url, { ...init, headers: { ...init?.headers, 'x-forwarded-for': `10.9.9.9, ${ip}` } }),
  });
}

/** Moves the clock to 1 s after the start of the next window of `windowMs`. */
function alignClock(server: TestServer, windowMs: number): void {
  const now = server.clock.now().getTime();
  server.clock.advance(Math.ceil(now / windowMs) * windowMs + 1000 - now);
}

/** Calls `call` until the limit, then once more: expects the last to be 429 with Retry-After. */
async function exhaust(limit: number, call: (i: number) => Promise<unknown>, windowMs: number) {
  for (let i = 0; i < limit; i++) {
    const result = await call(i).catch((error: unknown) => error);
    expect((result as { code?: string } | null)?.code, `call ${i + 1} of ${limit}`).not.toBe('rate-limited');
  }
  const error = await apiError(call(limit));
  expect(error).toMatchObject({ status: 429, code: 'rate-limited' });
  expect(error.retryAfter).toBeGreaterThan(0);
  expect(error.retryAfter).toBeLessThanOrEqual(windowMs / 1000);
  return error;
}

describe.each(BACKENDS)('rate limits (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      backend,
      databases,
      env: { RATE_LIMIT_MULTIPLIER: '1', TRUST_PROXY: 'true' },
    });
  }, 60_000);
  afterAll(() => server?.stop());

  it('pre-login: per email across addresses, then per address across emails', async () => {
    const rule = RATE_RULES['prelogin:email'];
    alignClock(server, 60_000);
    const email = uniqueEmail();
    await exhaust(rule.limit, () => fromIp(server).call('prelogin', { body: { email } }), rule.windowMs);

    const ip = fromIp(server);
    const ipRule = RATE_RULES['prelogin:ip'];
    await exhaust(
      ipRule.limit,
      () => ip.call('prelogin', { body: { email: uniqueEmail() } }),
      ipRule.windowMs,
    );
    // Another client is unaffected, and the next window starts afresh.
    await fromIp(server).call('prelogin', { body: { email: uniqueEmail() } });
    server.clock.advance(60_000);
    await ip.call('prelogin', { body: { email: uniqueEmail() } });
  });

  it('answers 429 with a Retry-After header and problem body', async () => {
    alignClock(server, 60_000);
    const email = uniqueEmail();
    const api = fromIp(server);
    for (let i = 0; i < RATE_RULES['prelogin:email'].limit; i++)
      await api.call('prelogin', { body: { email } });
    const response = await fetch(`${server.baseUrl}/v1/prelogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
      body: JSON.stringify({ email }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(58);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await response.json()).toMatchObject({ code: 'rate-limited', retryAfter });
  });

  it('login start, per email and per address', async () => {
    alignClock(server, 60_000);
    const user = new TestUser(uniqueEmail(), password);
    await user.signUp(fromIp(server));
    const rule = RATE_RULES['login:email'];
    await exhaust(rule.limit, () => user.startLogIn(fromIp(server)), rule.windowMs);
    const ip = fromIp(server);
    const ipRule = RATE_RULES['login:ip'];
    await exhaust(ipRule.limit, () => new TestUser(uniqueEmail(), password).startLogIn(ip), ipRule.windowMs);
  });

  it('sign-up per address', async () => {
    alignClock(server, 3_600_000);
    const ip = fromIp(server);
    const rule = RATE_RULES['signup:ip'];
    await exhaust(rule.limit, () => new TestUser(uniqueEmail(), password).startSignUp(ip), rule.windowMs);
  });

  it('recovery login per email', async () => {
    alignClock(server, 15 * 60_000);
    const user = new TestUser(uniqueEmail(), password);
    const rule = RATE_RULES['recovery-login:email'];
    await exhaust(rule.limit, () => user.recoveryLogIn(fromIp(server)), rule.windowMs);
  });

  it('reset start and finish per email', async () => {
    alignClock(server, 3_600_000);
    const email = uniqueEmail();
    const start = RATE_RULES['reset-start:email'];
    await exhaust(start.limit, () => fromIp(server).call('resetStart', { body: { email } }), start.windowMs);
    const finish = RATE_RULES['reset-finish:email'];
    await exhaust(
      finish.limit,
      () => fromIp(server).call('resetFinish', { body: { email, code: 'ABCDE-FGHJK' } }),
      finish.windowMs,
    );
  });

  it('kit email per account', async () => {
    alignClock(server, 3_600_000);
    const { session } = await new TestUser(uniqueEmail(), password).signUp(fromIp(server));
    const rule = RATE_RULES['kit-email:account'];
    // Not kits at all (invalid-kit): the limit counts attempts, so it is reached all the same.
    await exhaust(
      rule.limit,
      () => session.call('kitEmail', { body: { payloadText: 'LATCHKEY:XX' } }),
      rule.windowMs,
    );
  });
});

describe('without TRUST_PROXY, X-Forwarded-For is ignored', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend: 'sqlite', databases, env: { RATE_LIMIT_MULTIPLIER: '1' } });
  }, 60_000);
  afterAll(() => server?.stop());

  it('counts every request against the socket address', async () => {
    alignClock(server, 60_000);
    const rule = RATE_RULES['prelogin:ip'];
    // A fresh X-Forwarded-For per request does not buy a fresh budget.
    await exhaust(
      rule.limit,
      () => fromIp(server).call('prelogin', { body: { email: uniqueEmail() } }),
      rule.windowMs,
    );
  });
});
