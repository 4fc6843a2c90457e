import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH_LOGIN_MS } from '../../../server/session-auth';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/** Password change over real HTTP: one transaction, epoch bump, other devices told "password changed". */
const databases = new Databases();
let oldPassword: DerivedPassword;
let newPassword: DerivedPassword;

beforeAll(async () => {
  oldPassword = await derivePassword('old password, long enough');
  newPassword = await derivePassword('new password, longer still');
});
afterAll(() => databases.stop());

describe.each(BACKENDS)('password change over HTTP (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  it('changes the password: new epoch, other devices get password-changed, only the new password logs in', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const laptop = await user.signUp(server.api, 'Laptop');
    const phone = (await user.logIn(server.api, { deviceName: 'Other browser' }))!;
    const before = server.clock.now();

    const answer = await user.changePassword(laptop.session, newPassword);
    expect(answer.keyEpoch).toBe(2);
    expect(answer.keyEpochSince.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(answer.newSession).toBeNull();

    // The device that changed it carries on; the other one is told why it was signed out.
    const account = await laptop.session.call('account');
    expect(account).toMatchObject({
      keyEpoch: 2,
      keyset: { salt: Buffer.from(newPassword.kdf.salt).toString('base64url') },
    });
    expect(await apiError(phone.session.call('pull', { query: {} }))).toMatchObject({
      status: 401,
      code: 'password-changed',
    });

    // Pre-login now gives the new KDF salt and epoch (what an outdated kit is checked against).
    const pre = await server.api.call('prelogin', { body: { email: user.email } });
    expect(pre).toMatchObject({ keyEpoch: 2, salt: account.keyset.salt });
    expect(pre.keyEpochSince).toEqual(account.keyEpochSince);

    expect(await user.logIn(server.api, { secret: user.loginSecret(oldPassword) })).toBeNull();
    const again = await user.logIn(server.api);
    expect(again?.grant).toMatchObject({ keyEpoch: 2 });
  });

  it('a login started with the old password cannot finish after the change', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const { session } = await user.signUp(server.api);
    const pending = await user.startLogIn(server.api);
    server.clock.advance(1000);
    try {
      await user.changePassword(session, newPassword);
      const body = {
        loginId: pending.loginId,
        finishLoginRequest: pending.finishLoginRequest!,
        deviceName: 'x',
      };
      expect(await apiError(server.api.call('loginFinish', { body }))).toMatchObject({
        code: 'invalid-credentials',
      });
    } finally {
      server.clock.advance(-1000);
    }
  });

  it('refuses a stale expected epoch (conflict-epoch) and writes nothing', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const { session } = await user.signUp(server.api);
    const error = await apiError(user.changePassword(session, newPassword, 7));
    expect(error).toMatchObject({ status: 409, code: 'conflict-epoch' });
    const account = await server.storage.getAccountById(user.accountId);
    expect(account?.keyEpoch).toBe(1);
    expect(await user.logIn(server.api, { secret: user.loginSecret(oldPassword) })).not.toBeNull();
  });

  it('two concurrent changes: one wins, the other gets conflict-epoch', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const a = await user.signUp(server.api);
    const b = (await user.logIn(server.api))!;
    const twin = new TestUser(user.email, oldPassword);
    Object.assign(twin, { accountId: user.accountId, accountKey: user.accountKey, vaultKey: user.vaultKey });
    const results = await Promise.allSettled([
      user.changePassword(a.session, newPassword, 1),
      twin.changePassword(b.session, newPassword, 1),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({
      code: expect.stringMatching(/^(conflict-epoch|password-changed)$/),
    });
    expect((await server.storage.getAccountById(user.accountId))?.keyEpoch).toBe(2);
  });

  it('needs a fresh login (reauth-required) and a valid OPAQUE message', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const { session } = await user.signUp(server.api);
    const reg = opaque.client.startRegistration({ password: user.loginSecret(newPassword) });
    server.clock.advance(FRESH_LOGIN_MS + 1000);
    try {
      const error = await apiError(
        session.call('passwordStart', { body: { registrationRequest: reg.registrationRequest } }),
      );
      expect(error).toMatchObject({ status: 403, code: 'reauth-required' });
      // A new login makes it fresh again.
      const fresh = (await user.logIn(server.api))!;
      await fresh.session.call('passwordStart', { body: { registrationRequest: reg.registrationRequest } });
    } finally {
      server.clock.advance(-(FRESH_LOGIN_MS + 1000));
    }
    // 32 bytes of base64url that are not a ristretto255 point: the OPAQUE library refuses it → 400.
    const notAPoint = Buffer.alloc(32, 0xff).toString('base64url');
    const error = await apiError(session.call('passwordStart', { body: { registrationRequest: notAPoint } }));
    expect(error).toMatchObject({ status: 400, code: 'bad-request' });
    expect(error.detail).toContain('registrationRequest');
  });
});
