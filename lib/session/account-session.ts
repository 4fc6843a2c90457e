import { checkAccount } from '../account-service/check-account';
import type { AccountServiceDeps } from '../account-service/deps';
import type { DeviceState } from '../account-service/device-state';
import { toProtocolError } from '../account-service/protocol-error';
import type { UnlockedKeys } from '../account-service/unlocked-keys';
import { ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import type { AccountStatus, Notice, Result } from '../messaging/protocol';
import type { DeviceStore } from './device-store';
import type { HeldKeys, KeyCustody } from './key-custody';
import type { LockTimer } from './lock-timer';
import type { NoticeStore } from './notice-store';
import type { PendingSignInSlot } from './pending-sign-in';
import { keysMatch, readAccountStatus, REVOKED_NOTICE } from './account-status';
import { failure, ok } from './result';
import type { SettingsStore } from './settings-store';
import type { UnsyncedChangesSource } from './unsynced-changes';

/**
 * The account's state machine in the background (lib/session/README.md):
 *
 *   signed-out ──signIn.begin──▶ authenticating ──signIn.authenticate──▶ unlocked
 *   signed-out ──account.signUp / recovery.use──────────────────────────▶ unlocked
 *   unlocked ──lock, timeout──▶ locked ──unlock──▶ unlocked
 *   any signed-in phase ──server: password-changed──▶ password-changed ──unlock(NEW password)──▶ unlocked
 *   any signed-in phase ──server: session-revoked / unauthorized, sign-out, reset──▶ signed-out (+ notice)
 *
 * The phase is never stored as such: it is read from what is stored (device state, the password-changed mark)
 * and what custody holds, so a restarted worker cannot come back in a phase that disagrees with its data.
 * Handlers run one at a time (a second unlock waits for the first), so no handler sees another's half-done
 * transition.
 */

/** How the background reaches a server; `signal` lets a call be given a time limit. */
export interface ServerAccess {
  api(serverUrl: string, token: string | null, signal?: AbortSignal): ApiClient;
  deviceName: string;
  now?: () => Date;
  kdfParams?: AccountServiceDeps['kdfParams'];
}

export interface PasswordCheck {
  acceptable: boolean;
  reason: string | null;
}

/**
 * The vault's lifecycle as the session drives it (lib/session/background-vault.ts): opened after every unlock,
 * closed on every lock, deleted from this browser when the device is forgotten.
 */
export interface SessionVault {
  open(accountId: string, vaultKey: Uint8Array): Promise<void>;
  /**
   * An unlock is starting: read the vault's ciphertext from disk now (no key needed), so the read overlaps the
   * password's Argon2id instead of following it (DESIGN §7 unlock budget). Resolves once the reads are issued
   * (Argon2id blocks the thread: requests issued after it starts would wait for it); never rejects. The next
   * open uses what it read.
   */
  prefetch(accountId: string): Promise<void>;
  /**
   * The keys are open and the unlock is about to finish (server check, custody): start decrypting the list
   * now, beside those steps. Never fails; open() joins it, and close() drops it if the unlock goes no further.
   */
  prepare(accountId: string, vaultKey: Uint8Array): void;
  close(): Promise<void>;
  forget(accountId: string): Promise<void>;
}

export interface AccountSessionDeps<V extends SessionVault = SessionVault> {
  store: DeviceStore;
  settings: SettingsStore;
  notices: NoticeStore;
  custody: KeyCustody;
  timer: LockTimer;
  pending: PendingSignInSlot;
  server: ServerAccess;
  unsynced: UnsyncedChangesSource;
  /** The session uses only the lifecycle; `V` lets the handler table reach the rest (BackgroundVault). */
  vault: V;
  /** lib/account/password-strength.ts: the background refuses weak new passwords itself. */
  assessPassword(password: string, context: { email?: string }): Promise<PasswordCheck>;
  /** The most a server exchange may take (default SERVER_TIME_LIMIT_MS). */
  serverTimeLimitMs?: number;
}

/**
 * A server that accepts the connection and never answers (a hung proxy) must not hold the popup, and the
 * handlers queued behind it, forever. Generous, because an operation's clock also runs during its Argon2id
 * steps, which a slow machine may take seconds for.
 */
export const SERVER_TIME_LIMIT_MS = 30_000;

export class AccountSession<V extends SessionVault = SessionVault> {
  #queue: Promise<unknown> = Promise.resolve();
  #started: Promise<void> | undefined;

  constructor(readonly deps: AccountSessionDeps<V>) {}

  /**
   * What a worker does when it starts: takes the keys back from storage.session (or storage.local with the
   * 'never' timeout), drops keys that do not belong to the stored account, and locks if the inactivity
   * deadline passed while the worker slept. Runs once; every handler waits for it.
   */
  ready(): Promise<void> {
    // A start-up that failed (storage unavailable) is tried again by the next event, not remembered.
    this.#started ??= this.#start().catch((error: unknown) => {
      this.#started = undefined;
      throw error;
    });
    return this.#started;
  }

  async #start(): Promise<void> {
    const { custody, store, settings, timer } = this.deps;
    const { lockTimeout } = await settings.get();
    const device = await store.get();
    const held = await custody.restore({ persisted: lockTimeout === 'never' });
    if (held !== null && (!keysMatch(held, device) || (await store.passwordChanged()))) {
      await custody.wipe();
      await timer.disarm();
      return;
    }
    if (held === null) {
      await timer.disarm();
      return;
    }
    if (!(await timer.check()) && typeof lockTimeout === 'number' && (await timer.lockAt()) === null) {
      // Unlocked with a timeout but no deadline (written by a worker that stopped mid-way): count from now.
      await timer.arm(lockTimeout);
    }
  }

  /** Runs a handler's body after start-up, alone. */
  async run<T>(body: () => Promise<T>): Promise<T> {
    await this.ready();
    return this.#exclusive(body);
  }

  #exclusive<T>(body: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(body, body);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Popup activity (the router calls this for every accepted page message). */
  async touch(): Promise<void> {
    await this.ready();
    await this.deps.timer.touch();
  }

  /** The lock alarm fired. */
  async onLockAlarm(): Promise<void> {
    await this.ready();
    await this.deps.timer.check();
  }

  /** The inactivity timer's lock: queued like a handler, so it never cuts an unlock in half. */
  lock(): Promise<void> {
    return this.#exclusive(() => this.lockNow());
  }

  // ---- reading the state ---------------------------------------------------------------------------------

  status(): Promise<AccountStatus> {
    return readAccountStatus(this.deps);
  }

  /** The status for a page; a stored notice it carries has now been shown, so it is cleared. */
  async answerStatus(): Promise<Result<AccountStatus>> {
    const status = await this.status();
    if (
      (status.phase === 'signed-out' || status.phase === 'locked' || status.phase === 'unlocked') &&
      status.notice
    ) {
      await this.deps.notices.clear();
    }
    return ok(status);
  }

  device(): Promise<DeviceState | null> {
    return this.deps.store.get();
  }

  /** The device and its keys, or the failure a handler answers when the vault is not open. */
  async unlocked(): Promise<{ device: DeviceState; held: HeldKeys } | { failure: Result<never> }> {
    const device = await this.deps.store.get();
    if (device === null) return { failure: failure('not-signed-in', 'This browser is not signed in.') };
    const held = this.deps.custody.held;
    if (!keysMatch(held, device) || (await this.deps.store.passwordChanged())) {
      return { failure: failure('locked', 'Latchkey is locked. Unlock it first.') };
    }
    return { device, held };
  }

  // ---- transitions ---------------------------------------------------------------------------------------

  /** After sign-up, sign-in, unlock, recovery: the state is saved and the keys taken into custody. */
  async becomeUnlocked(state: DeviceState, keys: UnlockedKeys): Promise<void> {
    const { lockTimeout } = await this.deps.settings.get();
    await this.deps.store.set(state);
    await this.deps.custody.keep(
      { accountId: state.accountId, keyEpoch: state.keyEpoch, keys },
      { persisted: lockTimeout === 'never' },
    );
    await this.deps.timer.arm(lockTimeout);
    this.deps.pending.clear();
    await this.deps.notices.clear();
    await this.deps.vault.open(state.accountId, keys.vaultKey);
  }

  async lockNow(): Promise<void> {
    await this.deps.vault.close();
    await this.deps.timer.disarm();
    await this.deps.custody.wipe();
  }

  /** The device is no longer signed in (signed out here, revoked elsewhere, account reset). */
  async forgetDevice(notice: Notice | null): Promise<void> {
    const device = await this.deps.store.get();
    await this.lockNow();
    if (device) await this.deps.vault.forget(device.accountId);
    await this.deps.store.clear();
    this.deps.pending.clear();
    if (notice) await this.deps.notices.set(notice);
    else await this.deps.notices.clear();
  }

  async passwordChangedElsewhere(): Promise<void> {
    await this.lockNow();
    await this.deps.store.markPasswordChanged();
  }

  // ---- the server ----------------------------------------------------------------------------------------

  /**
   * The account-service deps. Each client it makes gives up after the server time limit, or sooner when
   * `signal` fires (the unlock check's shorter limit).
   */
  service(signal?: AbortSignal): AccountServiceDeps {
    const { server } = this.deps;
    const limitMs = this.deps.serverTimeLimitMs ?? SERVER_TIME_LIMIT_MS;
    const bounded = () => {
      const timeout = AbortSignal.timeout(limitMs);
      return signal ? AbortSignal.any([signal, timeout]) : timeout;
    };
    return {
      api: (serverUrl, token) => server.api(serverUrl, token ?? null, bounded()),
      deviceName: server.deviceName,
      ...(server.now ? { now: server.now } : {}),
      ...(server.kdfParams ? { kdfParams: server.kdfParams } : {}),
    };
  }

  /** A server call with no session behind it (sign-up, sign-in, reset): failures become Results. */
  async call<T>(serverUrl: string, operation: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await operation());
    } catch (error) {
      return this.toFailure(error, serverUrl);
    }
  }

  /**
   * A server call with this device's session. The one place where the server's word changes the state:
   * session-revoked and unauthorized sign the device out (with a notice), password-changed locks it and asks
   * for the new password. An expired session is renewed with the kept login secret and the call made again.
   */
  async callSignedIn<T>(operation: (device: DeviceState) => Promise<T>): Promise<Result<T>> {
    const device = await this.deps.store.get();
    if (device === null) return failure('not-signed-in', 'This browser is not signed in.');
    try {
      return ok(await operation(device));
    } catch (error) {
      const renewed = await this.#renewSession(device, error);
      if (renewed === null) return this.#failSignedIn(error, device);
      try {
        return ok(await operation(renewed));
      } catch (retryError) {
        return this.#failSignedIn(retryError, renewed);
      }
    }
  }

  /** After session-expired while unlocked: a new session from the login secret (checkAccount does it). */
  async #renewSession(device: DeviceState, error: unknown): Promise<DeviceState | null> {
    const held = this.deps.custody.held;
    if (!(error instanceof ApiError && error.code === 'session-expired') || !keysMatch(held, device)) {
      return null;
    }
    try {
      const renewed = await checkAccount(device, held.keys, this.service());
      await this.deps.store.set(renewed);
      return renewed;
    } catch {
      return null;
    }
  }

  async #failSignedIn(error: unknown, device: DeviceState): Promise<Result<never>> {
    await this.reactToServer(error);
    return this.toFailure(error, device.serverUrl);
  }

  /** What the server's answer means for this device's state. */
  async reactToServer(error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) return;
    if (error.code === 'session-revoked') await this.forgetDevice(REVOKED_NOTICE);
    else if (error.code === 'unauthorized') {
      await this.forgetDevice({ kind: 'signed-out', message: toProtocolError(error).message });
    } else if (error.code === 'password-changed') await this.passwordChangedElsewhere();
  }

  /**
   * An expected failure becomes its Result (lib/account-service's wording); anything else is a bug and is
   * thrown on, so the router logs it and answers 'internal'.
   */
  toFailure(error: unknown, serverUrl?: string): Result<never> {
    const protocolError = toProtocolError(error, serverUrl === undefined ? {} : { serverUrl });
    if (protocolError.code === 'internal' && !(error instanceof ApiError)) throw error;
    return { ok: false, error: protocolError };
  }

  /** Refuses a weak new password with the reason (lib/account/password-strength.ts). */
  async refuseWeak(password: string, email: string): Promise<Result<never> | null> {
    const verdict = await this.deps.assessPassword(password, { email });
    if (verdict.acceptable) return null;
    return failure('weak-password', verdict.reason ?? 'This password is too easy to guess.');
  }
}
