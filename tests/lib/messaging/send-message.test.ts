import { describe, expect, test } from 'vitest';
import { BACKGROUND_GONE_MESSAGE, createSendMessage } from '../../../lib/messaging/send-message';

const GONE = { ok: false, error: { code: 'internal', message: BACKGROUND_GONE_MESSAGE } };

describe('sendMessage', () => {
  test('sends the envelope and answers the background’s Result as is', async () => {
    const sent: unknown[] = [];
    const send = createSendMessage((envelope) => {
      sent.push(envelope);
      return Promise.resolve({ ok: true, value: { lockAt: null } });
    });
    expect(await send('activity.touch', {})).toEqual({ ok: true, value: { lockAt: null } });
    expect(sent).toEqual([{ type: 'activity.touch', request: {} }]);
  });

  test('an error Result comes through with its code, message and extras', async () => {
    const error = { code: 'rate-limited', message: 'Too many tries', retryAfter: 30 };
    const send = createSendMessage(() => Promise.resolve({ ok: false, error }));
    expect(await send('unlock', { password: 'x' })).toEqual({ ok: false, error });
  });

  test('a background that is gone becomes an internal error, never an exception', async () => {
    const send = createSendMessage(() =>
      Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
    );
    expect(await send('status.get', {})).toEqual(GONE);
  });

  test('a transport that throws synchronously is caught too', async () => {
    const send = createSendMessage(() => {
      throw new TypeError('runtime is undefined');
    });
    expect(await send('lock', {})).toEqual(GONE);
  });

  test.each([
    ['undefined (no listener answered)', undefined],
    ['null', null],
    ['a bare value', 'unlocked'],
    ['ok without value', { ok: true }],
    ['an error without a code', { ok: false, error: { message: 'x' } }],
    ['an error with a numeric message', { ok: false, error: { code: 'internal', message: 3 } }],
    ['ok that is not a boolean', { ok: 'yes', value: 1 }],
  ])('an answer that is not a Result (%s) is reported as a gone background', async (_name, answer) => {
    const send = createSendMessage(() => Promise.resolve(answer));
    expect(await send('status.get', {})).toEqual(GONE);
  });
});
