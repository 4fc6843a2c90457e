import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { VaultListItem } from '../../lib/messaging/protocol';
import {
  clickInFrame,
  expectFilled,
  expectNothingFilled,
  fillFromPopup,
  sleep,
  typeInto,
} from './support/autofill-checks';
import { loginRecord, useAutofillBrowsers, type AutofillBrowser } from './support/autofill-browsers';
import { startAutofillSites, type AutofillSites } from './support/autofill-sites';
import { expectExtensionFrame, type WebTab } from './support/autofill-tab';
import { startE2eServer, type E2eServer } from './support/e2e-server';
import { waitFor, type ExtensionPage } from './support/extension-page';
import { BROWSERS } from './support/profiles';
import { startXvfb, type Xvfb } from './support/xvfb';

/**
 * Issue 6's happy paths with the built extension in real Chromium and Firefox, on fixture sites served by
 * name (support/autofill-sites.ts): the inline menu (a real click on the field, a real click on a login in our
 * framed menu), the Alt+Shift+L shortcut (really pressed: headed on Xvfb, xdotool, as sync-shortcut.e2e.ts),
 * the popup's "Fill" (autofill.fillFromPopup from our page), a React-style controlled form, a username-first
 * login, and the save bar: save a new login, update a changed password, never for this site. Each browser is
 * one signed-in profile for the whole file, headed on one private X display.
 */
const BANK = loginRecord({
  title: 'Heron Bank',
  username: 'ada@bank.test',
  password: 'Bank-Vault-4417-Quill',
  url: 'https://bank.test/login',
});
const SPA = loginRecord({
  title: 'Spa App',
  username: 'grace',
  password: 'Spa-Token-9921-Fern',
  url: 'https://spa.test',
});
const STEPS = loginRecord({
  title: 'Two Steps',
  username: 'linus@steps.test',
  password: 'Two-Step-5530-Heron',
  url: 'https://steps.test',
});
const LOGINS = [BANK, SPA, STEPS];

/** Sign-up and sign-in run Argon2id and the QR KDF in the browser. */
const SETUP_TIMEOUT_MS = 150_000;

let server: E2eServer;
let sites: AutofillSites;
let xvfb: Xvfb;
beforeAll(async () => {
  [server, sites, xvfb] = await Promise.all([startE2eServer(), startAutofillSites(), startXvfb()]);
});
afterAll(async () => {
  await server?.stop();
  await sites?.stop();
  await xvfb?.stop();
});

/** The vault as the popup lists it. */
async function listed(ext: ExtensionPage): Promise<VaultListItem[]> {
  const answer = await ext.send('vault.list', {});
  if (!answer.ok) throw new Error(`vault.list failed: ${answer.error.message}`);
  return answer.value.items;
}

/** The password stored for the login with this subtitle (username), once there is one. */
async function storedPassword(ext: ExtensionPage, username: string, notEqual?: string): Promise<string> {
  return waitFor(`a login for ${username} in the vault`, async () => {
    const item = (await listed(ext)).find((entry) => entry.subtitle === username);
    if (!item) return undefined;
    const record = await ext.send('vault.get', { id: item.id });
    if (!record.ok || record.value.type !== 'login') return undefined;
    const password = (record.value.fields as { password: string }).password;
    return password === notEqual ? undefined : password;
  });
}

/** The browser's bindings of our manifest commands, read in our extension page (commands.getAll). */
async function commandShortcuts(b: AutofillBrowser): Promise<Record<string, string>> {
  const read = () => {
    type Api = { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
    const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
    const api = scope.browser ?? scope.chrome;
    if (!api) throw new Error('no extension API in this page');
    return api.commands
      .getAll()
      .then((all) => Object.fromEntries(all.map((command) => [command.name ?? '', command.shortcut ?? ''])));
  };
  const page = (b.ext as unknown as { page: { evaluate(fn: typeof read): Promise<Record<string, string>> } })
    .page;
  return page.evaluate(read);
}

/** Types credentials into login.html with the real keyboard and presses Enter (the submit navigates). */
async function submitLogin(tab: WebTab, username: string, password: string): Promise<void> {
  await typeInto(tab, '#username', username);
  await tab.press('Tab');
  await tab.type(password);
  await tab.press('Enter');
  await waitFor('the signed-in page', async () =>
    tab.frameUrls()[0]?.endsWith('/signed-in.html') ? true : undefined,
  );
}

describe.each(BROWSERS)('autofill in %s', (browserName) => {
  const browsers = useAutofillBrowsers();
  let b: AutofillBrowser;
  let tab: WebTab;

  beforeAll(async () => {
    b = await browsers.launch(browserName, server.url, sites, LOGINS, xvfb);
    tab = await b.openTab(sites.url('bank.test', 'login.html'));
  }, SETUP_TIMEOUT_MS);

  test('inline menu: a real click on the username opens it; a click on the login fills both fields', async () => {
    await tab.goto(sites.url('bank.test', 'login.html'));
    await tab.click('#username');
    const shown = await clickInFrame(tab, 'inline-menu.html', /ada@bank\.test/);
    expect(shown).toContain('Heron Bank');
    expect(shown).not.toContain('Bank-Vault-4417-Quill');
    await expectFilled(tab, { '#username': 'ada@bank.test', '#password': 'Bank-Vault-4417-Quill' });
    await tab.screenshot(`${browserName}-inline-menu-filled`);
  });

  test('a page with the strictest CSP (no script, no frame) still gets the inline menu and the fill', async () => {
    await tab.goto(sites.url('bank.test', 'login.html?csp=strict'));
    await tab.click('#username');
    await clickInFrame(tab, 'inline-menu.html', /ada@bank\.test/);
    await expectFilled(tab, { '#username': 'ada@bank.test', '#password': 'Bank-Vault-4417-Quill' });
  });

  test('shortcut: Alt+Shift+L really pressed fills the focused login form', async () => {
    await tab.goto(sites.url('bank.test', 'login.html?shortcut'));
    await tab.bringToFront();
    // The browser must have bound the suggested key (it leaves a command unbound when the key is taken).
    const commands = await commandShortcuts(b);
    expect(commands['autofill-login'], 'the autofill command has no shortcut in this browser').toBe(
      'Alt+Shift+L',
    );
    await tab.click('#password');
    await xvfb.focusWindow(browserName === 'chromium' ? '^Sign in - Chromium$' : '^Sign in .*Firefox');
    xvfb.key('alt+shift+l');
    await expectFilled(tab, { '#username': 'ada@bank.test', '#password': 'Bank-Vault-4417-Quill' });
  });

  test('popup "Fill": autofill.fillFromPopup fills the tab it names', async () => {
    await tab.goto(sites.url('bank.test', 'login.html?popup'));
    expect(await fillFromPopup(b, tab, BANK.id)).toBe(true);
    await expectFilled(tab, { '#username': 'ada@bank.test', '#password': 'Bank-Vault-4417-Quill' });
  });

  test('a React-style controlled form (no <form>, state from input events) keeps the filled values', async () => {
    await tab.goto(sites.url('spa.test', 'react-like.html'));
    expect(await fillFromPopup(b, tab, SPA.id)).toBe(true);
    await expectFilled(tab, { '#username': 'grace', '#password': 'Spa-Token-9921-Fern' });
    // The app re-renders from its state every 50 ms: a value it never heard of would be gone by now.
    await sleep(300);
    await expectFilled(tab, { '#username': 'grace', '#password': 'Spa-Token-9921-Fern' });
    await tab.click('#submit');
    await waitFor('the app to sign in with its state', async () => {
      const result = await tab.evaluate(
        () => document.getElementById('result')?.textContent ?? '',
        undefined,
      );
      return result === 'state: grace / 19 characters' ? true : undefined;
    });
  });

  test('username-first login: the username step, then the password step', async () => {
    await tab.goto(sites.url('steps.test', 'two-step.html'));
    expect(await fillFromPopup(b, tab, STEPS.id)).toBe(true);
    await expectFilled(tab, { '#username': 'linus@steps.test' });
    await tab.click('#next');
    await waitFor('the password step', async () =>
      (await tab.evaluate(() => document.getElementById('password') !== null, undefined)) ? true : undefined,
    );
    await expectNothingFilled(tab, '#password');
    expect(await fillFromPopup(b, tab, STEPS.id)).toBe(true);
    await expectFilled(tab, { '#password': 'Two-Step-5530-Heron' });
  });

  test('save bar: new credentials typed and submitted → Save → the login is in the vault', async () => {
    const username = `new.user.${browserName}@newsite.test`;
    await tab.goto(sites.url('newsite.test', 'login.html'));
    await submitLogin(tab, username, 'Fresh-Login-7781-Otter');
    const bar = await clickInFrame(tab, 'save-prompt.html', /^\s*Save\s*$/i);
    expect(bar).toContain(username);
    expect(bar).toContain('newsite.test');
    expect(await storedPassword(b.ext, username)).toBe('Fresh-Login-7781-Otter');
    await tab.screenshot(`${browserName}-saved`);
  });

  test('save bar: a changed password for a known username → Update', async () => {
    const username = `new.user.${browserName}@newsite.test`;
    await tab.goto(sites.url('newsite.test', 'login.html?again'));
    await submitLogin(tab, username, 'Changed-Login-3312-Badger');
    const bar = await clickInFrame(tab, 'save-prompt.html', /^\s*Update\b/i);
    expect(bar).toContain(username);
    expect(await storedPassword(b.ext, username, 'Fresh-Login-7781-Otter')).toBe('Changed-Login-3312-Badger');
  });

  test('save bar: "Never for this site" → no bar the next time', async () => {
    await tab.goto(sites.url('never.test', 'login.html'));
    await submitLogin(tab, 'nobody@never.test', 'Never-Save-4455-Lynx');
    await clickInFrame(tab, 'save-prompt.html', /never/i);
    await waitFor('never.test on the never list', async () => {
      const answer = await b.ext.send('autofill.neverSites', {});
      return answer.ok && answer.value.some((site) => site.includes('never.test')) ? true : undefined;
    });
    await tab.goto(sites.url('never.test', 'login.html?next-time'));
    await submitLogin(tab, 'nobody@never.test', 'Never-Save-9876-Lynx');
    await sleep(2_500);
    expect(await tab.extensionFrame('save-prompt.html')).toBeNull();
    expect((await listed(b.ext)).some((item) => item.subtitle === 'nobody@never.test')).toBe(false);
  });

  test('the bar is our framed page, not the page: it is in a frame of our origin', async () => {
    await tab.goto(sites.url('newsite.test', 'login.html?third'));
    await submitLogin(tab, `other.${browserName}@newsite.test`, 'Third-Login-6621-Wren');
    const bar = await expectExtensionFrame(tab, 'save-prompt.html');
    const frameUrl = await bar.url();
    expect(frameUrl.startsWith(browserName === 'chromium' ? 'chrome-extension://' : 'moz-extension://')).toBe(
      true,
    );
    // The session id is posted to the frame, never put in its URL (a page reads its frames' URLs).
    const { search, hash } = new URL(frameUrl);
    expect(`${search}${hash}`).not.toMatch(/[A-Za-z0-9_-]{22,}/);
  });
});
