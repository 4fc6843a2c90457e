import * as v from 'valibot';
import type { LockTimeout } from '../messaging/protocol';
import { readKey, type StorageArea } from './storage-area';

/**
 * The inactivity lock (DESIGN §1; Bitwarden's "vault timeout"): with a timeout of N minutes, the vault locks N
 * minutes after the last use of the popup. The deadline lives in storage.session, not in a variable, because
 * Chrome stops an idle service worker long before the deadline; the `alarms` API wakes it at the deadline, and
 * every wake (alarm, message, browser event) checks the deadline first. 'browser-restart' and 'never' have no
 * deadline: storage.session going away with the browser is the first one's lock.
 */

/** The alarm's name (alarms are per extension; one is enough). */
export const LOCK_ALARM = 'latchkey.lock';
export const DEADLINE_STORAGE_KEY = 'latchkey.lockDeadline';

/**
 * A touch that would move the deadline by less than this writes nothing: the popup may report activity often,
 * and one storage write plus one alarm per second is plenty for a timeout counted in minutes.
 */
export const TOUCH_RESOLUTION_MS = 1_000;

/** The part of browser.alarms the timer uses. */
export interface AlarmScheduler {
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<unknown>;
}

export interface LockTimerDeps {
  session: StorageArea;
  alarms: AlarmScheduler;
  /** Milliseconds since the epoch (Date.now in the background; a test clock in tests). */
  now(): number;
  /** Locks the vault; called at most once per deadline. */
  lock(): Promise<void>;
}

const Deadline = v.strictObject({
  /** When to lock, ms since the epoch. */
  at: v.pipe(v.number(), v.safeInteger()),
  minutes: v.picklist([1, 5, 15, 60] as const),
});
type Deadline = v.InferOutput<typeof Deadline>;

export class LockTimer {
  constructor(private readonly deps: LockTimerDeps) {}

  /** After an unlock, or when the setting changes while unlocked: starts (or stops) counting. */
  async arm(timeout: LockTimeout): Promise<void> {
    if (typeof timeout !== 'number') return this.disarm();
    await this.#schedule({ at: this.deps.now() + timeout * 60_000, minutes: timeout });
  }

  /** After a lock or sign-out. */
  async disarm(): Promise<void> {
    await this.deps.session.remove([DEADLINE_STORAGE_KEY]);
    await this.deps.alarms.clear(LOCK_ALARM);
  }

  /**
   * User activity: restarts the count. Activity after the deadline does not revive the session: it locks
   * (the worker may have slept through the alarm).
   */
  async touch(): Promise<void> {
    const deadline = await this.#read();
    if (deadline === null) return;
    const now = this.deps.now();
    if (now >= deadline.at) return this.#expire();
    const at = now + deadline.minutes * 60_000;
    if (at - deadline.at < TOUCH_RESOLUTION_MS) return;
    await this.#schedule({ at, minutes: deadline.minutes });
  }

  /** On every wake and when the alarm fires: locks when the deadline has passed. Answers whether it locked. */
  async check(): Promise<boolean> {
    const deadline = await this.#read();
    if (deadline === null) return false;
    if (this.deps.now() >= deadline.at) {
      await this.#expire();
      return true;
    }
    // An alarm that fired early, or was lost with a browser update: make sure one is set for the deadline.
    await this.deps.alarms.create(LOCK_ALARM, { when: deadline.at });
    return false;
  }

  /** When the vault will lock if nothing happens; null without a deadline. */
  async lockAt(): Promise<Date | null> {
    const deadline = await this.#read();
    return deadline === null ? null : new Date(deadline.at);
  }

  async #expire(): Promise<void> {
    await this.disarm();
    await this.deps.lock();
  }

  async #schedule(deadline: Deadline): Promise<void> {
    await this.deps.session.set({ [DEADLINE_STORAGE_KEY]: deadline });
    // Chrome runs alarms no sooner than 30 s from now (MV3 minimum); every timeout here is ≥ 1 minute.
    await this.deps.alarms.create(LOCK_ALARM, { when: deadline.at });
  }

  async #read(): Promise<Deadline | null> {
    const value = await readKey(this.deps.session, DEADLINE_STORAGE_KEY);
    if (value === undefined) return null;
    const parsed = v.safeParse(Deadline, value);
    // Damaged: a deadline long past, so it locks now (an unreadable deadline must not mean "stay unlocked").
    return parsed.success ? parsed.output : { at: 0, minutes: 1 };
  }
}
