import { describe, expect, test } from 'vitest';
import { ClipboardRefusedError, writeEmptyClipboard } from '../../../lib/clipboard/write-empty-clipboard';

/**
 * The branches of the write, over a stand-in document: which browser answers what is measured by the e2e test
 * (tests/e2e/clipboard.e2e.ts, Chromium's offscreen document and Firefox's event page).
 */
function fakeDocument(options: {
  execCommand: 'copies' | 'refuses' | 'no-event';
  writeText?: 'accepts' | 'refuses';
}) {
  const data = new Map<string, string>([['text/plain', 'hunter2']]);
  const listeners = new Set<(event: ClipboardEvent) => void>();
  let asyncWrites = 0;
  const doc = {
    addEventListener: (_type: string, listener: (event: ClipboardEvent) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: ClipboardEvent) => void) =>
      listeners.delete(listener),
    execCommand: (command: string) => {
      if (command !== 'copy' || options.execCommand === 'refuses') return false;
      if (options.execCommand === 'no-event') return true;
      let prevented = false;
      const event = {
        clipboardData: { setData: (type: string, value: string) => data.set(type, value) },
        preventDefault: () => {
          prevented = true;
        },
      } as unknown as ClipboardEvent;
      for (const listener of listeners) listener(event);
      if (!prevented) data.set('text/plain', ''); // the empty selection's copy: nothing useful
      return true;
    },
    defaultView:
      options.writeText === undefined
        ? null
        : {
            navigator: {
              clipboard: {
                writeText: async (text: string) => {
                  asyncWrites++;
                  if (options.writeText === 'refuses')
                    throw new DOMException('Document is not focused.', 'NotAllowedError');
                  data.set('text/plain', text);
                },
              },
            },
          },
  };
  return {
    doc: doc as unknown as Document,
    text: () => data.get('text/plain'),
    listeners: () => listeners.size,
    asyncWrites: () => asyncWrites,
  };
}

describe('writeEmptyClipboard', () => {
  test("sets the copy event's text to '' and removes its listener", async () => {
    const fake = fakeDocument({ execCommand: 'copies', writeText: 'accepts' });
    await writeEmptyClipboard(fake.doc);
    expect(fake.text()).toBe('');
    expect(fake.listeners()).toBe(0);
    expect(fake.asyncWrites()).toBe(0);
  });

  test('falls back to clipboard.writeText when execCommand is refused or fires no copy event', async () => {
    for (const execCommand of ['refuses', 'no-event'] as const) {
      const fake = fakeDocument({ execCommand, writeText: 'accepts' });
      await writeEmptyClipboard(fake.doc);
      expect(fake.asyncWrites()).toBe(1);
      expect(fake.text()).toBe('');
    }
  });

  test('throws ClipboardRefusedError when every way is refused', async () => {
    const refused = fakeDocument({ execCommand: 'refuses', writeText: 'refuses' });
    await expect(writeEmptyClipboard(refused.doc)).rejects.toThrow(ClipboardRefusedError);
    expect(refused.text()).toBe('hunter2');
    const noWindow = fakeDocument({ execCommand: 'refuses' });
    await expect(writeEmptyClipboard(noWindow.doc)).rejects.toThrow("execCommand('copy') was refused");
    expect(noWindow.listeners()).toBe(0);
  });
});
