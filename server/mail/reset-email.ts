import { formatDate } from '../../lib/account/errors';
import { emailDocument, html } from './email-html';
import type { OutgoingMail } from './mailer';

/**
 * The account reset email (DESIGN §1 "Forgot password"): the one-time code that lets its holder wipe the
 * account. It says plainly that the reset destroys everything, points to the Recovery Kit that does not,
 * and tells whoever did not ask that nothing has happened.
 */

export interface ResetEmailInput {
  to: string;
  /** The one-time code as the user must type it; it goes in the body only, never in the subject. */
  code: string;
  expiresAt: Date;
  /** When the email is sent, for "expires in N minutes" (default: now). */
  now?: Date;
}

export const RESET_EMAIL_SUBJECT = 'Your Latchkey account reset code';

export function composeResetEmail(input: ResetEmailInput): OutgoingMail {
  const { to, code, expiresAt, now = new Date() } = input;
  if (typeof to !== 'string' || to === '') throw new TypeError('composeResetEmail: `to` must be an email');
  // Letters, digits, spaces and hyphens: whatever grouping the code uses, never markup or a line break.
  if (typeof code !== 'string' || !/^[\p{L}\p{N}][\p{L}\p{N} -]{0,63}$/u.test(code)) {
    throw new RangeError('composeResetEmail: the code must be 1–64 letters, digits, spaces or hyphens');
  }
  if (!(expiresAt instanceof Date) || !(expiresAt.getTime() > now.getTime())) {
    throw new RangeError('composeResetEmail: `expiresAt` must be a valid Date after `now`');
  }
  const expiry = {
    delay: describeDelay(expiresAt.getTime() - now.getTime()),
    // Absolute time in UTC as well, for someone reading the email later or in another time zone.
    at: `${expiresAt.toISOString().slice(11, 16)} UTC on ${formatDate(expiresAt)}`,
  };
  return {
    to,
    // The code stays out of the subject: subjects show on lock screens and in notification previews.
    subject: RESET_EMAIL_SUBJECT,
    text: resetText(to, code, expiry),
    html: resetHtml(to, code, expiry),
  };
}

/** "15 minutes", "1 minute", "2 hours": rounded, for people. */
function describeDelay(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return `${hours} hours`;
}

interface Expiry {
  delay: string;
  at: string;
}

function resetText(to: string, code: string, expiry: Expiry): string {
  return `Latchkey account reset code

Someone, hopefully you, asked to reset the Latchkey account ${to}.

Your one-time code:

    ${code}

It expires in ${expiry.delay}, at ${expiry.at}, and works only once.

A RESET DELETES ALL DATA OF THIS ACCOUNT
Every item in your vault, your devices and your Recovery Kit are deleted. This cannot be undone: your data is encrypted with your password, so no one, not even Latchkey, can bring it back. You then start over with a new, empty account under the same email. If Latchkey is still unlocked in one of your browsers, export your items there first.

HAVE A RECOVERY KIT?
Use it instead of this code: it lets you set a new password and keeps all your data.

DID NOT ASK FOR THIS?
Ignore this email; your account is unchanged. Never give this code to anyone: Latchkey will never ask you for it.

This email was sent automatically by Latchkey. Do not reply to it.
`;
}

function resetHtml(to: string, code: string, expiry: Expiry): string {
  const heading = 'margin:24px 0 4px;font-size:17px;';
  return emailDocument(
    'Latchkey account reset code',
    html`<h1 style="margin:0 0 16px;font-size:22px;">Latchkey account reset code</h1>
      <p>Someone, hopefully you, asked to reset the Latchkey account <strong>${to}</strong>.</p>
      <p style="margin:24px 0 4px;">Your one-time code:</p>
      <p
        style="margin:0;padding:16px;text-align:center;font-family:'SFMono-Regular',Consolas,'Liberation Mono',monospace;font-size:32px;font-weight:bold;letter-spacing:4px;background:#f4f4f5;"
      >
        ${code}
      </p>
      <p>It expires in ${expiry.delay}, at ${expiry.at}, and works only once.</p>
      <div style="margin:24px 0;padding:12px 16px;border-left:4px solid #b91c1c;background:#fef2f2;">
        <h2 style="margin:0 0 4px;font-size:17px;color:#b91c1c;">A reset deletes ALL data of this account</h2>
        <p style="margin:0;">
          Every item in your vault, your devices and your Recovery Kit are deleted.
          <strong>This cannot be undone</strong>: your data is encrypted with your password, so no one, not
          even Latchkey, can bring it back. You then start over with a new, empty account under the same
          email. If Latchkey is still unlocked in one of your browsers, export your items there first.
        </p>
      </div>
      <h2 style="${heading}">Have a Recovery Kit?</h2>
      <p style="margin:0;">
        Use it instead of this code: it lets you set a new password and <strong>keeps all your data</strong>.
      </p>
      <h2 style="${heading}">Did not ask for this?</h2>
      <p style="margin:0;">
        Ignore this email; your account is unchanged. Never give this code to anyone: Latchkey will never ask
        you for it.
      </p>`,
  );
}
