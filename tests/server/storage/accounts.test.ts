import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AccountExistsError, type Storage } from '../../../server/storage/storage';
import { backendFactories, type Backend } from './backends';
import { at, blob, DEVICE_BOX_BYTES, newAccount, newSession, T0 } from './fixtures';

// Settings, sign-up, accounts, password change, recovery, account deletion, login attempts and sessions:
// the same tests against SQLite and PostgreSQL.
describe.each(backendFactories)('$name storage: accounts and sessions', (factory) => {
  let backend: Backend;
  let storage: Storage;

  beforeAll(async () => {
    backend = await factory.start();
    storage = await backend.open();
  }, 30_000);
  afterAll(() => backend?.dispose());

  test('kind names the backend', () => {
    expect(storage.kind).toBe(factory.name);
  });

  describe('settings', () => {
    test('missing → null; the first writer wins', async () => {
      const key = `opaque-server-setup-${randomUUID()}`;
      expect(await storage.getSetting(key)).toBeNull();
      expect(await storage.setSettingIfAbsent(key, 'first')).toBe('first');
      expect(await storage.setSettingIfAbsent(key, 'second')).toBe('first');
      expect(await storage.getSetting(key)).toBe('first');
    });

    test('two instances racing agree on one value', async () => {
      const other = await backend.open();
      const key = `race-${randomUUID()}`;
      const values = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? storage : other).setSettingIfAbsent(key, `v${i}`)),
      );
      expect(new Set(values).size).toBe(1);
      expect(await storage.getSetting(key)).toBe(values[0]);
    });
  });

  describe('sign-up attempts', () => {
    test('are taken once', async () => {
      const row = {
        id: randomUUID(),
        accountId: randomUUID(),
        email: 'a@example.com',
        expiresAt: at(T0 + 60_000),
      };
      await storage.putSignupAttempt(row);
      expect(await storage.takeSignupAttempt(row.id, at(T0))).toEqual(row);
      expect(await storage.takeSignupAttempt(row.id, at(T0))).toBeNull();
      expect(await storage.takeSignupAttempt(randomUUID(), at(T0))).toBeNull();
    });

    test('expired ones are not returned (and are used up)', async () => {
      const row = {
        id: randomUUID(),
        accountId: randomUUID(),
        email: 'b@example.com',
        expiresAt: at(T0 + 60_000),
      };
      await storage.putSignupAttempt(row);
      expect(await storage.takeSignupAttempt(row.id, at(T0 + 60_000))).toBeNull();
      expect(await storage.takeSignupAttempt(row.id, at(T0))).toBeNull();
    });

    test('two concurrent takes: exactly one gets it', async () => {
      const other = await backend.open();
      const row = {
        id: randomUUID(),
        accountId: randomUUID(),
        email: 'c@example.com',
        expiresAt: at(T0 + 60_000),
      };
      await storage.putSignupAttempt(row);
      const taken = await Promise.all(
        [storage, other, storage, other].map((s) => s.takeSignupAttempt(row.id, at(T0))),
      );
      expect(taken.filter((t) => t !== null)).toEqual([row]);
    });
  });

  describe('accounts', () => {
    test('round trip by id and by email, revision starting at 0', async () => {
      const account = newAccount({
        recoveryOpaqueRecord: blob(192),
        keyset: {
          kdf: { memoryKiB: 131_072, iterations: 4, parallelism: 2 },
          salt: blob(16),
          wrappedVaultKey: blob(72),
          accountKeyForDevices: blob(DEVICE_BOX_BYTES),
          recoveryWrappedVaultKey: blob(72),
        },
      });
      await storage.createAccount(account);
      const expected = { ...account, revision: 0 };
      expect(await storage.getAccountById(account.id)).toEqual(expected);
      expect(await storage.getAccountByEmail(account.email)).toEqual(expected);
      expect(await storage.getAccountById(randomUUID())).toBeNull();
      expect(await storage.getAccountByEmail('nobody@example.com')).toBeNull();
    });

    test('a taken email (or id) → AccountExistsError, and nothing changes', async () => {
      const account = newAccount();
      await storage.createAccount(account);
      await expect(storage.createAccount(newAccount({ email: account.email }))).rejects.toThrow(
        AccountExistsError,
      );
      await expect(storage.createAccount(newAccount({ id: account.id }))).rejects.toThrow(AccountExistsError);
      expect(await storage.getAccountByEmail(account.email)).toEqual({ ...account, revision: 0 });
    });

    test('a constraint other than uniqueness is not reported as AccountExistsError', async () => {
      const error = await storage.createAccount(newAccount({ keyEpoch: 0 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(AccountExistsError);
    });
  });

  describe('changePassword', () => {
    async function setup() {
      const account = newAccount({
        recoveryOpaqueRecord: blob(),
        keyset: { ...newAccount().keyset, recoveryWrappedVaultKey: blob() },
      });
      await storage.createAccount(account);
      const mine = newSession(account.id);
      const other = newSession(account.id, { createdAt: at(T0 + 1) });
      const loggedOut = newSession(account.id, {
        createdAt: at(T0 + 2),
        revokedAt: at(T0 + 5),
        revokedReason: 'logout',
      });
      for (const session of [mine, other, loggedOut]) await storage.createSession(session);
      const pendingLogin = {
        id: randomUUID(),
        accountId: account.id,
        kind: 'full' as const,
        serverLoginState: blob(),
        expiresAt: at(T0 + 3_600_000),
      };
      await storage.putLoginAttempt(pendingLogin);
      const newKeyset = {
        kdf: { memoryKiB: 262_144, iterations: 3, parallelism: 1 },
        salt: blob(16),
        wrappedVaultKey: blob(72),
        accountKeyForDevices: blob(DEVICE_BOX_BYTES),
        recoveryWrappedVaultKey: account.keyset.recoveryWrappedVaultKey,
      };
      return { account, mine, other, loggedOut, pendingLogin, newKeyset };
    }

    test('replaces record and keyset, bumps the epoch, revokes the other sessions, keeps the given one', async () => {
      const { account, mine, other, loggedOut, pendingLogin, newKeyset } = await setup();
      const now = at(T0 + 10_000);
      const opaqueRecord = blob(192);
      expect(
        await storage.changePassword({
          accountId: account.id,
          expectedEpoch: 1,
          opaqueRecord,
          keyset: newKeyset,
          keepSessionId: mine.id,
          now,
        }),
      ).toBe(true);

      expect(await storage.getAccountById(account.id)).toEqual({
        ...account,
        opaqueRecord,
        keyset: newKeyset,
        keyEpoch: 2,
        keyEpochSince: now,
        revision: 0,
      });
      expect(await storage.getSessionByTokenHash(mine.tokenHash)).toEqual(mine);
      expect(await storage.getSessionByTokenHash(other.tokenHash)).toEqual({
        ...other,
        revokedAt: now,
        revokedReason: 'password-changed',
      });
      // An already revoked session keeps its original reason.
      expect(await storage.getSessionByTokenHash(loggedOut.tokenHash)).toEqual(loggedOut);
      // A login begun against the old OPAQUE record cannot finish.
      expect(await storage.takeLoginAttempt(pendingLogin.id, at(T0))).toBeNull();
    });

    test('a stale expectedEpoch writes nothing', async () => {
      const { account, mine, other, pendingLogin, newKeyset } = await setup();
      const first = {
        accountId: account.id,
        expectedEpoch: 1,
        opaqueRecord: blob(),
        keyset: newKeyset,
        keepSessionId: mine.id,
        now: at(T0 + 1_000),
      };
      // Nothing moved: the epoch is 1, so expecting 2 is stale.
      expect(await storage.changePassword({ ...first, expectedEpoch: 2 })).toBe(false);
      expect(await storage.getAccountById(account.id)).toEqual({ ...account, revision: 0 });
      expect(await storage.getSessionByTokenHash(other.tokenHash)).toEqual(other);
      expect(await storage.takeLoginAttempt(pendingLogin.id, at(T0))).toEqual(pendingLogin);

      expect(await storage.changePassword(first)).toBe(true);
      const afterFirst = await storage.getAccountById(account.id);
      const sessionsAfterFirst = await storage.listSessions(account.id);
      // A second device racing with the same expectation loses, and changes nothing, not even mine.
      expect(
        await storage.changePassword({
          ...first,
          opaqueRecord: blob(),
          keepSessionId: other.id,
          now: at(T0 + 2_000),
        }),
      ).toBe(false);
      expect(await storage.getAccountById(account.id)).toEqual(afterFirst);
      expect(await storage.listSessions(account.id)).toEqual(sessionsAfterFirst);
    });

    test('unknown account → false', async () => {
      const { newKeyset } = await setup();
      expect(
        await storage.changePassword({
          accountId: randomUUID(),
          expectedEpoch: 1,
          opaqueRecord: blob(),
          keyset: newKeyset,
          keepSessionId: null,
          now: at(T0),
        }),
      ).toBe(false);
    });

    test('keepSessionId null revokes every session', async () => {
      const { account, newKeyset } = await setup();
      await storage.changePassword({
        accountId: account.id,
        expectedEpoch: 1,
        opaqueRecord: blob(),
        keyset: newKeyset,
        keepSessionId: null,
        now: at(T0 + 1),
      });
      const sessions = await storage.listSessions(account.id);
      expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
      expect(sessions.map((s) => s.revokedReason)).toEqual([
        'password-changed',
        'password-changed',
        'logout',
      ]);
    });

    test('recovery: undefined leaves it, null removes it, a value replaces it', async () => {
      const { account, newKeyset } = await setup();
      const base = { accountId: account.id, opaqueRecord: blob(), keepSessionId: null, now: at(T0 + 1) };
      // undefined: the stored recovery record AND wrap stay, whatever the keyset carries.
      await storage.changePassword({
        ...base,
        expectedEpoch: 1,
        keyset: { ...newKeyset, recoveryWrappedVaultKey: null },
      });
      let stored = await storage.getAccountById(account.id);
      expect(stored?.recoveryOpaqueRecord).toBe(account.recoveryOpaqueRecord);
      expect(stored?.keyset.recoveryWrappedVaultKey).toBe(account.keyset.recoveryWrappedVaultKey);

      await storage.changePassword({
        ...base,
        expectedEpoch: 2,
        keyset: { ...newKeyset, recoveryWrappedVaultKey: null },
        recoveryOpaqueRecord: null,
      });
      stored = await storage.getAccountById(account.id);
      expect(stored?.recoveryOpaqueRecord).toBeNull();
      expect(stored?.keyset.recoveryWrappedVaultKey).toBeNull();

      const record = blob();
      const wrap = blob();
      await storage.changePassword({
        ...base,
        expectedEpoch: 3,
        keyset: { ...newKeyset, recoveryWrappedVaultKey: wrap },
        recoveryOpaqueRecord: record,
      });
      stored = await storage.getAccountById(account.id);
      expect(stored?.recoveryOpaqueRecord).toBe(record);
      expect(stored?.keyset.recoveryWrappedVaultKey).toBe(wrap);
      expect(stored?.keyEpoch).toBe(4);

      // A recovery record without its wrap is a caller's bug.
      await expect(
        storage.changePassword({
          ...base,
          expectedEpoch: 4,
          keyset: { ...newKeyset, recoveryWrappedVaultKey: null },
          recoveryOpaqueRecord: blob(),
        }),
      ).rejects.toThrow(TypeError);
      expect((await storage.getAccountById(account.id))?.keyEpoch).toBe(4);
    });
  });

  test('setRecovery adds, replaces and removes the pair', async () => {
    const account = newAccount();
    await storage.createAccount(account);
    const record = blob();
    const wrap = blob();
    await storage.setRecovery(account.id, record, wrap);
    let stored = await storage.getAccountById(account.id);
    expect([stored?.recoveryOpaqueRecord, stored?.keyset.recoveryWrappedVaultKey]).toEqual([record, wrap]);
    expect(stored?.keyEpoch).toBe(1);
    await storage.setRecovery(account.id, null, null);
    stored = await storage.getAccountById(account.id);
    expect([stored?.recoveryOpaqueRecord, stored?.keyset.recoveryWrappedVaultKey]).toEqual([null, null]);
    await expect(storage.setRecovery(account.id, blob(), null)).rejects.toThrow(TypeError);
    await expect(storage.setRecovery(account.id, null, blob())).rejects.toThrow(TypeError);
  });

  test('deleteAccount wipes everything of the account, frees the email, and leaves other accounts alone', async () => {
    const account = newAccount();
    const bystander = newAccount();
    const seeded = [];
    for (const a of [account, bystander]) {
      await storage.createAccount(a);
      const session = newSession(a.id);
      await storage.createSession(session);
      const login = {
        id: randomUUID(),
        accountId: a.id,
        kind: 'full' as const,
        serverLoginState: blob(),
        expiresAt: at(T0 + 3_600_000),
      };
      await storage.putLoginAttempt(login);
      await storage.putResetCode({
        accountId: a.id,
        codeHash: blob(),
        expiresAt: at(T0 + 3_600_000),
        attempts: 0,
      });
      await storage.push(
        a.id,
        [{ id: randomUUID(), baseRevision: 0, ciphertext: blob(), deleted: false }],
        at(T0),
      );
      seeded.push({ session, login });
    }

    await storage.deleteAccount(account.id);

    expect(await storage.getAccountById(account.id)).toBeNull();
    expect(await storage.getAccountByEmail(account.email)).toBeNull();
    expect(await storage.getSessionByTokenHash(seeded[0]!.session.tokenHash)).toBeNull();
    expect(await storage.listSessions(account.id)).toEqual([]);
    expect(await storage.takeLoginAttempt(seeded[0]!.login.id, at(T0))).toBeNull();
    expect(await storage.getResetCode(account.id)).toBeNull();
    expect(await storage.pull(account.id, 0, 100)).toEqual({ items: [], headRevision: 0, hasMore: false });

    // The bystander still has everything.
    expect(await storage.getAccountById(bystander.id)).not.toBeNull();
    expect(await storage.getSessionByTokenHash(seeded[1]!.session.tokenHash)).not.toBeNull();
    expect(await storage.takeLoginAttempt(seeded[1]!.login.id, at(T0))).not.toBeNull();
    expect(await storage.getResetCode(bystander.id)).not.toBeNull();
    expect((await storage.pull(bystander.id, 0, 100)).items).toHaveLength(1);

    // The email signs up again, as a new, empty account.
    const again = newAccount({ email: account.email });
    await storage.createAccount(again);
    expect(await storage.getAccountByEmail(account.email)).toEqual({ ...again, revision: 0 });
    expect(await storage.headRevision(again.id)).toBe(0);
  });

  describe('login attempts', () => {
    test('are taken once, fake ones (no account) included', async () => {
      const account = newAccount();
      await storage.createAccount(account);
      const real = {
        id: randomUUID(),
        accountId: account.id,
        kind: 'recovery' as const,
        serverLoginState: blob(),
        expiresAt: at(T0 + 60_000),
      };
      const fake = {
        id: randomUUID(),
        accountId: null,
        kind: 'full' as const,
        serverLoginState: blob(),
        expiresAt: at(T0 + 60_000),
      };
      await storage.putLoginAttempt(real);
      await storage.putLoginAttempt(fake);
      expect(await storage.takeLoginAttempt(real.id, at(T0))).toEqual(real);
      expect(await storage.takeLoginAttempt(real.id, at(T0))).toBeNull();
      expect(await storage.takeLoginAttempt(fake.id, at(T0))).toEqual(fake);
      expect(await storage.takeLoginAttempt(fake.id, at(T0))).toBeNull();
    });

    test('expired → null, and used up', async () => {
      const row = {
        id: randomUUID(),
        accountId: null,
        kind: 'full' as const,
        serverLoginState: blob(),
        expiresAt: at(T0 + 60_000),
      };
      await storage.putLoginAttempt(row);
      expect(await storage.takeLoginAttempt(row.id, at(T0 + 60_001))).toBeNull();
      expect(await storage.takeLoginAttempt(row.id, at(T0))).toBeNull();
    });
  });

  describe('sessions', () => {
    test('round trip by token hash; listed oldest first', async () => {
      const account = newAccount();
      await storage.createAccount(account);
      const first = newSession(account.id, { kind: 'recovery', deviceName: 'Chrome on macOS' });
      const second = newSession(account.id, { createdAt: at(T0 + 1_000), lastSeenAt: at(T0 + 1_000) });
      await storage.createSession(second);
      await storage.createSession(first);
      expect(await storage.getSessionByTokenHash(first.tokenHash)).toEqual(first);
      expect(await storage.getSessionByTokenHash(blob())).toBeNull();
      expect(await storage.listSessions(account.id)).toEqual([first, second]);
      expect(await storage.listSessions(randomUUID())).toEqual([]);
    });

    test('a session needs an existing account', async () => {
      await expect(storage.createSession(newSession(randomUUID()))).rejects.toThrow();
    });

    test('touchSession skips writes less than a minute apart', async () => {
      const account = newAccount();
      await storage.createAccount(account);
      const session = newSession(account.id);
      await storage.createSession(session);
      await storage.touchSession(session.id, at(T0 + 59_999));
      expect((await storage.getSessionByTokenHash(session.tokenHash))?.lastSeenAt).toEqual(at(T0));
      await storage.touchSession(session.id, at(T0 + 60_000));
      expect((await storage.getSessionByTokenHash(session.tokenHash))?.lastSeenAt).toEqual(at(T0 + 60_000));
      await storage.touchSession(session.id, at(T0 + 90_000));
      expect((await storage.getSessionByTokenHash(session.tokenHash))?.lastSeenAt).toEqual(at(T0 + 60_000));
      await storage.touchSession(randomUUID(), at(T0)); // unknown: no error
    });

    test("revokeSession: once, only the account's own", async () => {
      const account = newAccount();
      const stranger = newAccount();
      await storage.createAccount(account);
      await storage.createAccount(stranger);
      const session = newSession(account.id);
      await storage.createSession(session);
      expect(await storage.revokeSession(stranger.id, session.id, 'revoked', at(T0 + 1))).toBe(false);
      expect(await storage.getSessionByTokenHash(session.tokenHash)).toEqual(session);
      expect(await storage.revokeSession(account.id, session.id, 'revoked', at(T0 + 2))).toBe(true);
      expect(await storage.revokeSession(account.id, session.id, 'logout', at(T0 + 3))).toBe(false);
      expect(await storage.getSessionByTokenHash(session.tokenHash)).toEqual({
        ...session,
        revokedAt: at(T0 + 2),
        revokedReason: 'revoked',
      });
      expect(await storage.revokeSession(account.id, randomUUID(), 'revoked', at(T0))).toBe(false);
    });

    test('token hashes are unique', async () => {
      const account = newAccount();
      await storage.createAccount(account);
      const session = newSession(account.id);
      await storage.createSession(session);
      await expect(
        storage.createSession(newSession(account.id, { tokenHash: session.tokenHash })),
      ).rejects.toThrow();
    });
  });
});
