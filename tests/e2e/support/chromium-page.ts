import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { MessageType, RequestInput, ResponseOf, Result } from '../../../lib/messaging/protocol';
import { STEP_TIMEOUT_MS, type DownloadedFile, type ExtensionPage } from './extension-page';
import {
  countLiveVideoTracks,
  readMessages,
  readOptionNames,
  readSessionStorage,
  readText,
  sendFromPage,
} from './page-scripts';
import { screenshotPath } from './screenshots';

/** An extension page in Chromium, driven by Playwright's role and label locators (exact names). */
export class ChromiumPage implements ExtensionPage {
  readonly browserName = 'chromium';

  constructor(readonly page: Page) {
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
  }

  async heading(name: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await this.page
      .getByRole('heading', { name, exact: true })
      .waitFor({ state: 'visible', timeout: timeoutMs });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async click(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  async check(name: string): Promise<void> {
    await this.page.getByRole('checkbox', { name, exact: true }).check();
  }

  async uncheck(name: string): Promise<void> {
    await this.page.getByRole('checkbox', { name, exact: true }).uncheck();
  }

  async select(label: string, option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  async upload(inputLabel: string, file: string): Promise<void> {
    // Hidden inputs behind "Upload image"-style buttons: no role to find them by, so the aria-label it is.
    await this.page.locator(`input[type="file"][aria-label="${inputLabel}"]`).setInputFiles(file);
  }

  async hasControl(name: string): Promise<boolean> {
    const candidates = [
      this.page.getByLabel(name, { exact: true }),
      this.page.getByRole('button', { name, exact: true }),
      this.page.getByRole('checkbox', { name, exact: true }),
    ];
    for (const locator of candidates) {
      for (const element of await locator.all()) if (await element.isVisible()) return true;
    }
    return false;
  }

  options(): Promise<string[]> {
    return this.page.evaluate(readOptionNames);
  }

  async clickOption(name: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await this.page.getByRole('option', { name, exact: true }).click({ timeout: timeoutMs });
  }

  alerts(): Promise<string[]> {
    return this.page.evaluate(readMessages, 'alert' as const);
  }

  statuses(): Promise<string[]> {
    return this.page.evaluate(readMessages, 'status' as const);
  }

  text(): Promise<string> {
    return this.page.evaluate(readText);
  }

  async download(action: () => Promise<void>): Promise<DownloadedFile> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), action()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), path, bytes: await readFile(path) };
  }

  async screenshot(screen: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath('chromium', screen) });
  }

  send<T extends MessageType>(type: T, request: RequestInput<T>): Promise<Result<ResponseOf<T>>> {
    return this.page.evaluate(sendFromPage, { type, request }) as Promise<Result<ResponseOf<T>>>;
  }

  liveVideoTracks(): Promise<number> {
    return this.page.evaluate(countLiveVideoTracks);
  }

  sessionStorage(): Promise<Record<string, unknown>> {
    return this.page.evaluate(readSessionStorage);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
