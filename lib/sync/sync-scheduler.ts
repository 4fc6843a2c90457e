import { randomBytes } from '../crypto/random';
import type { ProtocolError, SyncStatus } from '../messaging/protocol';
import type { StoredStatus, SyncStatusStore } from './sync-status-store';

/**
 * When the background syncs (DESIGN §1, issue 5 "Triggers"): after unlock, after each local change (debounced),
 * on a periodic alarm, on "Sync now" and on the sync shortcut. One sync at a time: a trigger during a sync asks
 * for exactly one more pass after it (it may carry a change the running pass did not see), never a second
 * concurrent one. After a failure that may heal by itself (network, server unavailable or failing, rate
 * limited) the next automatic attempt waits, doubling each time (backoff below). Session failures (revoked,
 * password changed) are the account session's business and are not retried.
 *
 * No browser globals: the alarms API and the timers are passed in, so tests drive it with a fake clock.
 */

/** The periodic alarm (created at start-up when absent) and the one-shot retry alarm. */
export const SYNC_ALARM = 'latchkey-sync';
export const SYNC_RETRY_ALARM = 'latchkey-sync-retry';
export const SYNC_PERIOD_MINUTES = 5;
/**
 * A burst of edits becomes one sync. Short enough for the worker to still be alive when it fires: Chrome stops
 * an idle service worker ~30 s after its last event (developer.chrome.com, "The extension service worker
 * lifecycle"); if it is stopped anyway, the periodic alarm sends the change.
 */
export const CHANGE_DEBOUNCE_MS = 2_000;
/** Backoff: 30 s × 2^(failures − 1), at most 15 min, ±10 % jitter so many browsers do not retry in step. */
export const BACKOFF_FIRST_MS = 30_000;
export const BACKOFF_MAX_MS = 15 * 60_000;
export const BACKOFF_JITTER = 0.1;
/** Chrome fires alarms no sooner than 30 s after they are set (chrome.alarms, MV3): never promise sooner. */
export const MIN_ALARM_DELAY_MS = 30_000;

/** What one pass came to. `skipped`: locked or signed out (or locked mid-way): nothing to say about sync. */
export type SyncAttempt =
  | { kind: 'done'; pending: number; damaged: number }
  | { kind: 'failed'; error: ProtocolError }
  | { kind: 'skipped' };

/** The part of browser.alarms the scheduler uses. */
export interface SyncAlarms {
  create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void> | void;
  get(name: string): Promise<unknown>;
  clear(name: string): Promise<unknown>;
}

export interface SyncClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncSchedulerDeps {
  /** One sync pass; expected failures are answered, not thrown. */
  attempt(): Promise<SyncAttempt>;
  /** The live counts while the vault is open (they change with every local edit), else null. */
  counts(): { pending: number; damaged: number } | null;
  store: SyncStatusStore;
  alarms: SyncAlarms;
  clock: SyncClock;
  /** A number in [0, 1) for the jitter (default: the platform CSPRNG; the lint forbids Math.random). */
  random?(): number;
  log(line: string): void;
}

/** The failures worth retrying without the user: they may heal by themselves. */
const TRANSIENT = new Set<ProtocolError['code']>(['network', 'unavailable', 'rate-limited', 'internal']);

/** The wait before the `failures`-th automatic retry (failures ≥ 1), with the server's Retry-After as a floor. */
export function backoffDelayMs(failures: number, random: number, retryAfterSeconds?: number): number {
  const base = Math.min(BACKOFF_FIRST_MS * 2 ** Math.min(failures - 1, 30), BACKOFF_MAX_MS);
  const jittered = base * (1 + BACKOFF_JITTER * (2 * random - 1));
  return Math.round(Math.max(jittered, MIN_ALARM_DELAY_MS, (retryAfterSeconds ?? 0) * 1000));
}

export class SyncScheduler {
  #loop: Promise<void> | null = null;
  #again = false;
  #debounce: { handle: unknown } | null = null;
  /** Triggers being handled (checking the backoff, or waiting for their pass). */
  readonly #triggers = new Set<Promise<void>>();
  /** Bumped by stop() and reset(): a pass that was running then must not write its status afterwards. */
  #epoch = 0;

  constructor(private readonly deps: SyncSchedulerDeps) {}

  /** At every worker start: the periodic alarm exists (alarms survive worker restarts, not always updates). */
  async start(): Promise<void> {
    if ((await this.deps.alarms.get(SYNC_ALARM)) === undefined) {
      await this.deps.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
    }
  }

  /** Right after unlock: the vault should catch up at once, whatever an earlier failure scheduled. */
  afterUnlock(): void {
    this.#after(0, false);
  }

  /** After a local change: one sync for a burst of edits, unless a retry is already scheduled. */
  afterLocalChange(): void {
    this.#after(CHANGE_DEBOUNCE_MS, true);
  }

  /** The alarms listener; answers whether the alarm was one of ours. */
  async onAlarm(name: string): Promise<boolean> {
    if (name === SYNC_ALARM) await this.#run(true);
    else if (name === SYNC_RETRY_ALARM) await this.#run(false);
    else return false;
    return true;
  }

  /** "Sync now" and the shortcut: waits for the running pass and the one after it; answers the final status. */
  async syncNow(): Promise<SyncStatus> {
    await this.#run(false);
    return this.status();
  }

  /** Resolves when no trigger is being handled and no pass runs (a test's way to wait for a triggered sync). */
  async idle(): Promise<void> {
    while (this.#triggers.size > 0) await Promise.allSettled([...this.#triggers]);
  }

  async status(): Promise<SyncStatus> {
    const { failures: _failures, ...stored } = await this.deps.store.get();
    const live = this.deps.counts();
    return { ...stored, ...(live ?? {}), syncing: this.#loop !== null };
  }

  /**
   * On lock: nothing more runs until the next unlock (the periodic alarm stays and finds the vault locked).
   * `counts` are the closing vault's, kept so the status stays true while nothing can read the vault.
   */
  async stop(counts: { pending: number; damaged: number } | null = null): Promise<void> {
    this.#epoch += 1;
    this.#cancelDebounce();
    await this.deps.alarms.clear(SYNC_RETRY_ALARM);
    const stored = await this.deps.store.get();
    if (stored.nextRetryAt !== null || counts !== null) {
      await this.deps.store.set({ ...stored, ...(counts ?? {}), nextRetryAt: null });
    }
  }

  /** On sign-out: stops, and forgets the status (it belonged to the account). */
  async reset(): Promise<void> {
    this.#epoch += 1;
    this.#cancelDebounce();
    await this.deps.alarms.clear(SYNC_RETRY_ALARM);
    await this.deps.store.clear();
  }

  #after(delayMs: number, respectBackoff: boolean): void {
    this.#cancelDebounce();
    const debounce = {
      handle: this.deps.clock.setTimeout(() => {
        if (this.#debounce === debounce) this.#debounce = null;
        this.#run(respectBackoff).catch((error: unknown) => this.deps.log(`sync: ${String(error)}`));
      }, delayMs),
    };
    this.#debounce = debounce;
  }

  #cancelDebounce(): void {
    if (this.#debounce) this.deps.clock.clearTimeout(this.#debounce.handle);
    this.#debounce = null;
  }

  #run(respectBackoff: boolean): Promise<void> {
    const trigger = this.#join(respectBackoff);
    this.#triggers.add(trigger);
    const forget = () => this.#triggers.delete(trigger);
    trigger.then(forget, forget);
    return trigger;
  }

  /** Single flight: joins the running loop (asking for one more pass), or starts one. */
  async #join(respectBackoff: boolean): Promise<void> {
    if (respectBackoff && this.#loop === null) {
      const { nextRetryAt } = await this.deps.store.get();
      if (nextRetryAt !== null && Date.parse(nextRetryAt) > this.deps.clock.now()) return;
    }
    if (this.#loop) {
      this.#again = true;
      return this.#loop;
    }
    this.#loop = (async () => {
      try {
        do {
          this.#again = false;
          await this.#pass();
        } while (this.#again);
      } finally {
        this.#loop = null;
      }
    })();
    return this.#loop;
  }

  async #pass(): Promise<void> {
    const epoch = this.#epoch;
    let attempt: SyncAttempt;
    try {
      attempt = await this.deps.attempt();
    } catch (error) {
      // attempt() answers expected failures; a throw is a bug, said generically and logged without detail.
      this.deps.log(`sync failed unexpectedly: ${error instanceof Error ? error.name : 'unknown'}`);
      attempt = { kind: 'failed', error: { code: 'internal', message: 'Sync failed unexpectedly.' } };
    }
    if (attempt.kind === 'skipped' || epoch !== this.#epoch) return;
    const now = this.deps.clock.now();
    const stored = await this.deps.store.get();
    let next: StoredStatus;
    if (attempt.kind === 'done') {
      await this.deps.alarms.clear(SYNC_RETRY_ALARM);
      next = {
        lastSuccessAt: new Date(now).toISOString(),
        pending: attempt.pending,
        damaged: attempt.damaged,
        lastError: null,
        nextRetryAt: null,
        failures: 0,
      };
    } else {
      const failures = stored.failures + 1;
      const { error } = attempt;
      let nextRetryAt: string | null = null;
      if (TRANSIENT.has(error.code)) {
        const when = now + backoffDelayMs(failures, this.#random(), error.retryAfter);
        await this.deps.alarms.create(SYNC_RETRY_ALARM, { when });
        nextRetryAt = new Date(when).toISOString();
      } else {
        await this.deps.alarms.clear(SYNC_RETRY_ALARM);
      }
      const lastError = {
        code: error.code,
        message: error.message.slice(0, 500),
        at: new Date(now).toISOString(),
      };
      next = { ...stored, ...(this.deps.counts() ?? {}), lastError, nextRetryAt, failures };
    }
    await this.deps.store.set(next);
  }

  #random(): number {
    if (this.deps.random) return this.deps.random();
    const [a = 0, b = 0, c = 0, d = 0] = randomBytes(4);
    return (((a << 24) >>> 0) + (b << 16) + (c << 8) + d) / 2 ** 32;
  }
}
