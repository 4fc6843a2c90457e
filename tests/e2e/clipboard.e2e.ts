import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtExtension, launchChromiumWithExtension, type ChromiumWithExtension } from './browsers';
import { newUser } from './support/accounts';
import { ChromiumPage } from './support/chromium-page';
import { startE2eServer, type E2eServer } from './support/e2e-server';
import { expectStatus, POPUP_VIEWPORT, waitFor, type ExtensionPage } from './support/extension-page';
import { evaluateInChrome } from './support/firefox-bidi';
import type { FirefoxProfile } from './support/firefox-profile';
import { expectHome, openSettings, signUp } from './support/popup-flows';
import { useProfiles } from './support/profiles';
import { addLogin, openItem } from './support/vault-flows';

/**
 * Issue 5: "clipboard cleared after a configurable time where the browser allows", after the popup has closed
 * (the usual way: copy, close, paste). The built extension in Chromium copies a password in the popup with the
 * delay set to 10 s; the popup closes; the clipboard, read from an ordinary web page, holds the password until
 * the background (its offscreen document) empties it at the deadline, also when the service worker was stopped
 * in between (then the alarm wakes it; unpacked extensions' alarms are not held to Chrome's 30 s minimum).
 *
 * Firefox clears from its event page's own document (lib/clipboard/background-clipboard-writer.ts); there the
 * clipboard is read with Firefox's own clipboard service from its privileged window (puppeteer over BiDi cannot
 * grant a page clipboard-read), and the event page is stopped as about:debugging stops it.
 */

const DELAY_S = 10;
const PASSWORD = 'Otter-Lighthouse-5521';
/** How long after the deadline the clear may come (a busy 2-core machine, the offscreen document's start-up). */
const SLACK_MS = 15_000;

/** An http page on loopback (a secure context) that may read the clipboard: the "paste" side of the test. */
async function startReaderSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end('<!doctype html><title>Reader</title><p>Paste here</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readClipboard(reader: Page): Promise<string> {
  // Reading needs a focused document, like a user's paste.
  await reader.bringToFront();
  return reader.evaluate(() => navigator.clipboard.readText());
}

/** What Chrome does to an idle extension worker after ~30 s (TOOLCHAIN.md: CDP ServiceWorker.stopAllWorkers). */
async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Signs up, sets "Clear clipboard after" to 10 s and adds the login whose password the tests copy. */
async function prepare(popup: ExtensionPage, browser: string): Promise<void> {
  await signUp(popup, server.url, newUser(`clipboard-${browser}`), { emailKit: false });
  await openSettings(popup);
  await popup.select('Clear clipboard after', `${DELAY_S} s`);
  await popup.click('Back');
  await expectHome(popup);
  await addLogin(popup, { title: 'Otter Bank', username: 'ada', password: PASSWORD });
}

/**
 * Home → the login → "Copy password": answers when the copy was asked for. The status line names the delay,
 * which also shows that the 10 s choice was saved.
 */
async function copyPassword(popup: ExtensionPage): Promise<number> {
  await expectHome(popup);
  await openItem(popup, 'Otter Bank');
  const copiedAt = Date.now();
  await popup.click('Copy password');
  await expectStatus(popup, `Copied. The clipboard is cleared in ${DELAY_S} s.`);
  return copiedAt;
}

/** Polls `read` until the clipboard is empty; answers when that was seen (fails if not by deadline + slack). */
async function waitForEmptyClipboard(read: () => Promise<string>, copiedAt: number): Promise<number> {
  let last = '';
  try {
    return await waitFor(
      'the clipboard to be emptied',
      async () => ((last = await read()) === '' ? Date.now() : undefined),
      DELAY_S * 1000 + SLACK_MS - (Date.now() - copiedAt),
      250,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; the clipboard still held ${last.length} characters`);
  }
}

describe('Chromium: the clipboard is emptied after the popup closed', () => {
  let reader: Awaited<ReturnType<typeof startReaderSite>>;
  let chromium: ChromiumWithExtension;
  let readerPage: Page;
  const read = () => readClipboard(readerPage);

  const openPopup = async (): Promise<ChromiumPage> => {
    const page = await chromium.context.newPage();
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(`chrome-extension://${chromium.extensionId}/popup.html`);
    return new ChromiumPage(page);
  };

  /** Copies the password and closes the popup; answers when the copy was asked for. */
  const copyAndClose = async (): Promise<number> => {
    const popup = await openPopup();
    const copiedAt = await copyPassword(popup);
    expect(await read()).toBe(PASSWORD);
    await popup.close();
    return copiedAt;
  };

  beforeAll(async () => {
    reader = await startReaderSite();
    chromium = await launchChromiumWithExtension(builtExtension('chrome'));
    await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: reader.url });
    readerPage = await chromium.context.newPage();
    await readerPage.goto(reader.url);
    const popup = await openPopup();
    await prepare(popup, 'chromium');
    await popup.close();
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await reader?.close();
  });

  test('with the service worker running: emptied at the deadline, not before', async () => {
    const copiedAt = await copyAndClose();
    // The popup is gone; the secret is still there a few seconds on (nothing clears early).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await read()).toBe(PASSWORD);
    const clearedAt = await waitForEmptyClipboard(read, copiedAt);
    expect(clearedAt - copiedAt).toBeGreaterThanOrEqual(DELAY_S * 1000 - 500);
  });

  test('with the service worker stopped after the copy: the alarm wakes it and it empties the clipboard', async () => {
    const copiedAt = await copyAndClose();
    await stopServiceWorkers(chromium.context, readerPage);
    const clearedAt = await waitForEmptyClipboard(read, copiedAt);
    expect(clearedAt - copiedAt).toBeGreaterThanOrEqual(DELAY_S * 1000 - 500);
  });
});

/** Firefox's clipboard, read as text/plain through its clipboard service ('' when it holds no text). */
const READ_FIREFOX_CLIPBOARD = `(() => {
  const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
  transferable.init(null);
  transferable.addDataFlavor('text/plain');
  Services.clipboard.getData(transferable, Services.clipboard.kGlobalClipboard, null);
  const data = {};
  try {
    transferable.getTransferData('text/plain', data);
  } catch {
    return '';
  }
  return data.value.QueryInterface(Ci.nsISupportsString).data;
})()`;

describe('Firefox: the clipboard is emptied after the popup closed', () => {
  const profiles = useProfiles();
  let firefox: FirefoxProfile;
  let readerPage: import('puppeteer-core').Page;
  const read = () => evaluateInChrome(readerPage, READ_FIREFOX_CLIPBOARD);

  beforeAll(async () => {
    firefox = await profiles.launchFirefox();
    readerPage = await firefox.openWebPage('data:text/html,<title>Reader</title><p>Paste here</p>');
    const popup = await firefox.openPopup();
    await prepare(popup, 'firefox');
    await popup.close();
  }, 120_000);

  test('with the event page stopped after the copy: the alarm starts it again and it empties the clipboard', async () => {
    const popup = await firefox.openPopup();
    const copiedAt = await copyPassword(popup);
    expect(await read()).toBe(PASSWORD);
    await popup.close();
    await firefox.stopBackground();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await read()).toBe(PASSWORD);
    const clearedAt = await waitForEmptyClipboard(read, copiedAt);
    expect(clearedAt - copiedAt).toBeGreaterThanOrEqual(DELAY_S * 1000 - 500);
  });
});
