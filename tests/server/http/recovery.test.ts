import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deriveRecoveryWrapKey,
  unwrapVaultKeyForRecovery,
  WrongRecoveryKitError,
} from '../../../lib/account/recovery-key';
import { FRESH_LOGIN_MS } from '../../../server/session-auth';
import { RECOVERY_SESSION_TTL_MS } from '../../../server/sessions';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/** The Recovery Kit over real HTTP: register, log in with it, set a new password, and nothing else. */
const databases = new Databases();
let forgotten: DerivedPassword;
let chosen: DerivedPassword;

beforeAll(async () => {
  forgotten = await derivePassword('a password I will forget');
  chosen = await derivePassword('the new one, after recovery');
});
afterAll(() => databases.stop());

describe.each(BACKENDS)('Recovery Kit over HTTP (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  it('registers, logs in with the kit, and sets a new password without losing data', async () => {
    const user = new TestUser(uniqueEmail(), forgotten);
    const { session } = await user.signUp(server.api, 'Old laptop');
    await user.registerRecovery(session);
    expect((await session.call('account')).hasRecovery).toBe(true);
    const itemId = crypto.randomUUID();
    const ciphertext = Buffer.alloc(64, 3).toString('base64url');
    await session.call('push', { body: { changes: [{ id: itemId, baseRevision: 0, ciphertext }] } });

    const recovered = (await user.recoveryLogIn(server.api))!;
    expect(recovered.grant).toMatchObject({ accountId: user.accountId, email: user.email, keyEpoch: 1 });
    const stored = await server.storage.getAccountById(user.accountId);
    expect(recovered.grant.recoveryWrappedVaultKey).toBe(stored?.keyset.recoveryWrappedVaultKey);
    // The kit (recovery secret AND Account Key) opens the vault key the server handed back; without the AK it
    // does not: the server's copy is useless on its own.
    const wrapped = Buffer.from(recovered.grant.recoveryWrappedVaultKey, 'base64url');
    const kitKey = deriveRecoveryWrapKey(user.recoverySecret, user.accountKey);
    expect(await unwrapVaultKeyForRecovery(kitKey, wrapped, user.accountId)).toEqual(user.vaultKey);
    const withoutAk = deriveRecoveryWrapKey(user.recoverySecret, new Uint8Array(20));
    await expect(unwrapVaultKeyForRecovery(withoutAk, wrapped, user.accountId)).rejects.toThrow(
      WrongRecoveryKitError,
    );
    expect(recovered.grant.expiresAt.getTime() - server.clock.now().getTime()).toBeLessThanOrEqual(
      RECOVERY_SESSION_TTL_MS,
    );

    // A recovery session may do exactly one thing.
    const others = [
      () => recovered.session.call('account'),
      () => recovered.session.call('pull', { query: {} }),
      () => recovered.session.call('devices'),
      () => recovered.session.call('logout'),
      () => recovered.session.call('kitEmail', { body: { payloadText: 'LATCHKEY:00' } }),
      () => recovered.session.call('recoveryDelete'),
    ];
    for (const call of others) {
      expect(await apiError(call())).toMatchObject({ status: 403, code: 'forbidden-for-recovery-session' });
    }

    const answer = await user.changePassword(recovered.session, chosen);
    expect(answer.keyEpoch).toBe(2);
    expect(answer.newSession).not.toBeNull();
    // The recovery session is over; the old devices were signed out; the new full session works.
    expect(
      (
        await apiError(
          recovered.session.call('passwordStart', { body: { registrationRequest: 'A'.repeat(43) } }),
        )
      ).code,
    ).toBe('password-changed');
    expect((await apiError(session.call('account'))).code).toBe('password-changed');
    const full = server.api.withToken(answer.newSession!.token);
    const pulled = await full.call('pull', { query: { since: 0 } });
    expect(pulled.items.map((i) => [i.id, i.ciphertext])).toEqual([[itemId, ciphertext]]);
    expect((await full.call('account')).hasRecovery).toBe(true);

    expect(await user.logIn(server.api, { secret: user.loginSecret(forgotten) })).toBeNull();
    expect(await user.logIn(server.api)).not.toBeNull();
    // The kit still works after the change (same recovery secret and AK).
    expect(await user.recoveryLogIn(server.api)).not.toBeNull();
  });

  it('an unknown email, or an account without a kit, fails like a wrong kit', async () => {
    const nobody = new TestUser(uniqueEmail('nobody'), forgotten);
    expect(await nobody.recoveryLogIn(server.api)).toBeNull();
    const user = new TestUser(uniqueEmail(), forgotten);
    const { session } = await user.signUp(server.api);
    expect(await user.recoveryLogIn(server.api)).toBeNull();
    // Even a password login secret does not open the recovery login.
    const stranger = await user.startLogIn(server.api);
    const error = await apiError(
      server.api.call('recoveryLoginFinish', {
        body: {
          loginId: stranger.loginId,
          finishLoginRequest: stranger.finishLoginRequest!,
          deviceName: 'x',
        },
      }),
    );
    expect(error).toMatchObject({ status: 401, code: 'invalid-credentials' });
    expect((await apiError(session.call('recoveryDelete'))).code).toBe('recovery-not-set-up');
  });

  it('removing the kit disables its login; set-up and removal need a fresh login', async () => {
    const user = new TestUser(uniqueEmail(), forgotten);
    const { session } = await user.signUp(server.api);
    await user.registerRecovery(session);
    server.clock.advance(FRESH_LOGIN_MS + 1000);
    try {
      expect((await apiError(session.call('recoveryDelete'))).code).toBe('reauth-required');
      expect((await apiError(user.registerRecovery(session))).code).toBe('reauth-required');
    } finally {
      server.clock.advance(-(FRESH_LOGIN_MS + 1000));
    }
    await session.call('recoveryDelete');
    expect((await session.call('account')).hasRecovery).toBe(false);
    expect(await user.recoveryLogIn(server.api)).toBeNull();
  });

  it('a recovery session expires after minutes', async () => {
    const user = new TestUser(uniqueEmail(), forgotten);
    const { session } = await user.signUp(server.api);
    await user.registerRecovery(session);
    const recovered = (await user.recoveryLogIn(server.api))!;
    server.clock.advance(RECOVERY_SESSION_TTL_MS + 1000);
    try {
      const error = await apiError(user.changePassword(recovered.session, chosen));
      expect(error).toMatchObject({ status: 401, code: 'session-expired' });
    } finally {
      server.clock.advance(-(RECOVERY_SESSION_TTL_MS + 1000));
    }
  });
});
