import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkAccount } from '../../../lib/account-service/check-account';
import { listDevices, revokeDevice } from '../../../lib/account-service/devices';
import { AccountChangedError } from '../../../lib/account-service/errors';
import { toProtocolError } from '../../../lib/account-service/protocol-error';
import { finishReset, startReset } from '../../../lib/account-service/reset';
import { signInWithKit } from '../../../lib/account-service/sign-in-with-kit';
import { SIGN_OUT_TIMEOUT_MS, signOut } from '../../../lib/account-service/sign-out';
import { signUp } from '../../../lib/account-service/sign-up';
import { resetCodeIn } from '../../server/http/harness';
import { apiFailure, failure, startServiceServer, uniqueEmail, type ServiceServer } from './service-server';

const PASSWORD = 'correct horse battery staple';

describe('sessions: revocation, expiry, sign-out, reset', () => {
  let s: ServiceServer;
  beforeAll(async () => {
    s = await startServiceServer();
  }, 60_000);
  afterAll(() => s?.stop());

  async function twoDevices(label: string) {
    const email = uniqueEmail(label);
    const a = await signUp(
      { serverUrl: s.serverUrl, email, password: PASSWORD, emailKit: false },
      s.deps('A'),
    );
    const b = await signInWithKit(
      { serverUrl: s.serverUrl, email, password: PASSWORD, kitText: a.kit.payloadText, source: 'key-file' },
      s.deps('B'),
    );
    return { email, a, b };
  }

  test('a device revoked from another is told so on its next contact', async () => {
    const { a, b } = await twoDevices('revoke');
    const devices = await listDevices(a.state, s.deps('A'));
    expect(devices.map((d) => [d.name, d.current])).toEqual(
      expect.arrayContaining([
        ['A', true],
        ['B', false],
      ]),
    );
    const target = devices.find((d) => d.name === 'B')!;
    const after = await revokeDevice(a.state, target.id, s.deps('A'));
    expect(after.map((d) => d.name)).toEqual(['A']);
    // Revoking it again (another tab did it first) is not an error.
    expect((await revokeDevice(a.state, target.id, s.deps('A'))).map((d) => d.name)).toEqual(['A']);

    const error = await apiFailure(checkAccount(b.state, b.keys, s.deps('B')));
    expect(error.code).toBe('session-revoked');
    expect(toProtocolError(error)).toEqual({
      code: 'session-revoked',
      message: 'This device was signed out from another device.',
    });
  });

  test('an expired session is renewed silently with the kept login secret', async () => {
    const { a } = await twoDevices('expiry');
    s.server.clock.advance(31 * 86_400_000); // past SESSION_TTL_DAYS (30)
    const old = await apiFailure(s.deps().api(s.serverUrl, a.state.token).call('account'));
    expect(old.code).toBe('session-expired');

    const renewed = await checkAccount(a.state, a.keys, s.deps('A'));
    expect(renewed.token).not.toBe(a.state.token);
    expect(new Date(renewed.tokenExpiresAt).getTime()).toBeGreaterThan(s.server.clock.now().getTime());
    expect(renewed).toMatchObject({ accountId: a.state.accountId, keyEpoch: 1 });
    await expect(checkAccount(renewed, a.keys, s.deps('A'))).resolves.toMatchObject({ token: renewed.token });
  });

  test('sign-out ends the session; an unreachable or silent server does not hold it up', async () => {
    const { a, b } = await twoDevices('signout');
    expect(await signOut(a.state, s.deps('A'))).toBe(true);
    expect((await apiFailure(checkAccount(a.state, a.keys, s.deps('A')))).code).toBe('unauthorized');
    expect((await listDevices(b.state, s.deps('B'))).map((d) => d.name)).toEqual(['B']);

    const unreachable = { ...b.state, serverUrl: 'http://127.0.0.1:9' };
    expect(await signOut(unreachable, s.deps('B'))).toBe(false);

    // A server that accepts the connection and never answers.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      expect(await signOut({ ...b.state, serverUrl: `http://127.0.0.1:${port}` }, s.deps('B'))).toBe(false);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(SIGN_OUT_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(SIGN_OUT_TIMEOUT_MS + 2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 20_000);

  test('account reset with the emailed code; the old kit then says the account changed', async () => {
    const { email, a } = await twoDevices('reset');
    await startReset(s.serverUrl, email, s.deps());
    const mail = (await s.server.outbox()).filter((m) => m.to.includes(email)).at(-1);
    expect(mail).toBeDefined();
    const code = resetCodeIn(mail!);

    const wrong = await apiFailure(finishReset(s.serverUrl, email, 'AAAAA-AAAAA', s.deps()));
    expect(wrong.code).toBe('invalid-reset-code');
    expect(toProtocolError(wrong)).toEqual({
      code: 'invalid-reset-code',
      message: 'This code is wrong or has expired. Check the email, or ask for a new code.',
    });
    await finishReset(s.serverUrl, email, code.toLowerCase(), s.deps());

    const gone = await apiFailure(checkAccount(a.state, a.keys, s.deps('A')));
    expect(gone.code).toBe('unauthorized');
    expect(toProtocolError(gone).code).toBe('not-signed-in');

    // The email signs up again, with the same password; the first account's kit opens with it but is refused.
    const again = await signUp(
      { serverUrl: s.serverUrl, email, password: PASSWORD, emailKit: false },
      s.deps('A'),
    );
    expect(again.state.accountId).not.toBe(a.state.accountId);
    const error = await failure(
      signInWithKit(
        { serverUrl: s.serverUrl, email, password: PASSWORD, kitText: a.kit.payloadText, source: 'qr-image' },
        s.deps('C'),
      ),
    );
    expect(error).toBeInstanceOf(AccountChangedError);
    expect(toProtocolError(error).message).toMatch(
      /the account was reset or replaced since the code was made/,
    );
  });
});
