import { describe, expect, test } from 'vitest';
import {
  DEADLINE_STORAGE_KEY,
  LOCK_ALARM,
  LockTimer,
  TOUCH_RESOLUTION_MS,
} from '../../../lib/session/lock-timer';
import { MemoryStorageArea } from './memory-storage-area';

const MINUTE = 60_000;

/** browser.alarms as a map of name → when, and a clock the test moves. */
function setup() {
  let now = 1_700_000_000_000;
  const alarms = new Map<string, number>();
  const session = new MemoryStorageArea();
  let locks = 0;
  const deps = {
    session,
    alarms: {
      create: (name: string, info: { when: number }) => {
        alarms.set(name, info.when);
      },
      clear: (name: string) => Promise.resolve(alarms.delete(name)),
    },
    now: () => now,
    lock: () => {
      locks += 1;
      return Promise.resolve();
    },
  };
  return {
    timer: new LockTimer(deps),
    deps,
    session,
    alarms,
    locks: () => locks,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe('lock timer', () => {
  test('arming with minutes sets the deadline and the alarm', async () => {
    const t = setup();
    await t.timer.arm(5);
    expect(t.alarms.get(LOCK_ALARM)).toBe(t.now() + 5 * MINUTE);
    expect((await t.timer.lockAt())?.getTime()).toBe(t.now() + 5 * MINUTE);
  });

  test.each(['browser-restart', 'never'] as const)('%s has no deadline and no alarm', async (timeout) => {
    const t = setup();
    await t.timer.arm(1);
    await t.timer.arm(timeout);
    expect(t.alarms.size).toBe(0);
    expect(await t.timer.lockAt()).toBeNull();
    t.advance(24 * 60 * MINUTE);
    expect(await t.timer.check()).toBe(false);
    await t.timer.touch();
    expect(t.locks()).toBe(0);
  });

  test('activity pushes the deadline back; no activity locks at the deadline', async () => {
    const t = setup();
    await t.timer.arm(1);
    t.advance(50_000);
    await t.timer.touch();
    expect(t.alarms.get(LOCK_ALARM)).toBe(t.now() + MINUTE);
    t.advance(50_000);
    expect(await t.timer.check()).toBe(false);
    expect(t.locks()).toBe(0);
    t.advance(10_000);
    expect(await t.timer.check()).toBe(true);
    expect(t.locks()).toBe(1);
    expect(t.alarms.size).toBe(0);
    expect(t.session.data.has(DEADLINE_STORAGE_KEY)).toBe(false);
  });

  test('activity after the deadline locks instead of reviving the session', async () => {
    const t = setup();
    await t.timer.arm(15);
    t.advance(15 * MINUTE);
    await t.timer.touch();
    expect(t.locks()).toBe(1);
    expect(await t.timer.lockAt()).toBeNull();
  });

  test('the deadline survives a worker restart (it lives in storage.session)', async () => {
    const t = setup();
    await t.timer.arm(5);
    const restarted = new LockTimer(t.deps);
    t.advance(4 * MINUTE);
    expect(await restarted.check()).toBe(false);
    t.advance(MINUTE);
    expect(await restarted.check()).toBe(true);
    expect(t.locks()).toBe(1);
  });

  test('an alarm that fires early does not lock and sets the alarm again', async () => {
    const t = setup();
    await t.timer.arm(1);
    t.alarms.clear();
    t.advance(MINUTE - 1);
    expect(await t.timer.check()).toBe(false);
    expect(t.alarms.get(LOCK_ALARM)).toBe(t.now() + 1);
  });

  test('touches closer together than the resolution write nothing', async () => {
    const t = setup();
    await t.timer.arm(5);
    const writes = t.session.writes;
    t.advance(TOUCH_RESOLUTION_MS - 1);
    await t.timer.touch();
    expect(t.session.writes).toBe(writes);
    t.advance(1);
    await t.timer.touch();
    expect(t.session.writes).toBe(writes + 1);
  });

  test('touch without a deadline does nothing (locked, or no timer)', async () => {
    const t = setup();
    await t.timer.touch();
    expect(t.session.writes).toBe(0);
    expect(t.locks()).toBe(0);
  });

  test('a damaged deadline locks rather than never', async () => {
    const t = setup();
    await t.session.set({ [DEADLINE_STORAGE_KEY]: { at: 'soon', minutes: 5 } });
    expect(await t.timer.check()).toBe(true);
    expect(t.locks()).toBe(1);
  });

  test('disarm stops the count', async () => {
    const t = setup();
    await t.timer.arm(1);
    await t.timer.disarm();
    t.advance(10 * MINUTE);
    expect(await t.timer.check()).toBe(false);
    expect(t.locks()).toBe(0);
  });
});
