import { describe, expect, test } from 'vitest';
import type { ProtocolError } from '../../../lib/messaging/protocol';
import {
  backoffDelayMs,
  CHANGE_DEBOUNCE_MS,
  SYNC_ALARM,
  SYNC_PERIOD_MINUTES,
  SYNC_RETRY_ALARM,
  SyncScheduler,
  type SyncAttempt,
} from '../../../lib/sync/sync-scheduler';
import { SYNC_STATUS_STORAGE_KEY, SyncStatusStore } from '../../../lib/sync/sync-status-store';
import { MemoryStorageArea } from '../session/memory-storage-area';

/**
 * The scheduler with a fake clock, fake alarms and a scripted sync function: single flight, the debounce,
 * backoff timing, which failures are retried, and the status it keeps across worker restarts.
 */

const T0 = Date.parse('2026-11-21T10:00:00.000Z');
const SECOND = 1_000;
const MINUTE = 60_000;

class FakeClock {
  nowMs = T0;
  #next = 1;
  readonly timers = new Map<number, { at: number; callback: () => void }>();
  now = (): number => this.nowMs;
  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.#next++;
    this.timers.set(id, { at: this.nowMs + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  /** Moves time forward, firing the timers that fall due, in order. */
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.nowMs = due[1].at;
      due[1].callback();
    }
    this.nowMs = end;
  }
}

class FakeAlarms {
  readonly alarms = new Map<string, { when?: number; periodInMinutes?: number }>();
  creates = 0;
  create = (name: string, info: { when?: number; periodInMinutes?: number }): void => {
    this.creates += 1;
    this.alarms.set(name, info);
  };
  get = (name: string): Promise<unknown> => Promise.resolve(this.alarms.get(name));
  clear = (name: string): Promise<boolean> => Promise.resolve(this.alarms.delete(name));
}

/** A sync function whose passes the test finishes by hand, recording how many ran and how many at once. */
class ScriptedSync {
  calls = 0;
  running = 0;
  maxRunning = 0;
  readonly #waiting: Array<(attempt: SyncAttempt) => void> = [];
  /** When set, every pass answers this at once. */
  answer: SyncAttempt | null = null;

  attempt = (): Promise<SyncAttempt> => {
    this.calls += 1;
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    const done = (attempt: SyncAttempt) => {
      this.running -= 1;
      return attempt;
    };
    if (this.answer) return Promise.resolve(done(this.answer));
    return new Promise((resolve) => this.#waiting.push((attempt) => resolve(done(attempt))));
  };

  async finish(attempt: SyncAttempt = { kind: 'done', pending: 0, damaged: 0 }): Promise<void> {
    for (let i = 0; i < 50 && this.#waiting.length === 0; i += 1) await Promise.resolve();
    const next = this.#waiting.shift();
    if (!next) throw new Error('no pass is waiting');
    next(attempt);
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

function setup(options: { random?: number; counts?: { pending: number; damaged: number } | null } = {}) {
  const clock = new FakeClock();
  const alarms = new FakeAlarms();
  const sync = new ScriptedSync();
  const local = new MemoryStorageArea();
  const logs: string[] = [];
  const make = () =>
    new SyncScheduler({
      attempt: sync.attempt,
      counts: () => options.counts ?? null,
      store: new SyncStatusStore(local),
      alarms,
      clock,
      random: () => options.random ?? 0.5,
      log: (line) => logs.push(line),
    });
  return { clock, alarms, sync, local, logs, scheduler: make(), make };
}

const failed = (error: ProtocolError): SyncAttempt => ({ kind: 'failed', error });
const NETWORK = failed({ code: 'network', message: "Can't reach the Latchkey server." });

describe('backoffDelayMs', () => {
  test('30 s doubling per failure, capped at 15 min, ±10 % jitter, never under 30 s', () => {
    expect(backoffDelayMs(1, 0.5)).toBe(30 * SECOND);
    expect(backoffDelayMs(2, 0.5)).toBe(60 * SECOND);
    expect(backoffDelayMs(3, 0.5)).toBe(120 * SECOND);
    expect(backoffDelayMs(5, 0.5)).toBe(480 * SECOND);
    expect(backoffDelayMs(6, 0.5)).toBe(15 * MINUTE);
    expect(backoffDelayMs(40, 0.5)).toBe(15 * MINUTE);
    expect(backoffDelayMs(2, 0)).toBe(54 * SECOND);
    expect(backoffDelayMs(2, 1)).toBe(66 * SECOND);
    expect(backoffDelayMs(6, 1)).toBe(16.5 * MINUTE);
    // Chrome fires no alarm sooner than 30 s: the low jitter of the first retry is clamped.
    expect(backoffDelayMs(1, 0)).toBe(30 * SECOND);
    // The server's Retry-After is a floor.
    expect(backoffDelayMs(1, 0.5, 600)).toBe(600 * SECOND);
  });
});

describe('triggers', () => {
  test('start() creates the periodic alarm once', async () => {
    const { scheduler, alarms } = setup();
    await scheduler.start();
    await scheduler.start();
    expect(alarms.alarms.get(SYNC_ALARM)).toEqual({ periodInMinutes: SYNC_PERIOD_MINUTES });
    expect(alarms.creates).toBe(1);
  });

  test('a burst of local changes is one sync, 2 s after the last one', async () => {
    const { scheduler, clock, sync } = setup();
    sync.answer = { kind: 'done', pending: 0, damaged: 0 };
    scheduler.afterLocalChange();
    clock.advance(1_500);
    scheduler.afterLocalChange();
    clock.advance(1_500);
    scheduler.afterLocalChange();
    clock.advance(CHANGE_DEBOUNCE_MS - 1);
    await flush();
    expect(sync.calls).toBe(0);
    clock.advance(1);
    await flush();
    await scheduler.idle();
    expect(sync.calls).toBe(1);
  });

  test('after unlock, a sync at once; the alarms run one; other alarms are not ours', async () => {
    const { scheduler, clock, sync } = setup();
    sync.answer = { kind: 'done', pending: 0, damaged: 0 };
    scheduler.afterUnlock();
    clock.advance(0);
    await scheduler.idle();
    expect(sync.calls).toBe(1);
    expect(await scheduler.onAlarm(SYNC_ALARM)).toBe(true);
    expect(await scheduler.onAlarm(SYNC_RETRY_ALARM)).toBe(true);
    expect(await scheduler.onAlarm('latchkey.lock')).toBe(false);
    expect(sync.calls).toBe(3);
  });
});

describe('single flight', () => {
  test('triggers during a sync make one follow-up pass, never two passes at once', async () => {
    const { scheduler, sync } = setup();
    const first = scheduler.syncNow();
    const second = scheduler.syncNow();
    const third = scheduler.syncNow();
    void scheduler.onAlarm(SYNC_ALARM);
    await flush();
    expect(sync.calls).toBe(1);
    expect((await scheduler.status()).syncing).toBe(true);
    await sync.finish();
    expect(sync.calls).toBe(2);
    await sync.finish();
    const statuses = await Promise.all([first, second, third]);
    expect(sync.calls).toBe(2);
    expect(sync.maxRunning).toBe(1);
    for (const status of statuses) expect(status).toMatchObject({ syncing: false, lastError: null });
  });

  test('sync.now waits for the follow-up pass, which sees a change made during the first', async () => {
    const { scheduler, sync } = setup();
    const now = scheduler.syncNow();
    await flush();
    scheduler.afterLocalChange(); // debounced: not yet a trigger
    const again = scheduler.syncNow();
    await sync.finish({ kind: 'done', pending: 1, damaged: 0 });
    await sync.finish({ kind: 'done', pending: 0, damaged: 0 });
    expect((await now).pending).toBe(0);
    expect((await again).pending).toBe(0);
  });
});

describe('backoff and status', () => {
  test('network failures back off 30 s, 60 s, 120 s … via the retry alarm; a success clears it', async () => {
    const { scheduler, clock, sync, alarms } = setup({ random: 0.5 });
    sync.answer = NETWORK;
    for (const [failures, delay] of [
      [1, 30 * SECOND],
      [2, 60 * SECOND],
      [3, 120 * SECOND],
      [4, 240 * SECOND],
      [5, 480 * SECOND],
      [6, 15 * MINUTE],
      [7, 15 * MINUTE],
    ] as const) {
      const status = await scheduler.syncNow();
      expect(status.nextRetryAt, `failure ${failures}`).toBe(new Date(clock.nowMs + delay).toISOString());
      expect(alarms.alarms.get(SYNC_RETRY_ALARM)).toEqual({ when: clock.nowMs + delay });
      expect(status.lastError).toEqual({
        code: 'network',
        message: "Can't reach the Latchkey server.",
        at: new Date(clock.nowMs).toISOString(),
      });
      clock.advance(delay);
    }
    sync.answer = { kind: 'done', pending: 2, damaged: 1 };
    await scheduler.onAlarm(SYNC_RETRY_ALARM);
    expect(await scheduler.status()).toEqual({
      syncing: false,
      lastSuccessAt: new Date(clock.nowMs).toISOString(),
      pending: 2,
      damaged: 1,
      lastError: null,
      nextRetryAt: null,
    });
    expect(alarms.alarms.has(SYNC_RETRY_ALARM)).toBe(false);
    // The count starts again from the first step.
    sync.answer = NETWORK;
    expect((await scheduler.syncNow()).nextRetryAt).toBe(new Date(clock.nowMs + 30 * SECOND).toISOString());
  });

  test('the jitter stays within ±10 %', async () => {
    for (const random of [0, 0.999]) {
      const { scheduler, sync, clock } = setup({ random });
      sync.answer = NETWORK;
      await scheduler.syncNow();
      const second = await scheduler.syncNow();
      const delay = Date.parse(second.nextRetryAt ?? '') - clock.nowMs;
      expect(delay).toBeGreaterThanOrEqual(54 * SECOND);
      expect(delay).toBeLessThanOrEqual(66 * SECOND);
      expect(Math.abs(delay - 60 * SECOND)).toBeGreaterThan(5 * SECOND);
    }
  });

  test('rate-limited waits at least Retry-After; the backoff count survives a worker restart', async () => {
    const { scheduler, sync, clock, make } = setup();
    sync.answer = failed({ code: 'rate-limited', message: 'Too many attempts.', retryAfter: 300 });
    expect((await scheduler.syncNow()).nextRetryAt).toBe(new Date(clock.nowMs + 300 * SECOND).toISOString());
    sync.answer = NETWORK;
    const restarted = make();
    expect((await restarted.status()).lastError?.code).toBe('rate-limited');
    expect((await restarted.syncNow()).nextRetryAt).toBe(new Date(clock.nowMs + 60 * SECOND).toISOString());
  });

  test('automatic triggers wait for the retry; sync.now and the retry alarm do not', async () => {
    const { scheduler, sync, clock } = setup();
    sync.answer = NETWORK;
    await scheduler.syncNow();
    expect(sync.calls).toBe(1);
    await scheduler.onAlarm(SYNC_ALARM);
    scheduler.afterLocalChange();
    clock.advance(CHANGE_DEBOUNCE_MS);
    await scheduler.idle();
    await flush();
    expect(sync.calls).toBe(1);
    await scheduler.syncNow();
    expect(sync.calls).toBe(2);
    await scheduler.onAlarm(SYNC_RETRY_ALARM);
    expect(sync.calls).toBe(3);
  });

  test('session failures and refusals are not retried', async () => {
    for (const code of ['password-changed', 'session-revoked', 'invalid-response'] as const) {
      const { scheduler, sync, alarms } = setup();
      sync.answer = failed({ code, message: 'plain words' });
      const status = await scheduler.syncNow();
      expect(status).toMatchObject({ nextRetryAt: null, lastError: { code, message: 'plain words' } });
      expect(alarms.alarms.has(SYNC_RETRY_ALARM)).toBe(false);
    }
  });

  test('a skipped pass (locked) changes nothing; a thrown bug is said generically and retried', async () => {
    const { scheduler, sync, local, logs } = setup();
    sync.answer = { kind: 'skipped' };
    await scheduler.syncNow();
    expect(local.data.has(SYNC_STATUS_STORAGE_KEY)).toBe(false);
    const bug = new SyncScheduler({
      attempt: () => Promise.reject(new TypeError('secret detail')),
      counts: () => null,
      store: new SyncStatusStore(local),
      alarms: new FakeAlarms(),
      clock: new FakeClock(),
      log: (line) => logs.push(line),
    });
    const status = await bug.syncNow();
    expect(status.lastError).toMatchObject({ code: 'internal', message: 'Sync failed unexpectedly.' });
    expect(status.nextRetryAt).not.toBeNull();
    expect(logs.join('\n')).not.toContain('secret detail');
  });

  test('live counts win over the stored ones; stop() during a pass keeps its result out', async () => {
    const { scheduler, sync, local } = setup({ counts: { pending: 7, damaged: 0 } });
    expect(await scheduler.status()).toMatchObject({ pending: 7, damaged: 0, lastSuccessAt: null });
    const running = scheduler.syncNow();
    await flush();
    await scheduler.stop();
    await sync.finish({ kind: 'done', pending: 0, damaged: 0 });
    await running;
    expect(local.data.has(SYNC_STATUS_STORAGE_KEY)).toBe(false);
  });

  test('reset() (sign-out) forgets the status and the retry', async () => {
    const { scheduler, sync, alarms, local } = setup();
    sync.answer = NETWORK;
    await scheduler.syncNow();
    expect(local.data.has(SYNC_STATUS_STORAGE_KEY)).toBe(true);
    await scheduler.reset();
    expect(local.data.has(SYNC_STATUS_STORAGE_KEY)).toBe(false);
    expect(alarms.alarms.has(SYNC_RETRY_ALARM)).toBe(false);
    expect(await scheduler.status()).toMatchObject({ lastError: null, nextRetryAt: null });
  });
});
