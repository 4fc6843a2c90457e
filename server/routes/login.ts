import type { RouteDeps } from '../app-deps';
import { fakeAccount } from '../fake-account';
import { finishOpaqueLogin, startOpaqueLogin } from '../opaque-login';
import type { Router } from '../router';
import { issueSession } from '../sessions';
import { sessionGrantWire } from '../wire';

/**
 * Pre-login and the password login (DESIGN §2 "Login"). Pre-login tells the client how to derive the login
 * secret (KDF parameters, salt) and which key epoch is current, so it can check a scanned kit before logging in.
 */
export function registerLoginRoutes(router: Router, deps: RouteDeps): void {
  const { storage, clock, rateLimiter } = deps;

  router.on('prelogin', async ({ body, ip }) => {
    await rateLimiter.hit('prelogin:ip', ip);
    await rateLimiter.hit('prelogin:email', body.email);
    // Both are computed on every call, so an unknown email costs what a known one does.
    const account = await storage.getAccountByEmail(body.email);
    const fake = fakeAccount(body.email, deps.secrets, clock.now());
    const answer = account
      ? {
          kdf: account.keyset.kdf,
          salt: account.keyset.salt,
          keyEpoch: account.keyEpoch,
          since: account.keyEpochSince,
        }
      : { kdf: fake.kdf, salt: fake.salt, keyEpoch: fake.keyEpoch, since: fake.keyEpochSince };
    return {
      kdf: { ...answer.kdf },
      salt: answer.salt,
      keyEpoch: answer.keyEpoch,
      keyEpochSince: answer.since.toISOString(),
    };
  });

  router.on('loginStart', async ({ body, ip }) => {
    await rateLimiter.hit('login:ip', ip);
    await rateLimiter.hit('login:email', body.email);
    return startOpaqueLogin(deps, 'full', body.email, body.startLoginRequest);
  });

  router.on('loginFinish', async ({ body }) => {
    const account = await finishOpaqueLogin(deps, 'full', body.loginId, body.finishLoginRequest);
    const { token, session } = await issueSession(storage, {
      accountId: account.id,
      kind: 'full',
      deviceName: body.deviceName,
      ttlMs: deps.config.sessionTtlDays * 86_400_000,
      now: clock.now(),
    });
    return sessionGrantWire(account, token, session.expiresAt);
  });
}
