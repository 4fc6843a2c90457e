import { describe, expect, it } from 'vitest';
import { createContentSend } from '../../../../lib/autofill/content/content-channel';

/** The content script's sender (content-channel.ts): the router's envelope, and never a throw. */
describe('createContentSend', () => {
  it('sends the { type, request } envelope and passes the Result through', async () => {
    const seen: unknown[] = [];
    const send = createContentSend((envelope) => {
      seen.push(envelope);
      return Promise.resolve({ ok: true, value: { prompt: true } });
    });
    const answer = await send('autofill.submitted', { kind: 'login', username: 'a', password: 'b' });
    expect(answer).toEqual({ ok: true, value: { prompt: true } });
    expect(seen).toEqual([
      { type: 'autofill.submitted', request: { kind: 'login', username: 'a', password: 'b' } },
    ]);
    const refused = { ok: false, error: { code: 'expired', message: 'This fill request expired.' } };
    expect(await createContentSend(() => Promise.resolve(refused))('autofill.fill', { token: 't' })).toEqual(
      refused,
    );
  });

  it('turns a gone background, an invalidated context and a non-Result into failure values', async () => {
    const transports = [
      () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      () => {
        throw new Error('Extension context invalidated.');
      },
      () => Promise.resolve(undefined),
      () => Promise.resolve({ ok: true }),
      () => Promise.resolve({ ok: false, error: 'nope' }),
      () => Promise.resolve('ok'),
    ];
    for (const transport of transports) {
      const answer = await createContentSend(transport)('autofill.candidates', {});
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('internal');
    }
  });
});
