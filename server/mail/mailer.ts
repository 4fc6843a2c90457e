import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { maskEmail } from '../../lib/account/email';
import { MailDeliveryError } from './mail-delivery-error';
import { createOutbox } from './outbox';

export { MailDeliveryError, type MailDeliveryReason } from './mail-delivery-error';

/**
 * How the server sends email (DESIGN §3): over SMTP when SMTP_URL is set, otherwise into an outbox folder of
 * .eml files for whoever runs the server to open. Both modes render the same RFC 5322 message with nodemailer.
 *
 * What reaches the log: one line per message with the masked recipient (and the file path in outbox mode).
 * Never the body, the subject, the full address, the SMTP URL (it may hold a password) or an SMTP server's
 * reply text (replies often quote the address). Nodemailer's own logger stays off for the same reason.
 */

export interface MailAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
  /** Set for an image the HTML shows with src="cid:…"; it is then sent inline, not as a download. */
  cid?: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** Rejects with MailDeliveryError when the message could not be handed over (SMTP) or written (outbox). */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export interface MailerConfig {
  /** smtp:// or smtps:// URL, credentials included (nodemailer's format). Unset: outbox mode. */
  smtpUrl?: string;
  /** Where .eml files go when smtpUrl is unset (created 0700 on the first message). */
  outboxDir: string;
  /** The From header, e.g. 'Latchkey <no-reply@example.com>'. */
  from: string;
  log: (line: string) => void;
  /** SMTP timeouts. The HTTP request waits for the hand-over, so they are short (nodemailer's are minutes). */
  timeoutsMs?: { connection?: number; greeting?: number; socket?: number };
}

const DEFAULT_TIMEOUTS_MS = { connection: 10_000, greeting: 10_000, socket: 20_000 };

export function createMailer(config: MailerConfig): Mailer {
  if (config.smtpUrl === undefined || config.smtpUrl === '') return createOutboxMailer(config);
  return createSmtpMailer(config, config.smtpUrl);
}

function createSmtpMailer(config: MailerConfig, smtpUrl: string): Mailer {
  assertSmtpUrl(smtpUrl);
  const timeouts = { ...DEFAULT_TIMEOUTS_MS, ...config.timeoutsMs };
  // The pool is built directly: nodemailer.createTransport({ url, ... }) would keep only the URL's options and
  // silently drop the pool and the timeouts. Settings in the URL's query (?tls.rejectUnauthorized=…) still apply.
  const options: SMTPPool.Options & { maxRequeues: number } = {
    url: smtpUrl,
    // One pool per server instance: a sign-up burst reuses a few connections instead of one per email.
    pool: true,
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    dnsTimeout: timeouts.connection,
    // A connection that drops mid-send is retried once, then the send fails (the default retries forever,
    // and the HTTP request would hang).
    maxRequeues: 1,
    logger: false,
    debug: false,
  };
  const transport = nodemailer.createTransport(new SMTPPool(options));
  let closed = false;
  return {
    async send(mail) {
      if (closed) throw new Error('Mailer is closed');
      const message = toNodemailerMessage(config.from, mail);
      try {
        await transport.sendMail(message);
      } catch (error) {
        const failure = MailDeliveryError.fromSmtp(error);
        config.log(`mail: SMTP delivery failed (${failure.reason}) to ${maskEmail(mail.to)}`);
        throw failure;
      }
      config.log(`mail: sent over SMTP to ${maskEmail(mail.to)}`);
    },
    async close() {
      closed = true;
      transport.close();
    },
  };
}

function createOutboxMailer(config: MailerConfig): Mailer {
  // Renders exactly what SMTP would carry (CRLF line ends, RFC 5322), into memory.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const outbox = createOutbox(config.outboxDir, config.log);
  let closed = false;
  return {
    async send(mail) {
      if (closed) throw new Error('Mailer is closed');
      const { message } = await transport.sendMail(toNodemailerMessage(config.from, mail));
      // With `buffer: true` nodemailer hands back the whole message, not a stream.
      if (!Buffer.isBuffer(message)) throw new Error('Mailer: expected a rendered message buffer');
      let file: string;
      try {
        file = await outbox.write(message);
      } catch (error) {
        // Disk full, permissions: the message is not delivered, as with an SMTP failure. The errno code tells
        // the operator why; the path and the message stay out of the line like everything else.
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        config.log(`mail: outbox write failed (${code}) for ${maskEmail(mail.to)}`);
        throw new MailDeliveryError('outbox', true);
      }
      config.log(`mail: wrote ${file} (to ${maskEmail(mail.to)})`);
    },
    async close() {
      closed = true;
      transport.close();
    },
  };
}

function toNodemailerMessage(from: string, mail: OutgoingMail): Mail.Options {
  assertMailbox(mail.to);
  return {
    from,
    // An address object, so nodemailer does not parse the string as a header (it could hold a display name).
    to: { name: '', address: mail.to },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: (mail.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      content: Buffer.from(attachment.content),
      contentType: attachment.contentType,
      ...(attachment.cid === undefined
        ? { contentDisposition: 'attachment' as const }
        : { cid: attachment.cid, contentDisposition: 'inline' as const }),
    })),
    // RFC 3834: vacation responders and other robots must not answer automatic mail.
    headers: { 'Auto-Submitted': 'auto-generated' },
    // Everything above is data, never a file path or a URL for nodemailer to fetch.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * An addr-spec with nothing that could end a header or add a recipient (CR, LF, comma, angle brackets,
 * quotes, spaces). The HTTP layer validates emails first; this is the last line before the wire.
 */
function assertMailbox(address: string): void {
  if (typeof address !== 'string' || address.length > 254) {
    throw new TypeError('Mailer: the recipient must be an email address of at most 254 characters');
  }
  if (!/^[^\s<>()[\]\\,;:"@\p{Cc}]+@[^\s<>()[\]\\,;:"@\p{Cc}]+\.[^\s<>()[\]\\,;:"@\p{Cc}]+$/u.test(address)) {
    throw new TypeError('Mailer: the recipient is not a plain email address');
  }
}

function assertSmtpUrl(smtpUrl: string): void {
  let protocol: string;
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch (_error) {
    // Not quoting the value: it may hold the SMTP password.
    throw new TypeError('SMTP_URL is not a valid URL (expected smtp://user:pass@host:port or smtps://…)');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new TypeError(`SMTP_URL must start with smtp:// or smtps:// (got ${protocol}//)`);
  }
}
