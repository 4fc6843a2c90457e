import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  CLIPBOARD_CLEARED,
  clipboardFor,
  COPY_FAILED,
  clearDelayText,
  copiedMessage,
} from '../../../../entrypoints/popup/models/clipboard-model';
import { parseClipboardClear, SettingsModel } from '../../../../entrypoints/popup/models/settings-model';
import { fail, ok, settle, type Script } from '../support/scripted-background';
import { startPopup, UNLOCKED } from '../support/popup-harness';

/** The background's side of a copy: it schedules its own clear, for after the popup closes. */
const SCHEDULES: Script = {
  'clipboard.scheduleClear': ({ afterSeconds }) =>
    ok({ clearAt: new Date(Date.now() + afterSeconds * 1000).toISOString() }),
};

afterEach(() => {
  vi.useRealTimers();
});

describe('ClipboardModel', () => {
  test('copies, says when the clipboard is cleared, and clears it at the deadline', async () => {
    const harness = await startPopup(UNLOCKED, SCHEDULES);
    vi.useFakeTimers();
    const clipboard = clipboardFor(harness.deps);
    expect(await clipboard.copy('hunter2-secret')).toBe(true);
    expect(harness.clipboard).toEqual(['hunter2-secret']);
    expect(clipboard.message.value).toBe('Copied. The clipboard is cleared in 30 s.');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(harness.clipboard).toEqual(['hunter2-secret']);
    await vi.advanceTimersByTimeAsync(1);
    expect(harness.clipboard).toEqual(['hunter2-secret', '']);
    expect(clipboard.message.value).toBe(CLIPBOARD_CLEARED);
    expect(clipboard.pending.value).toBe(false);
  });

  test('asks the background to clear at the same deadline (for after the popup closes), never sending the text', async () => {
    const harness = await startPopup(UNLOCKED, SCHEDULES);
    harness.prefs = { clipboardClearSeconds: 10 };
    const clipboard = clipboardFor(harness.deps);
    await clipboard.copy('hunter2-secret');
    expect(harness.background.callsOf('clipboard.scheduleClear')).toEqual([{ afterSeconds: 10 }]);
    expect(JSON.stringify(harness.background.calls)).not.toContain('hunter2');

    harness.prefs = { clipboardClearSeconds: 0 };
    await clipboard.copy('b');
    expect(harness.background.callsOf('clipboard.scheduleClear')).toHaveLength(1);
  });

  test('a background that cannot clear leaves the popup clearing while open, and says the same', async () => {
    const harness = await startPopup(UNLOCKED, {
      'clipboard.scheduleClear': () => fail('unavailable', 'no clipboard here'),
    });
    vi.useFakeTimers();
    const clipboard = clipboardFor(harness.deps);
    expect(await clipboard.copy('x')).toBe(true);
    expect(clipboard.message.value).toBe('Copied. The clipboard is cleared in 30 s.');
    expect(clipboard.pending.value).toBe(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(harness.clipboard).toEqual(['x', '']);
  });

  test('follows the configured delay, and never clears when it is 0', async () => {
    const harness = await startPopup(UNLOCKED, SCHEDULES);
    harness.prefs = { clipboardClearSeconds: 120 };
    vi.useFakeTimers();
    const clipboard = clipboardFor(harness.deps);
    await clipboard.copy('a');
    expect(clipboard.message.value).toBe('Copied. The clipboard is cleared in 2 min.');
    await vi.advanceTimersByTimeAsync(119_000);
    expect(harness.clipboard).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(harness.clipboard).toEqual(['a', '']);

    harness.prefs = { clipboardClearSeconds: 0 };
    await clipboard.copy('b');
    expect(clipboard.message.value).toBe('Copied.');
    expect(clipboard.pending.value).toBe(false);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(harness.clipboard).toEqual(['a', '', 'b']);
    expect(harness.background.callsOf('clipboard.scheduleClear')).toEqual([{ afterSeconds: 120 }]);
  });

  test('a newer copy replaces the pending clear (one clear, at the newer deadline)', async () => {
    const harness = await startPopup(UNLOCKED, SCHEDULES);
    vi.useFakeTimers();
    const clipboard = clipboardFor(harness.deps);
    await clipboard.copy('first');
    await vi.advanceTimersByTimeAsync(20_000);
    await clipboard.copy('second');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(harness.clipboard).toEqual(['first', 'second']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(harness.clipboard).toEqual(['first', 'second', '']);
    // The background is asked again, and replaces its own pending clear (lib/clipboard/clipboard-clearer.ts).
    expect(harness.background.callsOf('clipboard.scheduleClear')).toEqual([
      { afterSeconds: 30 },
      { afterSeconds: 30 },
    ]);
  });

  test('is one per popup, so a clear survives the screen that copied', async () => {
    const harness = await startPopup(UNLOCKED);
    expect(clipboardFor(harness.deps)).toBe(clipboardFor(harness.deps));
    const other = await startPopup(UNLOCKED);
    expect(clipboardFor(other.deps)).not.toBe(clipboardFor(harness.deps));
  });

  test('a refused write says so and schedules nothing', async () => {
    const harness = await startPopup(UNLOCKED);
    harness.deps.writeClipboard = async () => {
      throw new DOMException('Document is not focused.', 'NotAllowedError');
    };
    const clipboard = clipboardFor(harness.deps);
    expect(await clipboard.copy('x')).toBe(false);
    expect(clipboard.message.value).toBe(COPY_FAILED);
    expect(clipboard.failed.value).toBe(true);
    expect(clipboard.pending.value).toBe(false);
    expect(harness.background.callsOf('clipboard.scheduleClear')).toEqual([]);
  });

  test('delays read as the settings select shows them', () => {
    expect([10, 30, 60, 120].map(clearDelayText)).toEqual(['10 s', '30 s', '1 min', '2 min']);
    expect(copiedMessage(10)).toBe('Copied. The clipboard is cleared in 10 s.');
  });
});

describe('SettingsModel: clear clipboard after', () => {
  test('shows the saved delay and saves a new one in the popup prefs', async () => {
    const harness = await startPopup(UNLOCKED);
    harness.prefs = { clipboardClearSeconds: 10 };
    const model = new SettingsModel(harness.deps, null);
    await settle();
    expect(model.clipboardClearSeconds.value).toBe(10);
    await model.chooseClipboardClear('0');
    expect(harness.prefs).toEqual({ clipboardClearSeconds: 0 });
    expect(model.clipboardClearSeconds.value).toBe(0);
    await model.chooseClipboardClear('45');
    expect(harness.prefs).toEqual({ clipboardClearSeconds: 0 });
    expect(parseClipboardClear('60')).toBe(60);
    expect(parseClipboardClear('7')).toBeNull();
  });
});
