import { describe, expect, test } from 'vitest';
import {
  MESSAGE_TYPES,
  PROTOCOL,
  type Handlers,
  type MessageType,
  type Result,
  type TrustedSender,
} from '../../../lib/messaging/protocol';
import {
  createRouter,
  INTERNAL_ERROR_MESSAGE,
  type MessageSenderLike,
  type RouterEnv,
} from '../../../lib/messaging/router';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}`;
const POPUP: MessageSenderLike = { id: RUNTIME_ID, url: `${ORIGIN}/popup.html` };
const SCAN_TAB: MessageSenderLike = {
  id: RUNTIME_ID,
  url: `${ORIGIN}/scan.html`,
  tab: { id: 7 },
  frameId: 0,
};
const CONTENT_SCRIPT: MessageSenderLike = {
  id: RUNTIME_ID,
  url: 'https://evil.example/login',
  tab: { id: 7 },
  frameId: 0,
};
/** Our inline menu framed in a web page (web_accessible_resources), as Chrome describes it. */
const FRAMED_MENU: MessageSenderLike = {
  id: RUNTIME_ID,
  url: `${ORIGIN}/inline-menu.html`,
  tab: { id: 7, url: 'https://site.example/login' },
  frameId: 12,
  documentId: 'DOC-MENU',
};
/** A content script in a cross-origin iframe, with everything Chrome tells about it. */
const FRAMED_CONTENT_SCRIPT: MessageSenderLike = {
  id: RUNTIME_ID,
  url: 'https://widget.example/embed',
  tab: { id: 7, url: 'https://site.example/login' },
  frameId: 3,
  documentId: 'DOC-WIDGET',
};
const PAGE_MESSAGES = MESSAGE_TYPES.filter((type) => PROTOCOL[type].senders === 'pages');
const CONTENT_MESSAGES = MESSAGE_TYPES.filter((type) => PROTOCOL[type].senders === 'content');
const FRAME_MESSAGES = MESSAGE_TYPES.filter((type) => PROTOCOL[type].senders === 'frame');
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA';
const PASSWORD = 'correct horse battery staple 93!';

interface Call {
  type: MessageType;
  request: unknown;
  sender: TrustedSender;
}

/** A handler table that records its calls and answers ok; `override` replaces chosen handlers. */
function recordingHandlers(calls: Call[], override: Partial<Handlers> = {}): Handlers {
  const table = Object.fromEntries(
    MESSAGE_TYPES.map((type) => [
      type,
      (request: unknown, sender: TrustedSender): Promise<Result<unknown>> => {
        calls.push({ type, request, sender });
        return Promise.resolve({ ok: true, value: { handled: type } });
      },
    ]),
  ) as unknown as Handlers;
  return { ...table, ...override };
}

function setup(override: Partial<Handlers> = {}) {
  const calls: Call[] = [];
  const logs: string[] = [];
  let activity = 0;
  const env: RouterEnv = {
    runtimeId: RUNTIME_ID,
    extensionOrigin: `${ORIGIN}/`,
    onPageActivity: () => {
      activity += 1;
      return Promise.resolve();
    },
    logError: (line) => logs.push(line),
  };
  const route = createRouter(recordingHandlers(calls, override), env);
  return { route, calls, logs, activity: () => activity };
}

describe('router: envelope and request validation', () => {
  test('a valid page message reaches its handler with the parsed request and a page sender', async () => {
    const { route, calls, activity } = setup();
    const answer = await route({ type: 'unlock', request: { password: PASSWORD } }, POPUP);
    expect(answer).toEqual({ ok: true, value: { handled: 'unlock' } });
    expect(calls).toEqual([
      { type: 'unlock', request: { password: PASSWORD }, sender: { kind: 'page', url: POPUP.url } },
    ]);
    expect(activity()).toBe(1);
  });

  test('the request is the schema output (emails normalised), not the raw input', async () => {
    const { route, calls } = setup();
    await route(
      { type: 'reset.start', request: { serverUrl: 'https://sync.example', email: '  Jo@Example.COM ' } },
      POPUP,
    );
    expect(calls[0]?.request).toEqual({ serverUrl: 'https://sync.example', email: 'jo@example.com' });
  });

  test.each([
    ['not an object', 'unlock'],
    ['null', null],
    ['no type', { request: {} }],
    ['a numeric type', { type: 3, request: {} }],
    ['no request', { type: 'lock' }],
    ['an extra field', { type: 'lock', request: {}, reply: 'x' }],
  ])('an invalid envelope (%s) is invalid-message and reaches no handler', async (_name, message) => {
    const { route, calls, activity } = setup();
    const answer = await route(message, POPUP);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('invalid-message');
    expect(calls).toEqual([]);
    expect(activity()).toBe(0);
  });

  test('an unknown type is invalid-message, even one inherited from Object.prototype', async () => {
    const { route, calls } = setup();
    for (const type of ['vault.dump', 'toString', '__proto__', 'constructor']) {
      const answer = await route({ type, request: {} }, POPUP);
      expect(answer).toEqual({
        ok: false,
        error: { code: 'invalid-message', message: 'Invalid message: unknown type' },
      });
    }
    expect(calls).toEqual([]);
  });

  test('an invalid request names the field and does not echo its value', async () => {
    const { route, calls } = setup();
    const answer = await route(
      {
        type: 'signIn.begin',
        request: { serverUrl: 'https://s.example', email: 'a@b.example', password: 42 },
      },
      POPUP,
    );
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid-message');
    expect(answer.error.message).toContain('request.password');
    expect(calls).toEqual([]);

    const extra = await route({ type: 'lock', request: { password: PASSWORD } }, POPUP);
    expect(extra.ok).toBe(false);
    if (extra.ok) return;
    expect(extra.error.message).toBe('Invalid lock request: request.password: unknown field');
    expect(extra.error.message).not.toContain(PASSWORD);
  });

  test('a nested field path is named', async () => {
    const { route } = setup();
    const answer = await route(
      {
        type: 'recovery.use',
        request: {
          serverUrl: 'https://s.example',
          email: 'a@b.example',
          kit: { kind: 'payload', payloadText: '' },
          newPassword: PASSWORD,
          emailKit: false,
        },
      },
      POPUP,
    );
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toContain('request.kit.payloadText');
  });
});

describe('router: senders', () => {
  test('the scan page in a tab is a page', async () => {
    const { route, calls } = setup();
    const answer = await route({ type: 'status.get', request: {} }, SCAN_TAB);
    expect(answer.ok).toBe(true);
    expect(calls[0]?.sender).toEqual({ kind: 'page', url: SCAN_TAB.url });
  });

  test('every message has a sender rule, and each kind has messages', () => {
    for (const type of MESSAGE_TYPES) expect(['pages', 'content', 'frame']).toContain(PROTOCOL[type].senders);
    expect(CONTENT_MESSAGES.length).toBeGreaterThan(0);
    expect(FRAME_MESSAGES.length).toBeGreaterThan(0);
  });

  test('a content script reaches a content message, with its tab, frame, URLs and document from the browser', async () => {
    const { route, calls, activity } = setup();
    const answer = await route({ type: 'autofill.fill', request: { token: TOKEN } }, FRAMED_CONTENT_SCRIPT);
    expect(answer.ok).toBe(true);
    expect(calls[0]?.sender).toEqual({
      kind: 'content',
      url: 'https://widget.example/embed',
      tabId: 7,
      frameId: 3,
      tabUrl: 'https://site.example/login',
      documentId: 'DOC-WIDGET',
    });
    // A content script's message is not the user in the popup: it does not move the inactivity timer.
    expect(activity()).toBe(0);
    await route({ type: 'autofill.candidates', request: {} }, CONTENT_SCRIPT);
    expect(calls[1]?.sender).toEqual({ kind: 'content', url: CONTENT_SCRIPT.url, tabId: 7, frameId: 0 });
  });

  test('our page framed in a tab reaches a frame message as a frame sender', async () => {
    const { route, calls } = setup();
    const answer = await route({ type: 'inline.list', request: { menuId: TOKEN } }, FRAMED_MENU);
    expect(answer.ok).toBe(true);
    expect(calls[0]?.sender).toEqual({
      kind: 'frame',
      url: FRAMED_MENU.url,
      tabId: 7,
      frameId: 12,
      tabUrl: 'https://site.example/login',
      documentId: 'DOC-MENU',
    });
  });

  const refusals: Array<[string, MessageSenderLike, readonly MessageType[]]> = [
    ['a content script', CONTENT_SCRIPT, [...PAGE_MESSAGES, ...FRAME_MESSAGES]],
    ['a content script in an iframe', FRAMED_CONTENT_SCRIPT, [...PAGE_MESSAGES, ...FRAME_MESSAGES]],
    ['our page framed in a web page', FRAMED_MENU, [...PAGE_MESSAGES, ...CONTENT_MESSAGES]],
    ['the popup', POPUP, [...CONTENT_MESSAGES, ...FRAME_MESSAGES]],
    ['our page in its own tab', SCAN_TAB, [...CONTENT_MESSAGES, ...FRAME_MESSAGES]],
    ['a web page with no tab', { id: RUNTIME_ID, url: 'https://site.example/' }, CONTENT_MESSAGES],
    [
      'a web page that claims to be our inline menu',
      {
        id: RUNTIME_ID,
        url: `https://site.example/${RUNTIME_ID}/inline-menu.html`,
        tab: { id: 7 },
        frameId: 2,
      },
      FRAME_MESSAGES,
    ],
    [
      'another extension’s content script',
      { ...FRAMED_CONTENT_SCRIPT, id: 'ponmlkjihgfedcbaponmlkjihgfedcba' },
      CONTENT_MESSAGES,
    ],
  ];
  test.each(refusals.flatMap(([name, sender, types]) => types.map((type) => [name, type, sender] as const)))(
    '%s is refused %s with forbidden-sender',
    async (_name, type, sender) => {
      const { route, calls, activity } = setup();
      // Valid request or not: the sender is refused before the request is looked at.
      const answer = await route({ type, request: {} }, sender);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('forbidden-sender');
      expect(calls).toEqual([]);
      expect(activity()).toBe(0);
    },
  );

  test.each<[string, MessageSenderLike]>([
    ['another extension', { id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: `${ORIGIN}/popup.html` }],
    ['no sender id', { url: `${ORIGIN}/popup.html` }],
    ['no sender url', { id: RUNTIME_ID }],
    ['a URL that does not parse', { id: RUNTIME_ID, url: 'not a url' }],
    ['another extension origin', { id: RUNTIME_ID, url: 'chrome-extension://ponmlkjihgfedcba/popup.html' }],
    [
      'a look-alike web host',
      { id: RUNTIME_ID, url: `https://${RUNTIME_ID}/popup.html`, tab: { id: 1 }, frameId: 0 },
    ],
    [
      'our page framed inside a web page',
      { id: RUNTIME_ID, url: `${ORIGIN}/popup.html`, tab: { id: 1 }, frameId: 3 },
    ],
  ])('%s is refused', async (_name, sender) => {
    const { route, calls } = setup();
    const answer = await route({ type: 'status.get', request: {} }, sender);
    expect(answer).toEqual({
      ok: false,
      error: { code: 'forbidden-sender', message: expect.any(String) as string },
    });
    expect(calls).toEqual([]);
  });

  test('Firefox: moz-extension pages of this extension are pages', async () => {
    const calls: Call[] = [];
    const uuid = '0d5e7f39-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    const route = createRouter(recordingHandlers(calls), {
      runtimeId: 'latchkey@latchkey.dev',
      extensionOrigin: `moz-extension://${uuid}/`,
      onPageActivity: () => Promise.resolve(),
      logError: () => undefined,
    });
    const answer = await route(
      { type: 'lock', request: {} },
      { id: 'latchkey@latchkey.dev', url: `moz-extension://${uuid}/popup.html` },
    );
    expect(answer.ok).toBe(true);
    const refused = await route(
      { type: 'lock', request: {} },
      { id: 'latchkey@latchkey.dev', url: 'https://site.example/', tab: { id: 2 }, frameId: 0 },
    );
    expect(refused.ok).toBe(false);
  });
});

describe('router: failures inside handlers', () => {
  test('a handler that throws answers internal, and the log has the type but no request value', async () => {
    const { route, logs } = setup({
      unlock: (request) => {
        // A bug that quotes its input: the log must still not carry the password.
        throw new Error(`could not use ${request.password}`);
      },
    });
    const answer = await route({ type: 'unlock', request: { password: PASSWORD } }, POPUP);
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('handler for unlock failed');
    expect(logs[0]).toContain('could not use [redacted]');
    expect(logs.join('\n')).not.toContain(PASSWORD);
  });

  test('a handler that rejects answers internal', async () => {
    const { route, logs } = setup({
      'password.change': () => Promise.reject(new RangeError('boom')),
    });
    const request = { currentPassword: PASSWORD, newPassword: `${PASSWORD}-new`, emailKit: true };
    const answer = await route({ type: 'password.change', request }, POPUP);
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    expect(logs.join('\n')).toContain('RangeError: boom');
    expect(logs.join('\n')).not.toContain(PASSWORD);
  });

  test('a thrown non-Error is reported too', async () => {
    const { route, logs } = setup({
      lock: () => {
        throw 'a string' as unknown as Error;
      },
    });
    const answer = await route({ type: 'lock', request: {} }, POPUP);
    expect(answer.ok).toBe(false);
    expect(logs[0]).toContain('a string');
  });

  test('a failing inactivity timer is logged and the handler still runs', async () => {
    const calls: Call[] = [];
    const logs: string[] = [];
    const route = createRouter(recordingHandlers(calls), {
      runtimeId: RUNTIME_ID,
      extensionOrigin: ORIGIN,
      onPageActivity: () => Promise.reject(new Error('storage is full')),
      logError: (line) => logs.push(line),
    });
    const answer = await route({ type: 'status.get', request: {} }, POPUP);
    expect(answer.ok).toBe(true);
    expect(logs[0]).toContain('inactivity timer failed');
  });

  test('the handler table answer is passed through as is (errors included)', async () => {
    const { route } = setup({
      unlock: () =>
        Promise.resolve({ ok: false, error: { code: 'wrong-password', message: 'Incorrect password' } }),
    });
    const answer = await route({ type: 'unlock', request: { password: 'nope' } }, POPUP);
    expect(answer).toEqual({ ok: false, error: { code: 'wrong-password', message: 'Incorrect password' } });
  });

  test('a router needs a real extension origin', () => {
    expect(() =>
      createRouter(recordingHandlers([]), {
        runtimeId: RUNTIME_ID,
        extensionOrigin: 'nonsense',
        onPageActivity: () => Promise.resolve(),
        logError: () => undefined,
      }),
    ).toThrow(TypeError);
  });
});
