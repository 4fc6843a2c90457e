import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { composeKitEmail } from '../../../server/mail/kit-email';
import { createMailer, MailDeliveryError, type Mailer, type OutgoingMail } from '../../../server/mail/mailer';
import { composeResetEmail } from '../../../server/mail/reset-email';
import { header, parseMime } from './mime';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';

const FROM = 'Latchkey <no-reply@latchkey.test>';
const TO = 'john.smith@example.com';
const MASKED = 'j•••@example.com';
const PAYLOAD = 'LATCHKEY:0Z3C9QW6MDT2XB7Y5NKRH4AVGP8ESF1J';
const CODE = 'K7QM-3XPD-9WTA';

const simpleMail = (to: string): OutgoingMail => ({
  to,
  subject: 'Hello',
  text: 'Hello',
  html: '<p>Hello</p>',
});

/** Collects log lines, and checks each against what must never be logged. */
function logCollector(...secrets: string[]): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return {
    lines,
    log: (line) => {
      for (const secret of [TO, PAYLOAD, CODE, ...secrets]) expect(line).not.toContain(secret);
      lines.push(line);
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function expectDeliveryError(promise: Promise<unknown>): Promise<MailDeliveryError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

const mailers: Mailer[] = [];
function track(mailer: Mailer): Mailer {
  mailers.push(mailer);
  return mailer;
}
afterEach(async () => {
  await Promise.all(mailers.splice(0).map((mailer) => mailer.close()));
});

describe('outbox mode (no SMTP_URL)', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'latchkey-outbox-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  test('writes one private .eml per message, in order, and logs only its path and the masked recipient', async () => {
    const outboxDir = path.join(tmp, 'data', 'outbox');
    const { lines, log } = logCollector();
    const mailer = track(createMailer({ outboxDir, from: FROM, log }));
    const kit = await composeKitEmail({
      to: TO,
      payloadText: PAYLOAD,
      createdAt: new Date('2027-03-09T10:00:00Z'),
    });
    const expiresAt = new Date(Date.now() + 15 * 60_000);
    await mailer.send(kit);
    await mailer.send(composeResetEmail({ to: TO, code: CODE, expiresAt }));

    expect((await stat(outboxDir)).mode & 0o777).toBe(0o700);
    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    expect(lines).toEqual(files.map((file) => `mail: wrote ${path.join(outboxDir, file)} (to ${MASKED})`));

    const subjects: Array<string | undefined> = [];
    for (const file of files) {
      expect(file).toMatch(/^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{8}\.eml$/);
      const fullPath = path.join(outboxDir, file);
      expect((await stat(fullPath)).mode & 0o777).toBe(0o600);
      const raw = await readFile(fullPath, 'latin1');
      expect(raw).not.toMatch(/[^\r]\n/); // RFC 5322 §2.1: CRLF line ends, as on the wire
      const message = parseMime(raw);
      expect(header(message.headers, 'to')).toBe(TO);
      expect(header(message.headers, 'from')).toBe(FROM);
      subjects.push(header(message.headers, 'subject'));
    }
    expect(subjects).toEqual([kit.subject, 'Your Latchkey account reset code']);
    // The files do hold the secrets: the outbox is the delivery.
    expect(await readFile(path.join(outboxDir, files[1] ?? ''), 'latin1')).toContain(CODE);
  });

  test('warns once when an existing outbox folder is open to other users (and leaves its mode alone)', async () => {
    const outboxDir = path.join(tmp, 'shared');
    await mkdir(outboxDir);
    await chmod(outboxDir, 0o755);
    const { lines, log } = logCollector();
    const mailer = track(createMailer({ outboxDir, from: FROM, log }));
    await mailer.send(simpleMail(TO));
    await mailer.send(simpleMail(TO));
    expect(lines.filter((line) => line.includes('warning'))).toEqual([
      `mail: warning: outbox ${outboxDir} is accessible to other users (chmod 700 it)`,
    ]);
    expect(lines).toHaveLength(3);
    expect((await stat(outboxDir)).mode & 0o777).toBe(0o755);
  });

  test('a folder that cannot be created gives MailDeliveryError', async () => {
    const file = path.join(tmp, 'not-a-folder');
    await writeFile(file, '');
    const { lines, log } = logCollector();
    const mailer = track(createMailer({ outboxDir: path.join(file, 'outbox'), from: FROM, log }));
    const error = await expectDeliveryError(mailer.send(simpleMail(TO)));
    expect(error.reason).toBe('outbox');
    expect(lines).toEqual([`mail: outbox write failed (ENOTDIR) for ${MASKED}`]);
  });
});

describe('SMTP mode', () => {
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer({
      refuseRecipient: (address) =>
        address.startsWith('gone@') ? 550 : address.startsWith('later@') ? 451 : undefined,
    });
  });
  afterAll(async () => {
    await Promise.all(mailers.splice(0).map((mailer) => mailer.close()));
    await peer.close();
  });

  function smtpMailer(log: (line: string) => void): Mailer {
    return track(
      createMailer({ smtpUrl: `smtp://127.0.0.1:${peer.port}`, outboxDir: '/nonexistent', from: FROM, log }),
    );
  }

  test('sends through the pool and logs one masked line per message', async () => {
    const { lines, log } = logCollector();
    const mailer = smtpMailer(log);
    const before = peer.messages.length;
    await Promise.all(['a', 'b', 'c'].map((local) => mailer.send(simpleMail(`${local}@example.com`))));
    const received = peer.messages.slice(before).flatMap((message) => message.rcptTo);
    expect(received.sort()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(lines.sort()).toEqual(
      ['a', 'b', 'c'].map((local) => `mail: sent over SMTP to ${local}•••@example.com`),
    );
  });

  test('reuses its connection for messages sent one after another', async () => {
    const mailer = smtpMailer(() => {});
    const before = peer.connections();
    for (const local of ['d', 'e', 'f']) await mailer.send(simpleMail(`${local}@example.com`));
    expect(peer.connections() - before).toBe(1);
  });

  test('a refused recipient (550) is a permanent MailDeliveryError that names neither address nor reply', async () => {
    const { lines, log } = logCollector('gone@example.com');
    const mailer = smtpMailer(log);
    const error = await expectDeliveryError(mailer.send(simpleMail('gone@example.com')));
    expect(error).toMatchObject({
      reason: 'rejected',
      temporary: false,
      smtpCode: 550,
      code: 'mail-delivery-failed',
    });
    expect(error.message).toBe('Email could not be delivered (rejected, SMTP 550)');
    expect(error.cause).toBeUndefined();
    expect(lines).toEqual(['mail: SMTP delivery failed (rejected) to g•••@example.com']);
    // and the pool is still usable afterwards
    await mailer.send(simpleMail('fine@example.com'));
    expect(peer.messages.at(-1)?.rcptTo).toEqual(['fine@example.com']);
  });

  test('a 4xx refusal is temporary', async () => {
    const error = await expectDeliveryError(smtpMailer(() => {}).send(simpleMail('later@example.com')));
    expect(error).toMatchObject({ reason: 'rejected', temporary: true, smtpCode: 451 });
  });

  test('refuses a recipient that could add a header or another recipient, before anything is sent', async () => {
    const mailer = smtpMailer(() => {});
    const before = peer.messages.length;
    for (const to of [
      'a@example.com\r\nBcc: b@example.com',
      'a@example.com, b@example.com',
      'A <a@example.com>',
      '"a b"@example.com',
      'a@example',
      '',
    ]) {
      await expect(mailer.send(simpleMail(to))).rejects.toThrow(TypeError);
    }
    expect(peer.messages.length).toBe(before);
  });

  test('after close, send is a bug, not a delivery failure', async () => {
    const mailer = smtpMailer(() => {});
    await mailer.close();
    await expect(mailer.send(simpleMail(TO))).rejects.toThrow('Mailer is closed');
  });
});

describe('SMTP failures', () => {
  test('an unreachable port gives MailDeliveryError within a second', async () => {
    const port = await closedPort();
    const { lines, log } = logCollector();
    const mailer = track(
      createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', from: FROM, log }),
    );
    const started = performance.now();
    const error = await expectDeliveryError(mailer.send(simpleMail(TO)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ reason: 'connection', temporary: true });
    expect(lines).toEqual([`mail: SMTP delivery failed (connection) to ${MASKED}`]);
  });

  test('a server that accepts the connection but never greets times out as configured', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const mailer = track(
        createMailer({
          smtpUrl: `smtp://127.0.0.1:${port}`,
          outboxDir: '/nonexistent',
          from: FROM,
          log: () => {},
          timeoutsMs: { greeting: 300 },
        }),
      );
      const started = performance.now();
      const error = await expectDeliveryError(mailer.send(simpleMail(TO)));
      expect(performance.now() - started).toBeLessThan(2000);
      expect(error).toMatchObject({ reason: 'timeout', temporary: true });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('a server that hangs up, before or after its greeting, gives a connection failure (no endless retry)', async () => {
    for (const behaviour of ['hang up at once', 'hang up after greeting'] as const) {
      const rude = createServer((socket) => {
        if (behaviour === 'hang up at once') socket.destroy();
        else socket.resume().end('220 rude.test ESMTP\r\n'); // resume: read the client's FIN, so close() ends
      });
      await new Promise<void>((resolve) => rude.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = rude.address() as AddressInfo;
        const mailer = track(
          createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/x', from: FROM, log: () => {} }),
        );
        const started = performance.now();
        const error = await expectDeliveryError(mailer.send(simpleMail(TO)));
        expect(performance.now() - started).toBeLessThan(2000);
        expect(error).toMatchObject({ reason: 'connection', temporary: true });
      } finally {
        await new Promise<void>((resolve) => rude.close(() => resolve()));
      }
    }
  });

  test('the SMTP password reaches the server, and never a log line or an error', async () => {
    const pass = 's3cret-Pa55-word';
    const peer = await startSmtpPeer({ credentials: { user: 'mailer', pass } });
    try {
      const good = logCollector(pass);
      await track(
        createMailer({
          smtpUrl: `smtp://mailer:${pass}@127.0.0.1:${peer.port}`,
          outboxDir: '/x',
          from: FROM,
          log: good.log,
        }),
      ).send(simpleMail(TO));
      expect(peer.messages).toHaveLength(1);
      expect(good.lines).toEqual([`mail: sent over SMTP to ${MASKED}`]);

      const wrong = 'wrong-Pa55-word';
      const bad = logCollector(wrong);
      const error = await expectDeliveryError(
        track(
          createMailer({
            smtpUrl: `smtp://mailer:${wrong}@127.0.0.1:${peer.port}`,
            outboxDir: '/x',
            from: FROM,
            log: bad.log,
          }),
        ).send(simpleMail(TO)),
      );
      expect(error).toMatchObject({ reason: 'auth', temporary: false, smtpCode: 535 });
      expect(`${error.message} ${String(error.stack)}`).not.toContain(wrong);
      expect(peer.messages).toHaveLength(1);
    } finally {
      await Promise.all(mailers.splice(0).map((mailer) => mailer.close()));
      await peer.close();
    }
  });

  test('a malformed SMTP_URL is refused at start-up without quoting it', () => {
    for (const smtpUrl of ['http://user:hunter2@mail.example.com', 'user:hunter2 at mail.example.com']) {
      let error: unknown;
      try {
        createMailer({ smtpUrl, outboxDir: '/x', from: FROM, log: () => {} });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
