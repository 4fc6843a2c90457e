import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import { builtExtension, executable } from '../browsers';
import { DownloadFolder } from './download-folder';
import { POPUP_VIEWPORT, waitFor, type BrowserProfile, type ExtensionPage } from './extension-page';
import { FirefoxPage } from './firefox-page';
import { evaluateInChrome, navigate } from './firefox-bidi';
import { screenshotPath } from './screenshots';

/** The Firefox build's add-on id (wxt.config.ts, browser_specific_settings.gecko.id). */
export const GECKO_ID = 'latchkey@latchkey.dev';
/**
 * A fixed moz-extension UUID (Firefox picks a random one per install): the tests know the origin in advance,
 * and a restart (which installs the add-on again) keeps the same origin, hence the same storage.
 */
export const EXTENSION_UUID = '6c7e1f0a-3b2d-4e5f-8a9b-0c1d2e3f4a5b';
export const FIREFOX_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** Firefox prefs for one profile (about:config names). */
export type FirefoxPrefs = Record<string, string | number | boolean>;

/** Launch options beyond prefs. */
export interface FirefoxLaunchOptions {
  /**
   * Accept any TLS certificate (the WebDriver BiDi session capability): the autofill tests' HTTPS sites use a
   * throw-away self-signed one (support/autofill-sites.ts). No pref does this in Firefox.
   */
  acceptInsecureCerts?: boolean;
}

/**
 * Camera prefs (checked on Firefox 153 ESR). Firefox cannot play a video file as a camera (Chromium's
 * --use-file-for-fake-video-capture has no counterpart; only a v4l2loopback kernel device would do), so
 * its tests cover the messages: a denied permission, and a machine without a camera.
 */
export const FIREFOX_CAMERA = {
  /** Its synthetic camera exists, and the camera permission is blocked: getUserMedia → NotAllowedError. */
  denied: { 'media.navigator.streams.fake': true, 'permissions.default.camera': 2 },
  /** No camera at all (none on a CI machine) and no prompt: getUserMedia → NotFoundError. */
  none: { 'media.navigator.permission.disabled': true },
} satisfies Record<string, FirefoxPrefs>;

/**
 * A Firefox profile with the Firefox build installed, over WebDriver BiDi (TOOLCHAIN.md's recipe). The add-on
 * is a temporary one, which Firefox removes at shutdown; `restart` installs it again, and the prefs below keep
 * its UUID and storage across that, as they stay across a real browser restart.
 */
export class FirefoxProfile implements BrowserProfile {
  readonly browserName = 'firefox';

  private constructor(
    private browser: Browser,
    private readonly profileDir: string,
    private readonly downloads: DownloadFolder,
    private readonly prefs: FirefoxPrefs,
    private readonly display: string | undefined,
    private readonly options: FirefoxLaunchOptions,
  ) {}

  /** `display`: run headed on this X display (support/xvfb.ts), for the tests that press manifest shortcuts. */
  static async launch(
    prefs: FirefoxPrefs = {},
    display?: string,
    options: FirefoxLaunchOptions = {},
  ): Promise<FirefoxProfile> {
    const profileDir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-firefox-'));
    const downloads = new DownloadFolder(join(profileDir, 'downloads'));
    await mkdir(downloads.dir);
    try {
      const browser = await start(profileDir, downloads.dir, prefs, display, options);
      return new FirefoxProfile(browser, profileDir, downloads, prefs, display, options);
    } catch (error) {
      await rm(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  async openPopup(): Promise<ExtensionPage> {
    return this.openPage('/popup.html');
  }

  async openPage(path: string): Promise<FirefoxPage> {
    const page = await this.browser.newPage();
    await page.setViewport(POPUP_VIEWPORT);
    const url = `${FIREFOX_ORIGIN}${path}`;
    await navigate(page, url);
    return new FirefoxPage(page, url, this.downloads);
  }

  /** An ordinary web page (not the extension's) in a new tab, brought to the front: e.g. a data: URL. */
  async openWebPage(url: string): Promise<Page> {
    const page = await this.browser.newPage();
    await page.goto(url);
    await page.bringToFront();
    return page;
  }

  async nextTab(action: () => Promise<void>): Promise<ExtensionPage> {
    const known = new Set<Target>(this.browser.targets());
    const [target] = await Promise.all([
      this.browser.waitForTarget((candidate) => candidate.type() === 'page' && !known.has(candidate)),
      action(),
    ]);
    const page = await target.page();
    if (!page) throw new Error('the new tab has no page');
    // puppeteer does not follow navigations to moz-extension:// URLs (page.url() stays about:blank), so
    // the page's own location tells when the extension page is there.
    const url = await waitFor('the new tab to load an extension page', async () => {
      const href = await page.evaluate(() => (document.readyState === 'complete' ? location.href : ''));
      return href.startsWith(FIREFOX_ORIGIN) ? href : undefined;
    });
    return new FirefoxPage(page, url, this.downloads);
  }

  async printToPdf(html: string, file: string): Promise<void> {
    const page = await this.browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await writeFile(file, await page.pdf({ format: 'A4', printBackground: true }));
    } finally {
      await page.close();
    }
  }

  /**
   * Stops the add-on's background page as Firefox does when it has been idle (MV3 event page), with the call
   * about:debugging's "Terminate background script" makes, and waits until it is stopped. The next event or
   * message starts it again.
   */
  async stopBackground(): Promise<void> {
    await this.withExtension(
      (extension) => `(async () => { await ${extension}.terminateBackground(); return 'done'; })()`,
    );
    await waitFor('the background page to stop', async () =>
      (await this.backgroundState()) === 'stopped' ? true : undefined,
    );
  }

  /** The background page's state as Firefox reports it ('running', 'stopped', …). */
  backgroundState(): Promise<string> {
    return this.withExtension((extension) => `String(${extension}.backgroundState)`);
  }

  /** Evaluates privileged code that reaches Firefox's own object for this add-on (Extension.sys.mjs). */
  private async withExtension(code: (extension: string) => string): Promise<string> {
    const page = (await this.browser.pages())[0] ?? (await this.browser.newPage());
    const extension =
      "ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs')" +
      `.ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)})`;
    return evaluateInChrome(page, code(extension));
  }

  async restart(): Promise<void> {
    await this.browser.close();
    this.browser = await start(this.profileDir, this.downloads.dir, this.prefs, this.display, this.options);
  }

  async captureFailure(testName: string): Promise<void> {
    for (const page of await this.browser.pages()) {
      await captureOne(page, testName);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await rm(this.profileDir, { recursive: true, force: true });
  }
}

async function start(
  profileDir: string,
  downloadDir: string,
  prefs: FirefoxPrefs,
  display: string | undefined,
  options: FirefoxLaunchOptions,
): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    ...(options.acceptInsecureCerts ? { acceptInsecureCerts: true } : {}),
    executablePath: executable('FIREFOX_PATH', ['firefox-esr', 'firefox']),
    headless: display === undefined,
    ...(display === undefined ? {} : { env: { ...process.env, DISPLAY: display } }),
    userDataDir: profileDir,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // A temporary add-on is uninstalled at shutdown; keep what an installed one keeps over a restart.
      'extensions.webextensions.keepUuidOnUninstall': true,
      'extensions.webextensions.keepStorageOnUninstall': true,
      // Downloads land in one folder, without a dialog (download-folder.ts watches it).
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      // Firefox opens a downloaded PDF in a new tab with its own viewer, which sends the popup's tab to the
      // background (one frame a second). The extension's own pdf.js is not affected by this pref.
      'pdfjs.disabled': true,
      ...prefs,
    },
  });
  try {
    await browser.installExtension(builtExtension('firefox'));
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function captureOne(page: Page, testName: string): Promise<void> {
  const href = await page.evaluate(() => location.href).catch(() => '');
  if (!href.startsWith(FIREFOX_ORIGIN)) return;
  await page
    .screenshot({ path: screenshotPath('firefox', `failed-${testName}`) as `${string}.png` })
    .catch(() => undefined);
}
