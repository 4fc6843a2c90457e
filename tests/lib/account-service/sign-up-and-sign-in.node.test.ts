import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DamagedKitError,
  NotLatchkeyCodeError,
  WrongAccountError,
  WrongPasswordError,
} from '../../../lib/account/errors';
import { makeKeyFile } from '../../../lib/account/key-file';
import { makeRecoveryKit } from '../../../lib/account/recovery-kit';
import { DeviceStateSchema } from '../../../lib/account-service/device-state';
import { RecoveryKitGivenError } from '../../../lib/account-service/errors';
import { listDevices } from '../../../lib/account-service/devices';
import { unlock } from '../../../lib/account-service/open-account-key';
import { toProtocolError } from '../../../lib/account-service/protocol-error';
import { signInWithKit } from '../../../lib/account-service/sign-in-with-kit';
import { signUp } from '../../../lib/account-service/sign-up';
import { createMailer } from '../../../server/mail/mailer';
import { apiFailure, failure, startServiceServer, uniqueEmail, type ServiceServer } from './service-server';

const PASSWORD = 'correct horse battery staple';

describe('sign up, and sign in on another device with the Authentication Kit', () => {
  let s: ServiceServer;
  beforeAll(async () => {
    s = await startServiceServer();
  }, 60_000);
  afterAll(() => s?.stop());

  let email: string;
  let first: Awaited<ReturnType<typeof signUp>>;

  beforeAll(async () => {
    email = uniqueEmail('Signup');
    first = await signUp(
      { serverUrl: s.serverUrl, email, password: PASSWORD, emailKit: true },
      s.deps('Chromium A'),
    );
  }, 30_000);

  test('sign-up makes a valid device state, unlocked keys and an emailed kit', async () => {
    expect(v.is(DeviceStateSchema, first.state)).toBe(true);
    expect(first.state).toMatchObject({
      serverUrl: s.serverUrl,
      email: email.toLowerCase(),
      keyEpoch: 1,
      hasRecovery: false,
    });
    expect(first.keys.vaultKey).toHaveLength(32);
    expect(first.kit).toMatchObject({ email: email.toLowerCase(), emailed: true });
    expect(first.kit.payloadText.startsWith('LATCHKEY:')).toBe(true);
    const mail = (await s.server.outbox()).filter((m) => m.to.includes(email.toLowerCase()));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^IMPORTANT: Latchkey Account QR Code - /);
  });

  test('the server holds the same devices box the device keeps, and never the device secret', async () => {
    const account = await s.deps().api(s.serverUrl, first.state.token).call('account');
    expect(account.keyset.accountKeyForDevices).toBe(first.state.accountKeyForDevices);
    expect(account.keyset.wrappedVaultKey).toBe(first.state.wrappedVaultKey);
    expect(JSON.stringify(account)).not.toContain(first.state.deviceSecret);
  });

  test('unlock runs locally with the password alone, and refuses another password', async () => {
    const keys = await unlock(first.state, PASSWORD);
    expect(keys.vaultKey).toEqual(first.keys.vaultKey);
    expect(keys.loginSecret).toEqual(first.keys.loginSecret);
    const error = await failure(unlock(first.state, 'correct horse battery stapler'));
    expect(error).toBeInstanceOf(WrongPasswordError);
    expect(toProtocolError(error)).toEqual({ code: 'wrong-password', message: 'Incorrect password' });
  });

  test('a second device signs in with the kit text and gets the same vault key', async () => {
    const second = await signInWithKit(
      {
        serverUrl: s.serverUrl,
        email,
        password: PASSWORD,
        kitText: first.kit.payloadText,
        source: 'qr-image',
      },
      s.deps('Firefox B'),
    );
    expect(second.keys.vaultKey).toEqual(first.keys.vaultKey);
    expect(second.state).toMatchObject({
      accountId: first.state.accountId,
      keyEpoch: 1,
      // One box and one device secret for every device of the account (lib/account/README.md).
      accountKeyForDevices: first.state.accountKeyForDevices,
      deviceSecret: first.state.deviceSecret,
    });
    expect(second.state.token).not.toBe(first.state.token);
    expect((await unlock(second.state, PASSWORD)).vaultKey).toEqual(first.keys.vaultKey);
  });

  test('a third device signs in with the key file', async () => {
    const file = makeKeyFile(first.kit.payloadText);
    const third = await signInWithKit(
      { serverUrl: s.serverUrl, email, password: PASSWORD, kitText: file.text, source: 'key-file' },
      s.deps('Edge C'),
    );
    expect(third.keys.vaultKey).toEqual(first.keys.vaultKey);
    const names = (await listDevices(third.state, s.deps())).map((d) => d.name).sort();
    expect(names).toEqual(['Chromium A', 'Edge C', 'Firefox B']);
  });

  describe('every kit error says what went wrong (DESIGN §6)', () => {
    const signIn = (
      kitText: string,
      overrides: { password?: string; source?: 'qr-image' | 'key-file' } = {},
    ) =>
      failure(
        signInWithKit(
          {
            serverUrl: s.serverUrl,
            email,
            password: overrides.password ?? PASSWORD,
            kitText,
            source: overrides.source ?? 'qr-image',
          },
          s.deps('Failing device'),
        ),
      );

    test("another account's QR code", async () => {
      const other = await signUp(
        { serverUrl: s.serverUrl, email: uniqueEmail('other'), password: PASSWORD, emailKit: false },
        s.deps(),
      );
      expect(other.kit.emailed).toBeNull();
      const error = await signIn(other.kit.payloadText);
      expect(error).toBeInstanceOf(WrongAccountError);
      expect(toProtocolError(error)).toEqual({
        code: 'wrong-account',
        message: 'This QR code belongs to a different account (o•••@example.com)',
      });
    });

    test('a QR code that is not Latchkey’s, and a file that is not a key file', async () => {
      const qr = await signIn('https://example.com/wifi?ssid=home');
      expect(qr).toBeInstanceOf(NotLatchkeyCodeError);
      expect(toProtocolError(qr)).toEqual({
        code: 'not-latchkey',
        message: 'This QR code is not a Latchkey Authentication QR Code',
      });
      const file = await signIn('Dear diary,\nnothing here.\n', { source: 'key-file' });
      expect(toProtocolError(file)).toEqual({
        code: 'not-latchkey',
        message: 'This file is not a Latchkey key file',
      });
    });

    test('a damaged QR code', async () => {
      const text = first.kit.payloadText;
      const i = text.length - 10;
      const damaged = text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
      const error = await signIn(damaged);
      expect(error).toBeInstanceOf(DamagedKitError);
      expect(toProtocolError(error).code).toBe('damaged');
    });

    test('a wrong password is "Incorrect password", never "invalid QR code"', async () => {
      const error = await signIn(first.kit.payloadText, { password: 'correct horse battery stapler' });
      expect(error).toBeInstanceOf(WrongPasswordError);
      expect(toProtocolError(error)).toEqual({ code: 'wrong-password', message: 'Incorrect password' });
    });

    test('a Recovery Kit where the Authentication QR Code belongs', async () => {
      const recovery = makeRecoveryKit({
        accountId: first.state.accountId,
        accountKey: new Uint8Array(20),
        recoverySecret: new Uint8Array(32),
      });
      const error = await signIn(recovery.payloadText);
      expect(error).toBeInstanceOf(RecoveryKitGivenError);
      expect(toProtocolError(error).message).toMatch(
        /^This is a Recovery Kit, not an Authentication QR Code/,
      );
    });
  });

  test('an email that has an account cannot sign up again', async () => {
    const error = await apiFailure(
      signUp({ serverUrl: s.serverUrl, email, password: PASSWORD, emailKit: false }, s.deps()),
    );
    expect(error.code).toBe('email-taken');
    expect(toProtocolError(error).message).toBe(
      'An account with this email already exists. Sign in instead, or reset the account if you forgot its password.',
    );
  });

  test('an unreachable server is said plainly, with its host', async () => {
    const error = await failure(
      signUp(
        { serverUrl: 'http://127.0.0.1:9', email: uniqueEmail('x'), password: PASSWORD, emailKit: false },
        s.deps(),
      ),
    );
    expect(toProtocolError(error, { serverUrl: 'http://127.0.0.1:9' })).toEqual({
      code: 'network',
      message:
        "Can't reach the Latchkey server at 127.0.0.1:9. Check your connection and the server address.",
    });
  });
});

describe('a kit email that cannot be sent', () => {
  let s: ServiceServer;
  beforeAll(async () => {
    s = await startServiceServer({
      // A real SMTP client against a closed port: connection refused (as in tests/server/http/kit-email.test.ts).
      mailer: (_dir, log) =>
        createMailer({
          smtpUrl: 'smtp://127.0.0.1:9',
          outboxDir: '/nonexistent',
          from: 'x <x@latchkey.test>',
          log,
        }),
    });
  }, 60_000);
  afterAll(() => s?.stop());

  test('does not fail the sign-up: the kit is there, emailed is false', async () => {
    const email = uniqueEmail('nomail');
    const result = await signUp(
      { serverUrl: s.serverUrl, email, password: PASSWORD, emailKit: true },
      s.deps(),
    );
    expect(result.kit.emailed).toBe(false);
    // The account exists and the kit works.
    const again = await signInWithKit(
      {
        serverUrl: s.serverUrl,
        email,
        password: PASSWORD,
        kitText: result.kit.payloadText,
        source: 'qr-camera',
      },
      s.deps('other'),
    );
    expect(again.keys.vaultKey).toEqual(result.keys.vaultKey);
  });
});
