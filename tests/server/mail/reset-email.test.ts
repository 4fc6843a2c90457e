import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMailer, type Mailer } from '../../../server/mail/mailer';
import { composeResetEmail, RESET_EMAIL_SUBJECT } from '../../../server/mail/reset-email';
import { header, leaves, parseMime, type MimePart } from './mime';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';

const TO = 'john@example.com';
const CODE = 'K7QM-3XPD-9WTA';
const NOW = new Date('2027-03-09T13:50:00Z');
const EXPIRES = new Date('2027-03-09T14:05:00Z');

function bodyOf(message: MimePart, type: string): string {
  const part = leaves(message).find((leaf) => leaf.contentType === type);
  if (part === undefined) throw new Error(`no ${type} part`);
  return part.body.toString('utf8');
}

describe('reset email over SMTP', () => {
  let peer: SmtpPeer;
  let mailer: Mailer;
  let message: MimePart;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${peer.port}`,
      outboxDir: '/nonexistent',
      from: 'Latchkey <no-reply@latchkey.test>',
      log: () => {},
    });
    await mailer.send(composeResetEmail({ to: TO, code: CODE, expiresAt: EXPIRES, now: NOW }));
    expect(peer.messages.map((received) => received.rcptTo)).toEqual([[TO]]);
    message = parseMime(peer.messages[0]?.raw ?? '');
  });

  afterAll(async () => {
    await mailer.close();
    await peer.close();
  });

  test('headers: the subject names the email but not the code', () => {
    expect(header(message.headers, 'subject')).toBe(RESET_EMAIL_SUBJECT);
    expect(RESET_EMAIL_SUBJECT).not.toContain(CODE);
    expect(header(message.headers, 'to')).toBe(TO);
    expect(header(message.headers, 'mime-version')).toBe('1.0');
    expect(message.contentType).toBe('multipart/alternative');
    expect(leaves(message).map((part) => part.contentType)).toEqual(['text/plain', 'text/html']);
  });

  test('the code stands out, on a line of its own in text and in large type in HTML', () => {
    expect(bodyOf(message, 'text/plain')).toMatch(new RegExp(`\\r\\n {4}${CODE}\\r\\n`));
    expect(bodyOf(message, 'text/html')).toMatch(new RegExp(`font-size:32px[^>]*>\\s*${CODE}\\s*</p>`));
  });

  test('both parts say what a reset does, the alternative, the expiry, and what to do if you did not ask', () => {
    for (const body of [bodyOf(message, 'text/plain'), bodyOf(message, 'text/html')]) {
      const prose = body.replace(/<[^>]+>/g, '');
      expect(prose).toContain(TO);
      expect(prose).toMatch(/deletes ALL data of this account/i);
      expect(prose).toMatch(/cannot be undone/);
      expect(prose).toMatch(/Recovery Kit\?[\s\S]*set a new password and keeps all your data/i);
      expect(prose).toContain('It expires in 15 minutes, at 14:05 UTC on March 9, 2027');
      expect(prose).toMatch(/works only once/);
      expect(prose).toMatch(/Did not ask for this\?\s+Ignore this email; your account is unchanged\./i);
    }
  });
});

describe('composeResetEmail', () => {
  test('escapes a hostile email address in the HTML', () => {
    const to = `<script>alert(1)</script>"'&@example.com`;
    const mail = composeResetEmail({ to, code: CODE, expiresAt: EXPIRES, now: NOW });
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;@example.com');
  });

  test('refuses a code that is not letters, digits, spaces or hyphens', () => {
    for (const code of ['', '<b>1234</b>', '1234\r\nBcc: x@example.com', ' 1234', 'A'.repeat(65)]) {
      expect(() => composeResetEmail({ to: TO, code, expiresAt: EXPIRES, now: NOW })).toThrow(RangeError);
    }
  });

  test('refuses an expiry that is already past or invalid', () => {
    expect(() => composeResetEmail({ to: TO, code: CODE, expiresAt: NOW, now: NOW })).toThrow(RangeError);
    expect(() => composeResetEmail({ to: TO, code: CODE, expiresAt: new Date(NaN), now: NOW })).toThrow(
      RangeError,
    );
  });

  test('says the delay in words people use', () => {
    const at = (minutes: number) =>
      composeResetEmail({
        to: TO,
        code: CODE,
        expiresAt: new Date(NOW.getTime() + minutes * 60_000),
        now: NOW,
      }).text;
    expect(at(1)).toContain('expires in 1 minute,');
    expect(at(60)).toContain('expires in 60 minutes,');
    expect(at(24 * 60)).toContain('expires in 24 hours,');
  });
});
