import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 and a free port (the smtp-server package), for the mailer tests: plain
 * text, no TLS, and every accepted message kept raw, byte for byte, with its envelope.
 */

export interface ReceivedMessage {
  mailFrom: string;
  rcptTo: string[];
  /** The DATA as received, bytes kept 1:1 in a latin1 string (dot-unstuffed by smtp-server). */
  raw: string;
}

export interface SmtpPeerOptions {
  /** Return an SMTP reply code to refuse RCPT TO with it (e.g. 550, 451). */
  refuseRecipient?: (address: string) => number | undefined;
  /** When set, AUTH is offered and only these credentials pass. */
  credentials?: { user: string; pass: string };
}

export interface SmtpPeer {
  port: number;
  messages: ReceivedMessage[];
  /** How many SMTP connections clients opened so far (shows whether the mailer reuses them). */
  connections(): number;
  close(): Promise<void>;
}

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const messages: ReceivedMessage[] = [];
  let connections = 0;
  const { credentials, refuseRecipient } = options;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 500,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (
        credentials !== undefined &&
        auth.username === credentials.user &&
        auth.password === credentials.pass
      ) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, callback) {
      const refusal = refuseRecipient?.(address.address);
      if (refusal === undefined) callback();
      else
        callback(Object.assign(new Error(`Mailbox ${address.address} refused`), { responseCode: refusal }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          mailFrom: mailFrom === false ? '' : mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt: SMTPServerAddress) => rcpt.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
