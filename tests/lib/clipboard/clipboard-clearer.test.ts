import { describe, expect, test } from 'vitest';
import {
  CLIPBOARD_CLEAR_ALARM,
  createClipboardClearer,
  type ClipboardClearer,
} from '../../../lib/clipboard/clipboard-clearer';

const T0 = 1_700_000_000_000;

/**
 * The browser around the clearer: alarms as a map of name → when, the worker's timers run when the test moves
 * the clock, and a clipboard that records each clear. `restartWorker` is a stopped worker (its timers die; the
 * alarms stay) followed by a fresh clearer, as the background's main() builds one on every start.
 */
function setup() {
  let now = T0;
  const alarms = new Map<string, number>();
  let timers: { id: number; at: number; callback: () => void }[] = [];
  let nextTimer = 1;
  const clears: number[] = [];
  const logs: string[] = [];
  let refuse: Error | null = null;
  let failAlarm = false;

  const build = (): ClipboardClearer =>
    createClipboardClearer({
      alarms: {
        create: (name, info) => {
          if (failAlarm) throw new Error('alarms are off');
          alarms.set(name, info.when);
        },
        clear: (name) => Promise.resolve(alarms.delete(name)),
      },
      clock: {
        now: () => now,
        setTimeout: (callback, ms) => {
          const id = nextTimer++;
          timers.push({ id, at: now + ms, callback });
          return id;
        },
        clearTimeout: (handle) => {
          timers = timers.filter((timer) => timer.id !== handle);
        },
      },
      writeEmpty: async () => {
        if (refuse) throw refuse;
        clears.push(now);
      },
      log: (line) => logs.push(line),
    });

  const env = {
    clearer: build(),
    alarms,
    clears,
    logs,
    timerCount: () => timers.length,
    refuse(error: Error | null) {
      refuse = error;
    },
    failAlarms() {
      failAlarm = true;
    },
    /** Moves the clock and runs the worker's due timers (not the alarms: see fireAlarm). */
    async advance(ms: number) {
      now += ms;
      const due = timers.filter((timer) => timer.at <= now);
      timers = timers.filter((timer) => timer.at > now);
      for (const timer of due) timer.callback();
      await flush();
    },
    /** Fires the clipboard alarm as the alarms API would (once, then it is gone). */
    async fireAlarm(): Promise<boolean> {
      const when = alarms.get(CLIPBOARD_CLEAR_ALARM);
      if (when === undefined) throw new Error('no clipboard alarm is set');
      alarms.delete(CLIPBOARD_CLEAR_ALARM);
      return env.clearer.onAlarm({ name: CLIPBOARD_CLEAR_ALARM, scheduledTime: when });
    },
    restartWorker() {
      timers = [];
      env.clearer = build();
    },
  };
  return env;
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('createClipboardClearer', () => {
  test('clears at the deadline with the worker timer, and cancels the alarm', async () => {
    const env = setup();
    expect(await env.clearer.schedule(10)).toBe(T0 + 10_000);
    expect(env.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(T0 + 10_000);
    await env.advance(9_999);
    expect(env.clears).toEqual([]);
    await env.advance(1);
    expect(env.clears).toEqual([T0 + 10_000]);
    expect(env.alarms.has(CLIPBOARD_CLEAR_ALARM)).toBe(false);
  });

  test('a stopped worker loses its timer; the alarm wakes the next one, which clears', async () => {
    const env = setup();
    await env.clearer.schedule(10);
    env.restartWorker();
    // Chrome fires alarms no sooner than 30 s after they are set: later than asked, but cleared.
    await env.advance(30_000);
    expect(env.clears).toEqual([]);
    expect(await env.fireAlarm()).toBe(true);
    expect(env.clears).toEqual([T0 + 30_000]);
  });

  test('when the alarm fires first (an unpacked extension), it clears and stops the timer', async () => {
    const env = setup();
    await env.clearer.schedule(60);
    await env.advance(60_000 - 1);
    expect(await env.fireAlarm()).toBe(true);
    expect(env.clears).toHaveLength(1);
    expect(env.timerCount()).toBe(0);
    await env.advance(10_000);
    expect(env.clears).toHaveLength(1);
  });

  test('a newer copy replaces the pending clear: one clear, at the newer deadline', async () => {
    const env = setup();
    await env.clearer.schedule(30);
    await env.advance(20_000);
    await env.clearer.schedule(30);
    expect(env.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(T0 + 50_000);
    expect(env.timerCount()).toBe(1);
    await env.advance(20_000);
    expect(env.clears).toEqual([]);
    await env.advance(10_000);
    expect(env.clears).toEqual([T0 + 50_000]);
  });

  test("an alarm event of a replaced clear is ignored; the newer deadline's clear still comes", async () => {
    const env = setup();
    await env.clearer.schedule(30);
    await env.advance(29_000);
    await env.clearer.schedule(120);
    // The old alarm's event was already queued when the new alarm replaced it.
    expect(await env.clearer.onAlarm({ name: CLIPBOARD_CLEAR_ALARM, scheduledTime: T0 + 30_000 })).toBe(true);
    expect(env.clears).toEqual([]);
    await env.advance(120_000);
    expect(env.clears).toEqual([T0 + 149_000]);
  });

  test('leaves other alarms to their owners', async () => {
    const env = setup();
    await env.clearer.schedule(10);
    expect(await env.clearer.onAlarm({ name: 'latchkey-sync', scheduledTime: T0 })).toBe(false);
    expect(env.clears).toEqual([]);
  });

  test('schedules only 1 … 600 whole seconds ("never" is the popup not asking)', async () => {
    const env = setup();
    for (const bad of [0, -1, 0.5, 601, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(env.clearer.schedule(bad)).rejects.toThrow(RangeError);
    }
    expect(env.alarms.size).toBe(0);
    expect(env.timerCount()).toBe(0);
    await env.clearer.schedule(600);
    expect(env.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(T0 + 600_000);
  });

  test('a refused clear is logged without content and does not stop later clears', async () => {
    const env = setup();
    env.refuse(new DOMException('Document is not focused.', 'NotAllowedError'));
    await env.clearer.schedule(10);
    await env.advance(10_000);
    expect(env.clears).toEqual([]);
    expect(env.logs).toEqual([
      'clipboard: the browser refused to clear the clipboard (NotAllowedError: Document is not focused.)',
    ]);
    env.refuse(null);
    await env.clearer.schedule(10);
    await env.advance(10_000);
    expect(env.clears).toEqual([T0 + 20_000]);
  });

  test('an alarm that cannot be set is logged and rejects, and no timer is left behind', async () => {
    const env = setup();
    env.failAlarms();
    await expect(env.clearer.schedule(10)).rejects.toThrow('alarms are off');
    expect(env.logs).toEqual(['clipboard: could not set the clear alarm (Error: alarms are off)']);
    expect(env.timerCount()).toBe(0);
  });
});
