import type { RouteDeps } from '../app-deps';
import { fakeAccount, fakeAccountKeyForDevices } from '../fake-account';
import { finishOpaqueLogin, startOpaqueLogin } from '../opaque-login';
import type { Router } from '../router';
import { issueSession } from '../sessions';
import { sessionGrantWire } from '../wire';

/**
 * Pre-login and the password login (DESIGN §2 "Login"). Pre-login tells the client how to derive the login
 * secret (KDF parameters, salt) and which key epoch is current, so it can check a scanned kit before logging in,
 * and hands out the devices' Account Key box, so a device whose password was changed elsewhere can get the AK
 * back from the new password and its device secret. The box needs that secret (derived from the AK) to open, so
 * handing it out unauthenticated lets no one test password guesses.
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
          // An account from before the box existed has none. Answering null would tell it apart from an unknown
          // email (whose fakes always have one), so it gets a fake, tied to its real epoch as a real box is. No
          // device needs its box: devices fetch it after a password change, and every change stores a real one.
          box:
            account.keyset.accountKeyForDevices ??
            fakeAccountKeyForDevices(body.email, account.keyEpoch, deps.secrets),
        }
      : {
          kdf: fake.kdf,
          salt: fake.salt,
          keyEpoch: fake.keyEpoch,
          since: fake.keyEpochSince,
          box: fake.accountKeyForDevices,
        };
    return {
      kdf: { ...answer.kdf },
      salt: answer.salt,
      keyEpoch: answer.keyEpoch,
      keyEpochSince: answer.since.toISOString(),
      accountKeyForDevices: answer.box,
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
