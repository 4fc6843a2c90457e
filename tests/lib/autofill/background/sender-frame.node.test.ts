import { describe, expect, test } from 'vitest';
import { liveTopOrigin, senderFrame } from '../../../../lib/autofill/background/sender-frame';

describe('the sender’s frame and live top origin', () => {
  test('Chrome: tab.url is the top page', () => {
    expect(liveTopOrigin({ frameId: 3, url: 'https://w.example/x', tabUrl: 'https://top.example/a?b' })).toBe(
      'https://top.example',
    );
  });

  test('a top frame without tab.url (Firefox without host access) is its own top page', () => {
    expect(liveTopOrigin({ frameId: 0, url: 'http://localhost:3000/login' })).toBe('http://localhost:3000');
  });

  test('a sub-frame without tab.url has no known top page', () => {
    expect(liveTopOrigin({ frameId: 2, url: 'https://w.example/' })).toBeNull();
  });

  test('a top page that is not a web page has no origin to fill for', () => {
    expect(liveTopOrigin({ frameId: 2, url: 'https://w.example/', tabUrl: 'about:blank' })).toBeNull();
  });

  test('a sender that is not in a tab has no frame', () => {
    expect(senderFrame({ kind: 'page', url: 'chrome-extension://x/popup.html' })).toBeNull();
    expect(
      senderFrame({ kind: 'content', url: 'https://a.example/', tabId: 1, frameId: 0, documentId: 'D' }),
    ).toEqual({ tabId: 1, frameId: 0, url: 'https://a.example/', documentId: 'D' });
  });
});
