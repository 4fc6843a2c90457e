/**
 * An email that could not be handed to the SMTP server (or written to the outbox). The HTTP layer answers it
 * with a 503-style problem: the request was fine, the mail service is not.
 *
 * Deliberately carries no `cause` and no SMTP reply text: nodemailer's messages and the server's replies
 * quote the recipient ("550 <john@example.com>: unknown user") and this error is meant to be loggable.
 */
export type MailDeliveryReason =
  /** Refused, reset or unresolvable host; TLS failure. */
  | 'connection'
  /** No connection, greeting or reply within the configured timeouts. */
  | 'timeout'
  /** The SMTP server refused our credentials (a configuration problem). */
  | 'auth'
  /** The SMTP server refused the sender, the recipient or the message. */
  | 'rejected'
  /** Outbox mode: the .eml file could not be written. */
  | 'outbox'
  | 'other';

export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  readonly code = 'mail-delivery-failed';

  constructor(
    readonly reason: MailDeliveryReason,
    /** Worth retrying later: a network problem or an SMTP 4xx reply, not a 5xx refusal. */
    readonly temporary: boolean,
    /** The SMTP reply code, when the server answered (e.g. 550). */
    readonly smtpCode?: number,
  ) {
    super(`Email could not be delivered (${reason}${smtpCode === undefined ? '' : `, SMTP ${smtpCode}`})`);
  }

  /** Classifies a nodemailer failure by its `code` and `responseCode` (nodemailer lib/errors.js). */
  static fromSmtp(error: unknown): MailDeliveryError {
    const { code, responseCode } = (typeof error === 'object' && error !== null ? error : {}) as {
      code?: unknown;
      responseCode?: unknown;
    };
    const smtpCode = typeof responseCode === 'number' ? responseCode : undefined;
    // RFC 5321 §4.2.1: 4yz is a transient failure, 5yz a permanent one.
    const transientReply = smtpCode === undefined || (smtpCode >= 400 && smtpCode < 500);
    switch (code) {
      case 'ETIMEDOUT':
        return new MailDeliveryError('timeout', true, smtpCode);
      case 'ECONNECTION':
      case 'ESOCKET':
      case 'EDNS':
      case 'ETLS':
      case 'EPROXY':
        return new MailDeliveryError('connection', true, smtpCode);
      case 'EAUTH':
      case 'ENOAUTH':
      case 'EOAUTH2':
        return new MailDeliveryError('auth', false, smtpCode);
      case 'EENVELOPE':
      case 'EMESSAGE':
        return new MailDeliveryError('rejected', smtpCode !== undefined && transientReply, smtpCode);
      default:
        // The pool gives up on a connection the server keeps closing with a plain Error and no code.
        if (error instanceof Error && /connection was closed/i.test(error.message)) {
          return new MailDeliveryError('connection', true, smtpCode);
        }
        return new MailDeliveryError('other', transientReply, smtpCode);
    }
  }
}
