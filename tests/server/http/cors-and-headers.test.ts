import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';

/** Who may call from a browser (extension origins only, plus CORS_ORIGINS) and the headers on every answer. */
const databases = new Databases();
afterAll(() => databases.stop());

const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://0b5a3c5e-8f0e-4d7b-9a43-6f1e2d3c4b5a';
const EXTRA = 'https://vault.example.com';

describe.each(BACKENDS)('CORS and security headers (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases, env: { CORS_ORIGINS: EXTRA } });
  }, 60_000);
  afterAll(() => server?.stop());

  const preflight = (origin: string) =>
    fetch(`${server.baseUrl}/v1/items`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it.each([CHROME, FIREFOX, EXTRA])('allows %s', async (origin) => {
    const pre = await preflight(origin);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);

    const response = await fetch(`${server.baseUrl}/v1/health`, { headers: { origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
  });

  it.each([
    'https://evil.example',
    'http://127.0.0.1:8787',
    'null',
    'chrome-extension://NOT-AN-ID',
    `${EXTRA}.evil.example`,
  ])('refuses %s (403 origin-not-allowed, no CORS headers, nothing done)', async (origin) => {
    const pre = await preflight(origin);
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();

    const email = `victim-${Date.now()}@example.com`;
    const response = await fetch(`${server.baseUrl}/v1/reset/start`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toMatchObject({ code: 'origin-not-allowed' });
  });

  it('puts no-store and the hardening headers on every answer (success, problem, unknown route)', async () => {
    const answers = [
      await fetch(`${server.baseUrl}/v1/health`),
      await fetch(`${server.baseUrl}/v1/account`),
      await fetch(`${server.baseUrl}/v1/nothing-here`),
      await fetch(`${server.baseUrl}/`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 404]);
    for (const response of answers) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const problem = answers[2]!;
    expect(problem.headers.get('content-type')).toBe('application/problem+json');
    expect(await problem.json()).toMatchObject({
      type: 'urn:latchkey:problem:not-found',
      status: 404,
      code: 'not-found',
      title: 'Not found',
    });
  });
});
