/**
 * Makes tests/fixtures/kit-files/kit-email-printed.pdf: the kit email (server/mail/kit-email.ts) as a user
 * gets it when they print it from a mail client to PDF, and kit-email-printed.json, the payload its QR code
 * must read back to. tests/lib/kit-files/read-qr-from-pdf.browser.test.ts reads it.
 *
 *   node --import tsx scripts/make-kit-email-pdf-fixture.ts
 *
 * The email's HTML shows the QR code from a cid: attachment; a mail client resolves that to the attached
 * PNG, so the script does the same with a data: URL, adds the header block mail clients print above a
 * message (subject, from, to, date), and prints the page with Playwright's Chromium `page.pdf()` (Letter,
 * default margins, backgrounds on: what "Print → Save as PDF" does). The payload is a real kit made by
 * lib/account/kit-payload.ts `createKit` for a throwaway account, with the fixture password below.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generateAccountKey } from '../lib/account/account-key';
import { createKit } from '../lib/account/kit-payload';
import { composeKitEmail } from '../server/mail/kit-email';
import { escapeHtml } from '../server/mail/email-html';

const OUT_DIR = fileURLToPath(new URL('../tests/fixtures/kit-files/', import.meta.url));
const EMAIL = 'printed.kit@example.com';
/** Not a secret: it only opens this fixture's throwaway Account Key. */
const PASSWORD = 'fixture password: printed kit email';
const ACCOUNT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e';
const CREATED_AT = new Date('2026-11-21T09:30:00Z');

function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error('Chromium not found on PATH: apt-get install -y chromium');
}

/** The email's HTML as a mail client displays it: cid: images inlined, a header block above the message. */
function asDisplayed(mail: Awaited<ReturnType<typeof composeKitEmail>>): string {
  let html = mail.html;
  for (const attachment of mail.attachments ?? []) {
    if (!attachment.cid) continue;
    const dataUrl = `data:${attachment.contentType};base64,${Buffer.from(attachment.content).toString('base64')}`;
    html = html.split(`cid:${attachment.cid}`).join(dataUrl);
  }
  if (html.includes('cid:')) throw new Error('an image of the email is not attached');
  const header = `<div style="font-family:Arial,sans-serif;font-size:13px;padding:16px;border-bottom:1px solid #ccc;">
    <div style="font-size:18px;font-weight:bold;margin-bottom:8px;">${escapeHtml(mail.subject)}</div>
    <div><b>From:</b> Latchkey &lt;no-reply@latchkey.invalid&gt;</div>
    <div><b>To:</b> ${escapeHtml(mail.to)}</div>
    <div><b>Date:</b> ${CREATED_AT.toUTCString()}</div>
  </div>`;
  return html.replace(/<body([^>]*)>/, (body) => body + header);
}

async function main(): Promise<void> {
  const payloadText = await createKit({
    accountId: ACCOUNT_ID,
    email: EMAIL,
    keyEpoch: 1,
    password: PASSWORD,
    accountKey: generateAccountKey(),
    createdAt: CREATED_AT,
  });
  const mail = await composeKitEmail({ to: EMAIL, payloadText, createdAt: CREATED_AT });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(asDisplayed(mail), { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(`${OUT_DIR}kit-email-printed.pdf`, pdf);
    const expectations = {
      about: 'The kit email printed to PDF by Chromium; the QR code must read back to payloadText.',
      generatedBy: 'node --import tsx scripts/make-kit-email-pdf-fixture.ts',
      chromium: browser.version(),
      paper: 'Letter',
      email: EMAIL,
      accountId: ACCOUNT_ID,
      createdAt: CREATED_AT.toISOString(),
      password: PASSWORD,
      payloadText,
    };
    writeFileSync(`${OUT_DIR}kit-email-printed.json`, JSON.stringify(expectations, null, 2) + '\n');
    console.log(`wrote ${OUT_DIR}kit-email-printed.pdf (${pdf.length} bytes) and its .json`);
  } finally {
    await browser.close();
  }
}

await main();
