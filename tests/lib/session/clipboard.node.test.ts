import { describe, expect, test } from 'vitest';
import { CLIPBOARD_CLEAR_ALARM, createClipboardClearer } from '../../../lib/clipboard/clipboard-clearer';
import type { MessageType, RequestInput, ResponseOf, Result } from '../../../lib/messaging/protocol';
import { createRouter, type MessageSenderLike } from '../../../lib/messaging/router';
import { createHandlers } from '../../../lib/session/handlers';
import { CLIPBOARD_CLEAR_UNAVAILABLE } from '../../../lib/session/handlers/clipboard';
import { EXTENSION_ID, ManualTimers, POPUP_SENDER, TestBrowser } from './background-harness';

/**
 * `clipboard.scheduleClear` through the real router and handler table, over a TestBrowser's real session, with
 * the real clearer; what only a browser has (alarms, the worker's timers, the clipboard) is recorded here. The
 * clipboard itself being cleared in Chromium after the popup closed is tests/e2e/clipboard.e2e.ts.
 */
function clipboardProfile() {
  const browser = new TestBrowser({ deviceName: 'clipboard' });
  const alarms = new Map<string, number>();
  const timers = new ManualTimers();
  const clears: string[] = [];
  const now = 1_700_000_000_000;
  const clipboard = createClipboardClearer({
    alarms: {
      create: (name, info) => {
        alarms.set(name, info.when);
      },
      clear: (name) => Promise.resolve(alarms.delete(name)),
    },
    clock: { now: () => now, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout },
    writeEmpty: async () => {
      clears.push('');
    },
    log: (line) => browser.logs.push(line),
  });
  const route = createRouter(createHandlers(browser.background, { clipboard }), {
    runtimeId: EXTENSION_ID,
    extensionOrigin: `chrome-extension://${EXTENSION_ID}/`,
    onPageActivity: () => browser.background.touch(),
    logError: (line) => browser.logs.push(line),
  });
  const send = async <T extends MessageType>(
    type: T,
    request: RequestInput<T>,
    sender: MessageSenderLike = POPUP_SENDER,
  ): Promise<Result<ResponseOf<T>>> => (await route({ type, request }, sender)) as Result<ResponseOf<T>>;
  return { browser, alarms, timers, clears, now, clipboard, send };
}

describe('clipboard.scheduleClear', () => {
  test('schedules the clear (alarm and timer) without an account, and answers the deadline', async () => {
    const profile = clipboardProfile();
    expect(await profile.browser.phase()).toBe('signed-out');
    const answer = await profile.send('clipboard.scheduleClear', { afterSeconds: 30 });
    expect(answer).toEqual({ ok: true, value: { clearAt: new Date(profile.now + 30_000).toISOString() } });
    expect(profile.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(profile.now + 30_000);
    expect(profile.timers.size).toBe(1);
    profile.timers.runAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(profile.clears).toEqual(['']);
    expect(profile.alarms.has(CLIPBOARD_CLEAR_ALARM)).toBe(false);
  });

  test('a newer request replaces the pending clear', async () => {
    const profile = clipboardProfile();
    await profile.send('clipboard.scheduleClear', { afterSeconds: 120 });
    await profile.send('clipboard.scheduleClear', { afterSeconds: 10 });
    expect(profile.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(profile.now + 10_000);
    expect(profile.timers.size).toBe(1);
  });

  test('refuses what is not 1 … 600 whole seconds, and any text (it must never carry the secret)', async () => {
    const profile = clipboardProfile();
    for (const afterSeconds of [0, 601, 1.5, -10]) {
      const answer = await profile.send('clipboard.scheduleClear', { afterSeconds });
      expect(answer.ok ? 'ok' : answer.error.code).toBe('invalid-message');
    }
    const withText = await profile.send('clipboard.scheduleClear', {
      afterSeconds: 10,
      text: 'hunter2',
    } as unknown as RequestInput<'clipboard.scheduleClear'>);
    expect(withText.ok ? 'ok' : withText.error.code).toBe('invalid-message');
    expect(profile.alarms.size).toBe(0);
  });

  test('is for extension pages only, never a content script', async () => {
    const profile = clipboardProfile();
    const answer = await profile.send(
      'clipboard.scheduleClear',
      { afterSeconds: 10 },
      { id: EXTENSION_ID, url: 'https://example.com/login', tab: { id: 7 }, frameId: 0 },
    );
    expect(answer.ok ? 'ok' : answer.error.code).toBe('forbidden-sender');
    expect(profile.alarms.size).toBe(0);
  });

  test('answers unavailable where the background has no way to the clipboard', async () => {
    // The TestBrowser's own table is built without a clearer, as a background with no clipboard access is.
    const browser = new TestBrowser({ deviceName: 'no-clipboard' });
    const error = await browser.fails('clipboard.scheduleClear', { afterSeconds: 10 });
    expect(error).toEqual({ code: 'unavailable', message: CLIPBOARD_CLEAR_UNAVAILABLE });
  });
});
