import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_CODE_TTL_MS } from '../../../server/reset-codes';
import { BACKENDS, Databases, resetCodeIn, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/** Account reset over real HTTP, with the code read from the real outbox (.eml files in the data dir). */
const databases = new Databases();
let password: DerivedPassword;

beforeAll(async () => {
  password = await derivePassword('reset suite password');
});
afterAll(() => databases.stop());

describe.each(BACKENDS)('account reset over HTTP (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  async function mailsTo(email: string) {
    return (await server.outbox()).filter((mail) => mail.to.includes(email));
  }

  it('emails a code, wipes the account with it, and lets the email sign up again', async () => {
    const user = new TestUser(uniqueEmail(), password);
    const { session } = await user.signUp(server.api);
    await session.call('push', {
      body: { changes: [{ id: crypto.randomUUID(), baseRevision: 0, ciphertext: 'A'.repeat(60) }] },
    });
    expect(await server.api.call('resetStart', { body: { email: user.email } })).toBeNull();
    const [mail] = await mailsTo(user.email);
    expect(mail?.subject).toBe('Your Latchkey account reset code');
    const code = resetCodeIn(mail!);
    // Only a keyed hash of the code is stored, and the code is in no log line.
    const stored = await server.storage.getResetCode(user.accountId);
    expect(stored?.codeHash).not.toContain(code.replace('-', ''));
    expect(server.logs.join('\n')).not.toContain(code);

    expect(
      await apiError(server.api.call('resetFinish', { body: { email: user.email, code: 'ZZZZZ-ZZZZZ' } })),
    ).toMatchObject({ status: 400, code: 'invalid-reset-code' });
    // Typed loosely: lowercase, no hyphen, spaces.
    const typed = ` ${code.replace('-', ' ').toLowerCase()} `;
    expect(await server.api.call('resetFinish', { body: { email: user.email, code: typed } })).toBeNull();

    expect(await server.storage.getAccountByEmail(user.email)).toBeNull();
    expect(await apiError(session.call('account'))).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await user.logIn(server.api)).toBeNull();
    // The code was used up with the account.
    expect((await apiError(server.api.call('resetFinish', { body: { email: user.email, code } }))).code).toBe(
      'invalid-reset-code',
    );

    const again = new TestUser(user.email, password);
    const fresh = await again.signUp(server.api);
    expect(again.accountId).not.toBe(user.accountId);
    expect(await fresh.session.call('pull', { query: {} })).toEqual({
      items: [],
      headRevision: 0,
      hasMore: false,
    });
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    const email = uniqueEmail('nobody');
    expect(await server.api.call('resetStart', { body: { email } })).toBeNull();
    expect(await mailsTo(email)).toEqual([]);
    expect(
      (await apiError(server.api.call('resetFinish', { body: { email, code: 'ABCDE-FGHJK' } }))).code,
    ).toBe('invalid-reset-code');
  });

  it('five wrong codes void the code; a newer code replaces an older one; codes expire', async () => {
    const user = new TestUser(uniqueEmail(), password);
    await user.signUp(server.api);
    await server.api.call('resetStart', { body: { email: user.email } });
    const code = resetCodeIn((await mailsTo(user.email))[0]!);
    for (let i = 0; i < 5; i++) {
      await apiError(server.api.call('resetFinish', { body: { email: user.email, code: `00000-0000${i}` } }));
    }
    expect((await apiError(server.api.call('resetFinish', { body: { email: user.email, code } }))).code).toBe(
      'invalid-reset-code',
    );

    await server.api.call('resetStart', { body: { email: user.email } });
    await server.api.call('resetStart', { body: { email: user.email } });
    const [, older, newer] = (await mailsTo(user.email)).map(resetCodeIn);
    expect(
      (await apiError(server.api.call('resetFinish', { body: { email: user.email, code: older! } }))).code,
    ).toBe('invalid-reset-code');
    server.clock.advance(RESET_CODE_TTL_MS + 1000);
    try {
      expect(
        (await apiError(server.api.call('resetFinish', { body: { email: user.email, code: newer! } }))).code,
      ).toBe('invalid-reset-code');
    } finally {
      server.clock.advance(-(RESET_CODE_TTL_MS + 1000));
    }
    expect(await server.storage.getAccountByEmail(user.email)).not.toBeNull();
  });
});
