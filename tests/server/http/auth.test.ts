import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreloginResponse } from '../../../lib/api/auth';
import { ApiClient } from '../../../lib/api/client';
import { hashToken } from '../../../server/sessions';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/** Sign-up, pre-login, login (right, wrong, unknown), devices, logout, revocation and expiry over real HTTP. */
const databases = new Databases();
let password: DerivedPassword;
let otherPassword: DerivedPassword;

beforeAll(async () => {
  password = await derivePassword('correct horse battery staple');
  otherPassword = await derivePassword('Tr0ub4dor&3');
});
afterAll(() => databases.stop());

describe.each(BACKENDS)('auth over HTTP (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  it('reports health', async () => {
    expect(await server.api.call('health')).toEqual({ status: 'ok' });
  });

  it('signs up, pre-logs in with the real keyset, and logs in on a second device', async () => {
    const user = new TestUser(uniqueEmail(), password);
    const { session, grant } = await user.signUp(server.api);
    expect(grant).toMatchObject({
      accountId: user.accountId,
      email: user.email,
      keyEpoch: 1,
      hasRecovery: false,
    });
    expect(grant.keyset.salt).toBe(Buffer.from(password.kdf.salt).toString('base64url'));

    const pre = await server.api.call('prelogin', { body: { email: user.email.toUpperCase() } });
    expect(pre).toEqual({
      kdf: password.kdf.params,
      salt: grant.keyset.salt,
      keyEpoch: 1,
      keyEpochSince: grant.keyEpochSince,
      accountKeyForDevices: grant.keyset.accountKeyForDevices,
    });

    const second = await user.logIn(server.api);
    expect(second?.grant).toMatchObject({ accountId: user.accountId, keyset: grant.keyset });
    const account = await second!.session.call('account');
    expect(account).toMatchObject({
      accountId: user.accountId,
      email: user.email,
      revision: 0,
      hasRecovery: false,
    });

    // The token is stored only as its hash.
    const row = await server.storage.getSessionByTokenHash(hashToken(grant.token));
    expect(row?.accountId).toBe(user.accountId);
    expect(JSON.stringify(row)).not.toContain(grant.token);
    expect((await session.call('devices')).devices).toHaveLength(2);
  });

  it('refuses a second sign-up of the same email (email-taken)', async () => {
    const user = new TestUser(uniqueEmail(), password);
    await user.signUp(server.api);
    const again = new TestUser(user.email, password);
    expect((await apiError(again.signUp(server.api))).code).toBe('email-taken');
  });

  it('a sign-up can be finished once (not-found after)', async () => {
    const user = new TestUser(uniqueEmail(), password);
    const { signupId, registrationRecord } = await user.startSignUp(server.api);
    const body = { signupId, registrationRecord, keyset: await user.keyset(), deviceName: 'x' };
    await server.api.call('signupFinish', { body });
    expect((await apiError(server.api.call('signupFinish', { body }))).code).toBe('not-found');
  });

  it('refuses a keyset whose KDF is below the Argon2id floor, naming the field', async () => {
    const user = new TestUser(uniqueEmail(), password);
    const { signupId, registrationRecord } = await user.startSignUp(server.api);
    const keyset = { ...(await user.keyset()), kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } };
    const error = await apiError(
      server.api.call('signupFinish', { body: { signupId, registrationRecord, keyset, deviceName: 'x' } }),
    );
    expect(error).toMatchObject({ status: 400, code: 'bad-request' });
    expect(error.detail).toContain('body.keyset.kdf.memoryKiB');
    expect(await server.storage.getAccountByEmail(user.email)).toBeNull();
  });

  it('a wrong password fails in the OPAQUE client, and a forged finish is invalid-credentials', async () => {
    const user = new TestUser(uniqueEmail(), password);
    await user.signUp(server.api);
    const wrong = user.loginSecret(otherPassword);
    expect(await user.logIn(server.api, { secret: wrong })).toBeNull();

    // Whatever the client sends to finish without the secret: invalid-credentials.
    const { loginId, finishLoginRequest } = await user.startLogIn(server.api, { secret: wrong });
    expect(finishLoginRequest).toBeUndefined();
    const forged = Buffer.alloc(64, 7).toString('base64url');
    const error = await apiError(
      server.api.call('loginFinish', { body: { loginId, finishLoginRequest: forged, deviceName: 'x' } }),
    );
    expect(error).toMatchObject({ status: 401, code: 'invalid-credentials' });
  });

  it('an unknown email gets stable fakes and the same failures as a wrong password', async () => {
    const email = uniqueEmail('nobody');
    const first = await server.api.call('prelogin', { body: { email } });
    const second = await server.api.call('prelogin', { body: { email: ` ${email.toUpperCase()} ` } });
    expect(second).toEqual(first);
    expect(first.kdf).toEqual(password.kdf.params);
    expect(Buffer.from(first.salt, 'base64url')).toHaveLength(16);
    expect(first.keyEpoch).toBeGreaterThanOrEqual(1);
    expect(first.keyEpochSince.getTime()).toBeLessThanOrEqual(server.clock.now().getTime());
    const another = await server.api.call('prelogin', { body: { email: uniqueEmail('nobody') } });
    expect(another.salt).not.toBe(first.salt);

    // Login: a real-looking KE2 the OPAQUE client rejects, exactly like a wrong password.
    const ghost = new TestUser(email, password);
    const attempt = await ghost.startLogIn(server.api);
    expect(attempt.loginResponse).toHaveLength(427);
    expect(attempt.finishLoginRequest).toBeUndefined();
    const error = await apiError(
      server.api.call('loginFinish', {
        body: {
          loginId: attempt.loginId,
          finishLoginRequest: Buffer.alloc(64).toString('base64url'),
          deviceName: 'x',
        },
      }),
    );
    expect(error).toMatchObject({ status: 401, code: 'invalid-credentials' });
  });

  // Once the server is older than the fakes' creation spread (180 days; see server/fake-account.ts for why a
  // younger server's fakes re-date themselves a few times).
  it('mature fake pre-login answers age like real accounts: epoch and date move forward together, never past now', async () => {
    const emails = Array.from({ length: 40 }, () => uniqueEmail('ghost'));
    const year = 365 * 86_400_000;
    const seen: PreloginResponse[][] = emails.map(() => []);
    try {
      for (const offset of [year, 2 * year, 3 * year, 4 * year]) {
        server.clock.offsetMs = offset;
        for (const [i, email] of emails.entries()) {
          const answer = await server.api.call('prelogin', { body: { email } });
          expect(answer.keyEpochSince.getTime()).toBeLessThanOrEqual(server.clock.now().getTime());
          expect(answer.keyEpochSince.getTime()).toBeGreaterThanOrEqual(server.secrets.since.getTime());
          seen[i]!.push(answer);
        }
      }
    } finally {
      server.clock.offsetMs = 0;
    }
    for (const history of seen) {
      for (let t = 1; t < history.length; t++) {
        const [previous, next] = [history[t - 1]!, history[t]!];
        expect(next.keyEpoch).toBeGreaterThanOrEqual(previous.keyEpoch);
        // A later date, a new salt and a new devices' box only with a higher epoch (a password change), as
        // for a real account.
        if (next.keyEpoch === previous.keyEpoch) {
          expect(next).toEqual(previous);
        } else {
          expect(next.keyEpochSince.getTime()).toBeGreaterThan(previous.keyEpochSince.getTime());
          expect(next.salt).not.toBe(previous.salt);
          expect(next.accountKeyForDevices).not.toBe(previous.accountKeyForDevices);
        }
      }
    }
    // Some fakes did change their password over the three years (else the branch above checked nothing).
    expect(seen.some((history) => history[3]!.keyEpoch > history[0]!.keyEpoch)).toBe(true);
    // Most fakes are still at epoch 1 after a year (password changes are rare).
    const afterAYear = seen.map((history) => history[0]!.keyEpoch);
    expect(afterAYear.filter((epoch) => epoch === 1).length).toBeGreaterThan(emails.length / 2);
    const spread = new Set(seen.map((history) => history[3]!.keyEpochSince.getTime()));
    expect(spread.size).toBe(emails.length);
  });

  it('a login attempt is single-use and expires after two minutes', async () => {
    const user = new TestUser(uniqueEmail(), password);
    await user.signUp(server.api);
    const late = await user.startLogIn(server.api);
    server.clock.advance(3 * 60_000);
    try {
      const body = { loginId: late.loginId, finishLoginRequest: late.finishLoginRequest!, deviceName: 'x' };
      expect((await apiError(server.api.call('loginFinish', { body }))).code).toBe('invalid-credentials');
    } finally {
      server.clock.advance(-3 * 60_000);
    }
    const once = await user.startLogIn(server.api);
    const body = { loginId: once.loginId, finishLoginRequest: once.finishLoginRequest!, deviceName: 'x' };
    await server.api.call('loginFinish', { body });
    expect((await apiError(server.api.call('loginFinish', { body }))).code).toBe('invalid-credentials');
  });

  it('lists devices, logs out, and revokes another device (session-revoked)', async () => {
    const user = new TestUser(uniqueEmail(), password);
    const a = await user.signUp(server.api, 'Laptop');
    const b = (await user.logIn(server.api, { deviceName: 'Desktop' }))!;
    const c = (await user.logIn(server.api, { deviceName: 'Work' }))!;

    const { devices } = await a.session.call('devices');
    expect(devices.map((d) => [d.name, d.current]).sort()).toEqual([
      ['Desktop', false],
      ['Laptop', true],
      ['Work', false],
    ]);
    const desktop = devices.find((d) => d.name === 'Desktop')!;
    await a.session.call('revokeDevice', { params: { id: desktop.id } });
    expect(await apiError(b.session.call('account'))).toMatchObject({ status: 401, code: 'session-revoked' });
    expect((await apiError(a.session.call('revokeDevice', { params: { id: desktop.id } }))).code).toBe(
      'not-found',
    );

    // Another account cannot revoke this account's device.
    const stranger = await new TestUser(uniqueEmail(), password).signUp(server.api);
    const work = devices.find((d) => d.name === 'Work')!;
    expect((await apiError(stranger.session.call('revokeDevice', { params: { id: work.id } }))).code).toBe(
      'not-found',
    );
    expect((await c.session.call('account')).accountId).toBe(user.accountId);

    await c.session.call('logout');
    expect(await apiError(c.session.call('account'))).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((await a.session.call('devices')).devices.map((d) => d.name)).toEqual(['Laptop']);
  });

  it('rejects missing, malformed and unknown tokens (unauthorized) and expired sessions (session-expired)', async () => {
    expect((await apiError(server.api.call('account'))).code).toBe('unauthorized');
    expect((await apiError(server.api.withToken('not a token').call('account'))).code).toBe('unauthorized');
    const unknown = Buffer.alloc(32, 1).toString('base64url');
    expect((await apiError(server.api.withToken(unknown).call('account'))).code).toBe('unauthorized');

    const user = new TestUser(uniqueEmail(), password);
    const { session } = await user.signUp(server.api);
    server.clock.advance(server.config.sessionTtlDays * 86_400_000 + 1000);
    try {
      expect(await apiError(session.call('account'))).toMatchObject({ status: 401, code: 'session-expired' });
    } finally {
      server.clock.advance(-(server.config.sessionTtlDays * 86_400_000 + 1000));
    }
  });

  it('the client turns a dead server into a network ApiError', async () => {
    const dead = new ApiClient({ baseUrl: 'http://127.0.0.1:9' });
    expect(await apiError(dead.call('health'))).toMatchObject({ status: 0, code: 'network' });
  });
});
