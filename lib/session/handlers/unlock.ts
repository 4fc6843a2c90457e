import { WrongPasswordError } from '../../account/errors';
import { checkAccount } from '../../account-service/check-account';
import type { DeviceState } from '../../account-service/device-state';
import { unlock } from '../../account-service/open-account-key';
import { prelogin } from '../../account-service/prelogin';
import { unlockAfterPasswordChange } from '../../account-service/unlock-after-password-change';
import type { UnlockedKeys } from '../../account-service/unlocked-keys';
import { ApiError } from '../../api/api-error';
import type { Handlers, Result } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import { wipeKeys } from '../key-custody';
import { failure, ok } from '../result';

/**
 * How long an unlock waits for the server's word on the account (revoked? password changed?) before it
 * unlocks anyway: the vault must open offline, and a slow network must not hold the popup for long.
 */
export const UNLOCK_CHECK_TIME_LIMIT_MS = 5_000;

/** The most an unlock waits for the vault's disk reads to be issued before it starts Argon2id. */
const PREFETCH_WAIT_MS = 50;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The server's answers after which the device must not stay unlocked. */
const STATE_CHANGING = new Set(['session-revoked', 'password-changed', 'unauthorized']);

export function unlockHandlers(
  session: AccountSession,
  options: { checkTimeLimitMs?: number } = {},
): Pick<Handlers, 'status.get' | 'unlock' | 'lock' | 'activity.touch' | 'settings.setLockTimeout'> {
  const timeLimitMs = options.checkTimeLimitMs ?? UNLOCK_CHECK_TIME_LIMIT_MS;

  return {
    'status.get': () => session.run(() => session.answerStatus()),

    unlock: (request) =>
      session.run(async () => {
        const device = await session.device();
        if (device === null) return failure('not-signed-in', 'This browser is not signed in.');
        const status = await session.status();
        if (status.phase === 'unlocked') return session.answerStatus();

        // The vault's reads go out first (a few ms to open the database), then Argon2id runs while they
        // proceed. Capped: a slow disk must not hold the unlock.
        await Promise.race([session.deps.vault.prefetch(device.accountId), delay(PREFETCH_WAIT_MS)]);
        const opened =
          status.phase === 'password-changed'
            ? await afterPasswordChange(session, device, request.password)
            : await openLocally(session, device, request.password, timeLimitMs);
        if (!opened.ok) return opened;

        session.deps.vault.prepare(opened.value.state.accountId, opened.value.keys.vaultKey);
        try {
          const checked = await checkWithTimeLimit(
            session,
            opened.value.state,
            opened.value.keys,
            timeLimitMs,
          );
          if (!checked.ok) {
            wipeKeys(opened.value.keys);
            await session.deps.vault.close();
            return checked;
          }
          await session.becomeUnlocked(checked.value, opened.value.keys);
        } catch (error) {
          await session.deps.vault.close();
          throw error;
        }
        return session.answerStatus();
      }),

    lock: () =>
      session.run(async () => {
        await session.lockNow();
        return session.answerStatus();
      }),

    // The router restarted the timer before this runs; this only says when it will fire.
    'activity.touch': async () => {
      await session.ready();
      const lockAt = await session.deps.timer.lockAt();
      return ok({ lockAt: lockAt?.toISOString() ?? null });
    },

    'settings.setLockTimeout': ({ lockTimeout }) =>
      session.run(async () => {
        await session.deps.settings.setLockTimeout(lockTimeout);
        if ((await session.status()).phase === 'unlocked') {
          await session.deps.timer.arm(lockTimeout);
          await session.deps.custody.setPersisted(lockTimeout === 'never');
        }
        return session.answerStatus();
      }),
  };
}

type Opened = Result<{ state: DeviceState; keys: UnlockedKeys }>;

/**
 * The usual unlock: the password opens this device's keys, no network. When it does not, the password may
 * have been changed on another device that this one has not heard of yet, and the user is typing the NEW one:
 * pre-login tells whether the key epoch moved, and if so the new password opens the server's new box.
 */
async function openLocally(
  session: AccountSession,
  device: DeviceState,
  password: string,
  timeLimitMs: number,
): Promise<Opened> {
  try {
    return ok({ state: device, keys: await unlock(device, password) });
  } catch (error) {
    if (!(error instanceof WrongPasswordError)) return session.toFailure(error);
  }
  const wrong = failure('wrong-password', new WrongPasswordError().message);
  let epoch: number;
  try {
    epoch = (
      await prelogin(device.serverUrl, device.email, session.service(AbortSignal.timeout(timeLimitMs)))
    ).keyEpoch;
  } catch {
    return wrong; // offline: the password did not open the keys this device has, and that is all we know
  }
  if (epoch <= device.keyEpoch) return wrong;
  const opened = await afterPasswordChange(session, device, password);
  if (!opened.ok && opened.error.code === 'wrong-password') return wrong;
  return opened;
}

/** The server said (now or earlier) the password was changed elsewhere: only the new one can open. */
async function afterPasswordChange(
  session: AccountSession,
  device: DeviceState,
  password: string,
): Promise<Opened> {
  try {
    return ok(await unlockAfterPasswordChange(device, password, session.service()));
  } catch (error) {
    if (error instanceof ApiError) await session.reactToServer(error);
    return session.toFailure(error, device.serverUrl);
  }
}

/**
 * After the keys opened: does the server still know this device? Revoked → signed out; password changed →
 * locked, asking for the new password. Anything else (offline, slow, rate-limited, server error) → unlocked
 * anyway, with the stored state.
 */
async function checkWithTimeLimit(
  session: AccountSession,
  state: DeviceState,
  keys: UnlockedKeys,
  timeLimitMs: number,
): Promise<Result<DeviceState>> {
  try {
    return ok(await checkAccount(state, keys, session.service(AbortSignal.timeout(timeLimitMs))));
  } catch (error) {
    if (!(error instanceof ApiError && STATE_CHANGING.has(error.code))) return ok(state);
    // The state must be the one the check was about (after a password change it is not stored yet).
    await session.deps.store.set(state);
    await session.reactToServer(error);
    return session.toFailure(error, state.serverUrl);
  }
}
