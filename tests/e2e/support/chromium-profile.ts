import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleMessage, Page, Worker } from 'playwright-core';
import { builtExtension, launchChromiumWithExtension, type ChromiumWithExtension } from '../browsers';
import { ChromiumPage } from './chromium-page';
import { POPUP_VIEWPORT, waitFor, type BrowserProfile, type ExtensionPage } from './extension-page';
import { screenshotPath } from './screenshots';

/** The extension's service worker as CDP reports it (see ChromiumProfile.watchServiceWorker). */
export interface ServiceWorkerWatch {
  /** 'running', 'stopped', 'starting', 'stopping' (CDP ServiceWorker.ServiceWorkerVersionRunningStatus). */
  readonly status: string;
  /** How often it started since the watch began. */
  readonly starts: number;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** A Chromium user profile with the Chrome build loaded, which can be restarted on the same profile folder. */
export class ChromiumProfile implements BrowserProfile {
  readonly browserName = 'chromium';

  /** What the extension logged (service worker and pages): written next to a failed test's screenshots. */
  private readonly console: string[] = [];

  private constructor(
    private browser: ChromiumWithExtension,
    private readonly profileDir: string,
    private readonly args: readonly string[],
    private readonly display: string | undefined,
  ) {
    this.listen();
  }

  private listen(): void {
    const { context } = this.browser;
    const record = (where: string) => (message: ConsoleMessage) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        this.console.push(`${new Date().toISOString()} ${where} ${message.type()}: ${message.text()}`);
      }
    };
    // The context reports its pages' and its service worker's console alike (no page: the worker).
    context.on('console', (message) => record(message.page()?.url() ?? 'service worker')(message));
  }

  /**
   * `args`: more Chromium switches for this profile's whole life (the fake camera's). `display`: run headed on
   * this X display (support/xvfb.ts), for the tests that press manifest shortcuts.
   */
  static async launch(args: readonly string[] = [], display?: string): Promise<ChromiumProfile> {
    const profileDir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-chromium-'));
    try {
      const browser = await launchChromiumWithExtension(builtExtension('chrome'), {
        profileDir,
        args,
        ...(display === undefined ? {} : { display }),
      });
      return new ChromiumProfile(browser, profileDir, args, display);
    } catch (error) {
      await rm(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  get origin(): string {
    return `chrome-extension://${this.browser.extensionId}`;
  }

  get serviceWorker(): Worker {
    return this.browser.serviceWorker;
  }

  async openPopup(): Promise<ExtensionPage> {
    return this.openPage('/popup.html');
  }

  async openPage(path: string): Promise<ExtensionPage> {
    const page = await this.browser.context.newPage();
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(`${this.origin}${path}`);
    return new ChromiumPage(page);
  }

  /** An ordinary web page (not the extension's) in a new tab, brought to the front: e.g. a data: URL. */
  async openWebPage(url: string): Promise<Page> {
    const page = await this.browser.context.newPage();
    await page.goto(url);
    await page.bringToFront();
    return page;
  }

  async nextTab(action: () => Promise<void>): Promise<ExtensionPage> {
    const [page] = await Promise.all([this.browser.context.waitForEvent('page'), action()]);
    await page.waitForLoadState('load');
    return new ChromiumPage(page);
  }

  async restart(): Promise<void> {
    await this.browser.close();
    this.browser = await launchChromiumWithExtension(builtExtension('chrome'), {
      profileDir: this.profileDir,
      args: this.args,
      ...(this.display === undefined ? {} : { display: this.display }),
    });
    this.listen();
  }

  /**
   * Watches the extension's service worker through CDP (ServiceWorker domain): its running status as Chromium
   * reports it, and how often it started. Playwright's own worker events do not say when a worker stops.
   */
  async watchServiceWorker(): Promise<ServiceWorkerWatch> {
    const page = await this.browser.context.newPage();
    const cdp = await this.browser.context.newCDPSession(page);
    const origin = this.origin;
    const watch = {
      status: 'unknown',
      starts: 0,
      async stop() {
        // What Chrome does to an idle extension worker after ~30 s (TOOLCHAIN.md).
        await cdp.send('ServiceWorker.stopAllWorkers');
        await waitFor('the service worker to stop', async () =>
          watch.status === 'stopped' ? true : undefined,
        );
      },
      async close() {
        await cdp.detach().catch(() => undefined);
        await page.close();
      },
    };
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (!version.scriptURL.startsWith(origin)) continue;
        if (version.runningStatus === 'running' && watch.status !== 'running') watch.starts += 1;
        watch.status = version.runningStatus;
      }
    });
    await cdp.send('ServiceWorker.enable');
    await waitFor('the service worker status', async () => (watch.status !== 'unknown' ? true : undefined));
    watch.starts = 0;
    return watch;
  }

  /** Prints an HTML document to PDF with Chromium's print engine (page.pdf, headless only): a "printed" page. */
  async printToPdf(html: string, file: string): Promise<void> {
    const page: Page = await this.browser.context.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await writeFile(file, await page.pdf({ format: 'A4', printBackground: true }));
    } finally {
      await page.close();
    }
  }

  async captureFailure(testName: string): Promise<void> {
    const pages = this.browser.context.pages().filter((page) => page.url().startsWith(this.origin));
    let first: string | undefined;
    for (const page of pages) {
      const path = screenshotPath('chromium', `failed-${testName}`);
      first ??= path;
      await page.screenshot({ path }).catch(() => undefined);
    }
    if (this.console.length > 0) {
      const log = (first ?? screenshotPath('chromium', `failed-${testName}`)).replace(
        /\.png$/,
        '.console.log',
      );
      // What was logged since the last failure: one test's story per file.
      await writeFile(log, `${this.console.splice(0).join('\n')}\n`);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await rm(this.profileDir, { recursive: true, force: true });
  }
}
