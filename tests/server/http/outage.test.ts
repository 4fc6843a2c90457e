import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail } from './test-user';

/** When storage is gone: health says 503 unavailable, other requests a bare 500, and the log says why. */
const databases = new Databases();
afterAll(() => databases.stop());

describe.each(BACKENDS)('storage outage (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  it('answers unavailable on health and internal elsewhere, without details', async () => {
    const user = new TestUser(uniqueEmail(), await derivePassword('outage suite'));
    const { session } = await user.signUp(server.api);
    await server.storage.close();

    expect(await apiError(server.api.call('health'))).toMatchObject({ status: 503, code: 'unavailable' });
    const error = await apiError(session.call('account'));
    expect(error).toMatchObject({ status: 500, code: 'internal', detail: 'Internal server error' });
    const logged = server.logs.filter((line) => line.includes('"level":"error"'));
    expect(logged.some((line) => line.includes('unhandled error'))).toBe(true);
    expect(logged.join('\n')).not.toContain(session.token!);
  });
});
