import { describe, expect, test } from 'vitest';
import {
  KEEP_ALIVE_INTERVAL_MS,
  PENDING_SIGN_IN_TTL_MS,
  PendingSignInSlot,
} from '../../../lib/session/pending-sign-in';

function clock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  return {
    now: () => now,
    setTimeout: (callback: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle: unknown) => {
      timers.delete(handle as number);
    },
    /** Moves time forward, firing due timers in order (including ones they schedule). */
    advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= target).sort((x, y) => x[1].at - y[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}

const SIGN_IN = { serverUrl: 'http://127.0.0.1:8787', email: 'jo@example.com', password: 'p4ssw0rd-long' };

describe('pending sign-in', () => {
  test('holds email and password for ten minutes, then forgets them', () => {
    const c = clock();
    const slot = new PendingSignInSlot({ clock: c });
    slot.begin(SIGN_IN);
    expect(slot.get()).toEqual(SIGN_IN);
    c.advance(PENDING_SIGN_IN_TTL_MS - 1);
    expect(slot.get()).toEqual(SIGN_IN);
    c.advance(1);
    expect(slot.get()).toBeNull();
  });

  test('the timer drops the password even when nobody asks again', () => {
    const c = clock();
    const slot = new PendingSignInSlot({ clock: c });
    slot.begin(SIGN_IN);
    c.advance(PENDING_SIGN_IN_TTL_MS);
    expect(c.pending()).toBe(0);
    // The timer already dropped it: nothing is left to hand out.
    expect(slot.get()).toBeNull();
  });

  test('a new begin replaces the old one and restarts the count; clear forgets at once', () => {
    const c = clock();
    const slot = new PendingSignInSlot({ clock: c });
    slot.begin(SIGN_IN);
    c.advance(PENDING_SIGN_IN_TTL_MS / 2);
    slot.begin({ ...SIGN_IN, email: 'other@example.com' });
    expect(c.pending()).toBe(1);
    c.advance(PENDING_SIGN_IN_TTL_MS / 2 + 1);
    expect(slot.get()?.email).toBe('other@example.com');
    slot.clear();
    expect(slot.get()).toBeNull();
    expect(c.pending()).toBe(0);
  });

  test('keeps its own copy (the caller changing its object does not change the pending sign-in)', () => {
    const slot = new PendingSignInSlot({ clock: clock() });
    const input = { ...SIGN_IN };
    slot.begin(input);
    input.password = 'changed';
    expect(slot.get()?.password).toBe(SIGN_IN.password);
  });

  test('keeps the worker alive every 25 s while a sign-in waits, and stops when it ends', () => {
    const c = clock();
    let beats = 0;
    const slot = new PendingSignInSlot({
      clock: c,
      keepAlive: () => {
        beats += 1;
        return Promise.resolve();
      },
    });
    slot.begin(SIGN_IN);
    c.advance(KEEP_ALIVE_INTERVAL_MS - 1);
    expect(beats).toBe(0);
    c.advance(1);
    expect(beats).toBe(1);
    c.advance(KEEP_ALIVE_INTERVAL_MS * 3);
    expect(beats).toBe(4);
    slot.clear();
    c.advance(KEEP_ALIVE_INTERVAL_MS * 3);
    expect(beats).toBe(4);
    expect(c.pending()).toBe(0);

    // And it stops by itself at the ten minutes.
    slot.begin(SIGN_IN);
    c.advance(PENDING_SIGN_IN_TTL_MS + KEEP_ALIVE_INTERVAL_MS * 2);
    // Beats at 25 s, 50 s … 575 s; at 600 s the sign-in has expired.
    expect(beats).toBe(4 + Math.ceil(PENDING_SIGN_IN_TTL_MS / KEEP_ALIVE_INTERVAL_MS) - 1);
    expect(c.pending()).toBe(0);
  });

  test('a heartbeat that fails does not end the sign-in', () => {
    const c = clock();
    const slot = new PendingSignInSlot({ clock: c, keepAlive: () => Promise.reject(new Error('gone')) });
    slot.begin(SIGN_IN);
    c.advance(KEEP_ALIVE_INTERVAL_MS * 2);
    expect(slot.get()).toEqual(SIGN_IN);
  });
});
