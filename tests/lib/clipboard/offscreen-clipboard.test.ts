import { describe, expect, test } from 'vitest';
import { offscreenClipboardWriter, type OffscreenApi } from '../../../lib/clipboard/offscreen-clipboard';
import {
  isOffscreenClearRequest,
  OFFSCREEN_CLEAR_REQUEST,
  parseOffscreenClearAnswer,
} from '../../../lib/clipboard/offscreen-message';
import { ClipboardRefusedError } from '../../../lib/clipboard/write-empty-clipboard';

/** chrome.offscreen as Chrome enforces it: one document at a time, created before it can answer. */
function fakeChrome(answer: (message: unknown) => unknown) {
  let open = false;
  const events: string[] = [];
  const offscreen: OffscreenApi = {
    async createDocument(parameters) {
      if (open) throw new Error('Only a single offscreen document may be created.');
      events.push(`create ${parameters.url} ${parameters.reasons.join()}`);
      open = true;
    },
    async closeDocument() {
      if (!open) throw new Error('No current offscreen document.');
      events.push('close');
      open = false;
    },
    hasDocument: async () => open,
  };
  const sendMessage = async (message: unknown): Promise<unknown> => {
    if (!open) throw new Error('Could not establish connection. Receiving end does not exist.');
    events.push('message');
    return answer(message);
  };
  return {
    events,
    isOpen: () => open,
    leaveOpen() {
      open = true;
    },
    write: offscreenClipboardWriter({ offscreen, sendMessage, url: 'offscreen.html' }),
  };
}

describe('offscreenClipboardWriter', () => {
  test('creates the document for the clipboard, asks it to clear, and closes it', async () => {
    const sent: unknown[] = [];
    const chrome = fakeChrome((message) => {
      sent.push(message);
      return { cleared: true };
    });
    await chrome.write();
    expect(chrome.events).toEqual(['create offscreen.html CLIPBOARD', 'message', 'close']);
    expect(sent).toEqual([OFFSCREEN_CLEAR_REQUEST]);
    expect(chrome.isOpen()).toBe(false);
    // Twice in a row works: nothing is left over.
    await chrome.write();
    expect(chrome.events).toHaveLength(6);
  });

  test('reuses a document left over by a stopped worker instead of failing to create a second', async () => {
    const chrome = fakeChrome(() => ({ cleared: true }));
    chrome.leaveOpen();
    await chrome.write();
    expect(chrome.events).toEqual(['message', 'close']);
  });

  test("the document's refusal, or no answer at all, is a ClipboardRefusedError, and the document is closed", async () => {
    const refusing = fakeChrome(() => ({ cleared: false, error: "execCommand('copy') was refused" }));
    await expect(refusing.write()).rejects.toThrow(ClipboardRefusedError);
    expect(refusing.isOpen()).toBe(false);

    const silent = fakeChrome(() => undefined);
    await expect(silent.write()).rejects.toThrow('the offscreen document did not answer');
    expect(silent.isOpen()).toBe(false);
  });
});

describe('the offscreen message', () => {
  test('is recognised by its target and action only', () => {
    expect(isOffscreenClearRequest(OFFSCREEN_CLEAR_REQUEST)).toBe(true);
    expect(isOffscreenClearRequest({ ...OFFSCREEN_CLEAR_REQUEST })).toBe(true);
    expect(isOffscreenClearRequest({ type: 'vault.list', request: {} })).toBe(false);
    expect(isOffscreenClearRequest({ target: 'latchkey-offscreen', action: 'other' })).toBe(false);
    expect(isOffscreenClearRequest(null)).toBe(false);
    expect(isOffscreenClearRequest('clear-clipboard')).toBe(false);
  });

  test('answers are read from unknown, and bounded', () => {
    expect(parseOffscreenClearAnswer({ cleared: true })).toEqual({ cleared: true });
    expect(parseOffscreenClearAnswer({ cleared: false, error: 'x'.repeat(500) })).toEqual({
      cleared: false,
      error: 'x'.repeat(200),
    });
    expect(parseOffscreenClearAnswer({ cleared: 'yes' }).cleared).toBe(false);
    expect(parseOffscreenClearAnswer(undefined).cleared).toBe(false);
  });
});
