import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKit } from '../../../lib/account/kit-payload';
import { newKdfSpec } from '../../../lib/account/key-hierarchy';
import { ARGON2ID_MIN } from '../../../lib/crypto/argon2id';
import { createMailer } from '../../../server/mail/mailer';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/**
 * The kit email over real HTTP: relayed to the account's own mailbox only for its own current kit, and nothing
 * of it kept or logged. Kits are made with lib/account's createKit (the QR KDF at the Argon2id floor, to keep
 * the suite fast; the server never runs it).
 */
const databases = new Databases();
let password: DerivedPassword;

beforeAll(async () => {
  password = await derivePassword('kit suite password');
});
afterAll(() => databases.stop());

function kitOf(user: TestUser, keyEpoch = user.keyEpoch): Promise<string> {
  return createKit({
    accountId: user.accountId,
    email: user.email,
    keyEpoch,
    password: password.password,
    accountKey: user.accountKey,
    qrKdf: newKdfSpec(ARGON2ID_MIN),
  });
}

describe.each(BACKENDS)('kit email over HTTP (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  it('mails the account its own current kit (QR inline and attached), keeping and logging nothing', async () => {
    const user = new TestUser(uniqueEmail(), password);
    const { session } = await user.signUp(server.api);
    const payloadText = await kitOf(user);
    expect(await session.call('kitEmail', { body: { payloadText } })).toBeNull();

    const mails = (await server.outbox()).filter((mail) => mail.to.includes(user.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^IMPORTANT: Latchkey Account QR Code - /);
    expect(mails[0]!.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(2);
    const logs = server.logs.join('\n');
    expect(logs).not.toContain(payloadText);
    expect(logs).not.toContain(payloadText.slice(9, 40));
    expect(logs).not.toContain(user.email);
  });

  it("refuses another account's kit, a kit of another epoch, and anything not a kit (invalid-kit)", async () => {
    const alice = new TestUser(uniqueEmail('alice'), password);
    const bob = new TestUser(uniqueEmail('bob'), password);
    const aliceSession = (await alice.signUp(server.api)).session;
    await bob.signUp(server.api);
    const before = (await server.outbox()).length;

    const cases: [string, string][] = [
      [await kitOf(bob), 'another account'],
      [await kitOf(alice, 2), 'current key epoch'],
      ['LATCHKEY:0000', 'damaged'],
      ['Hello, please wire money to…', 'not-latchkey'],
    ];
    for (const [payloadText, detail] of cases) {
      const error = await apiError(aliceSession.call('kitEmail', { body: { payloadText } }));
      expect(error).toMatchObject({ status: 400, code: 'invalid-kit' });
      expect(error.detail).toContain(detail);
    }
    expect(await server.outbox()).toHaveLength(before);
  });

  it('says mail-failed when the mail server cannot be reached', async () => {
    const broken = await startServer({
      backend,
      databases,
      // A real SMTP client against a closed port: connection refused.
      mailer: (_dir, log) =>
        createMailer({
          smtpUrl: 'smtp://127.0.0.1:9',
          outboxDir: '/nonexistent',
          from: 'x <x@latchkey.test>',
          log,
        }),
    });
    try {
      const user = new TestUser(uniqueEmail(), password);
      const { session } = await user.signUp(broken.api);
      const error = await apiError(session.call('kitEmail', { body: { payloadText: await kitOf(user) } }));
      expect(error).toMatchObject({ status: 502, code: 'mail-failed' });
    } finally {
      await broken.stop();
    }
  });
});
