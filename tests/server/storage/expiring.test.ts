import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Storage } from '../../../server/storage/storage';
import { backendFactories, type Backend } from './backends';
import { at, blob, newAccount, newSession, T0 } from './fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Short-lived state: account-reset codes, rate-limit windows, and purging what has expired.
describe.each(backendFactories)('$name storage: expiring state', (factory) => {
  let backend: Backend;
  let storage: Storage;

  beforeAll(async () => {
    backend = await factory.start();
    storage = await backend.open();
  }, 30_000);
  afterAll(() => backend?.dispose());

  async function account(): Promise<string> {
    const row = newAccount();
    await storage.createAccount(row);
    return row.id;
  }

  test('reset codes: put, read, count failed attempts, replace, delete', async () => {
    const accountId = await account();
    expect(await storage.getResetCode(accountId)).toBeNull();
    expect(await storage.bumpResetAttempts(accountId)).toBe(0);

    const code = { accountId, codeHash: blob(), expiresAt: at(T0 + HOUR), attempts: 0 };
    await storage.putResetCode(code);
    expect(await storage.getResetCode(accountId)).toEqual(code);
    expect(await storage.bumpResetAttempts(accountId)).toBe(1);
    expect(await storage.bumpResetAttempts(accountId)).toBe(2);
    expect((await storage.getResetCode(accountId))?.attempts).toBe(2);

    // A new code replaces the old one, counter included.
    const replacement = { accountId, codeHash: blob(), expiresAt: at(T0 + 2 * HOUR), attempts: 0 };
    await storage.putResetCode(replacement);
    expect(await storage.getResetCode(accountId)).toEqual(replacement);

    await storage.deleteResetCode(accountId);
    expect(await storage.getResetCode(accountId)).toBeNull();
  });

  test('concurrent failed attempts are all counted', async () => {
    const accountId = await account();
    const other = await backend.open();
    await storage.putResetCode({ accountId, codeHash: blob(), expiresAt: at(T0 + HOUR), attempts: 0 });
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? storage : other).bumpResetAttempts(accountId)),
    );
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  describe('rate limits', () => {
    test('count hits per key in fixed windows', async () => {
      const key = `login:ip:${randomUUID()}`;
      const start = Math.ceil(T0 / MINUTE) * MINUTE;
      expect(await storage.hitRateLimit(key, MINUTE, at(start))).toBe(1);
      expect(await storage.hitRateLimit(key, MINUTE, at(start + 10_000))).toBe(2);
      expect(await storage.hitRateLimit(key, MINUTE, at(start + MINUTE - 1))).toBe(3);
      // The next window starts from zero.
      expect(await storage.hitRateLimit(key, MINUTE, at(start + MINUTE))).toBe(1);
      // Other keys, and other window lengths for the same key, count apart.
      expect(await storage.hitRateLimit(`${key}-other`, MINUTE, at(start))).toBe(1);
      expect(await storage.hitRateLimit(key, HOUR, at(start))).toBe(1);
    });

    test('concurrent hits from two instances are all counted', async () => {
      const other = await backend.open();
      const key = `reset:account:${randomUUID()}`;
      const counts = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? storage : other).hitRateLimit(key, HOUR, at(T0))),
      );
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });

    test('a bad window → RangeError', async () => {
      await expect(storage.hitRateLimit('k', 0, at(T0))).rejects.toThrow(RangeError);
      await expect(storage.hitRateLimit('k', 1.5, at(T0))).rejects.toThrow(RangeError);
    });
  });

  test('purgeExpired deletes expired attempts, codes and windows, and nothing else', async () => {
    // A clock far from the other tests' rows, so their leftovers do not matter.
    const now = T0 + 1_000 * HOUR;
    const live = await account();
    const expired = await account();
    const session = newSession(live, { expiresAt: at(now - 1) });
    await storage.createSession(session);

    const attempt = (expiresAt: number) => ({
      id: randomUUID(),
      accountId: live,
      kind: 'full' as const,
      serverLoginState: blob(),
      expiresAt: at(expiresAt),
    });
    const oldLogin = attempt(now);
    const newLogin = attempt(now + 1);
    await storage.putLoginAttempt(oldLogin);
    await storage.putLoginAttempt(newLogin);
    const signup = (expiresAt: number) => ({
      id: randomUUID(),
      accountId: randomUUID(),
      email: 'x@example.com',
      expiresAt: at(expiresAt),
    });
    const oldSignup = signup(now - 1);
    const newSignup = signup(now + MINUTE);
    await storage.putSignupAttempt(oldSignup);
    await storage.putSignupAttempt(newSignup);
    await storage.putResetCode({ accountId: expired, codeHash: blob(), expiresAt: at(now - 1), attempts: 3 });
    await storage.putResetCode({ accountId: live, codeHash: blob(), expiresAt: at(now + 1), attempts: 0 });
    const key = `purge:${randomUUID()}`;
    await storage.hitRateLimit(key, MINUTE, at(now - MINUTE)); // window ended at `now`
    await storage.hitRateLimit(key, MINUTE, at(now)); // window [now, now + 1 min)

    await storage.purgeExpired(at(now));

    // Taking with an earlier clock shows whether the row is still there.
    expect(await storage.takeLoginAttempt(oldLogin.id, at(T0))).toBeNull();
    expect(await storage.takeLoginAttempt(newLogin.id, at(T0))).toEqual(newLogin);
    expect(await storage.takeSignupAttempt(oldSignup.id, at(T0))).toBeNull();
    expect(await storage.takeSignupAttempt(newSignup.id, at(T0))).toEqual(newSignup);
    expect(await storage.getResetCode(expired)).toBeNull();
    expect(await storage.getResetCode(live)).not.toBeNull();
    expect(await storage.hitRateLimit(key, MINUTE, at(now - MINUTE))).toBe(1); // purged: counts from zero
    expect(await storage.hitRateLimit(key, MINUTE, at(now))).toBe(2); // kept
    // Sessions and accounts are not purged (the contract lists what purgeExpired deletes).
    expect(await storage.getSessionByTokenHash(session.tokenHash)).toEqual(session);
    expect(await storage.getAccountById(expired)).not.toBeNull();
  });
});
