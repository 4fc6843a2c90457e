import { expect } from 'vitest';
import type { ToContent } from '../../../lib/autofill/content-messages';
import { contentSender, strongPassword, TestBrowser, uniqueEmail } from './background-harness';
import { loginDraft } from './vault-drafts';

/** Shared set-up of the autofill tests: a signed-up browser with a few logins, and reading the pushes. */

export const EXAMPLE_PAGE = 'https://www.example.com/login';
export const BANK_PAGE = 'https://bank.example/signin';
export const EVIL_PAGE = 'https://evil.example/';

export async function browserWithLogins(serverUrl: string, label: string) {
  const browser = new TestBrowser({ deviceName: `Chrome (${label})` });
  await browser.ok('account.signUp', {
    serverUrl,
    email: uniqueEmail(label),
    password: strongPassword(label),
    emailKit: false,
  });
  const jane = await browser.ok('vault.save', {
    draft: loginDraft({ title: 'Example', username: 'jane@example.com', password: 'jane-secret-1' }),
  });
  const bank = await browser.ok('vault.save', {
    draft: loginDraft({
      title: 'Bank',
      username: 'bob',
      password: 'bank-secret-2',
      urls: [{ url: 'https://bank.example', match: 'host' }],
    }),
  });
  return { browser, jane, bank };
}

/** The content script of a tab's top frame on `url` (documentId as Chrome gives it). */
export function topFrame(browser: TestBrowser, tabId: number, url: string, documentId = `DOC-${tabId}`) {
  return browser.from(contentSender({ tabId, url, documentId }));
}

/** The one fill push since the last look, with its token. */
export function takeFillPush(browser: TestBrowser): {
  token: string;
  mode: string;
  tabId: number;
  options: { frameId?: number; documentId?: string } | undefined;
} {
  const pushes = browser.tabs.take();
  expect(pushes).toHaveLength(1);
  const [push] = pushes;
  const message = push?.message as Extract<ToContent, { latchkey: 'fill' }> | undefined;
  expect(message?.latchkey).toBe('fill');
  if (push === undefined || message === undefined) throw new Error('no fill push');
  return { token: message.token, mode: message.mode, tabId: push.tabId, options: push.options };
}
