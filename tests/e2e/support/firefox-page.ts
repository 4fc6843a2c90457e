import type { ElementHandle, Page } from 'puppeteer-core';
import type { MessageType, RequestInput, ResponseOf, Result } from '../../../lib/messaging/protocol';
import {
  POPUP_VIEWPORT,
  STEP_TIMEOUT_MS,
  waitFor,
  type DownloadedFile,
  type ExtensionPage,
} from './extension-page';
import type { DownloadFolder } from './download-folder';
import { navigate } from './firefox-bidi';
import {
  countLiveVideoTracks,
  readMessages,
  readOptionNames,
  readSessionStorage,
  readText,
  sendFromPage,
} from './page-scripts';
import { screenshotPath } from './screenshots';

/**
 * An extension page in Firefox, driven by puppeteer-core over WebDriver BiDi. Elements are found with
 * puppeteer's ARIA selectors, which Firefox answers from its own accessibility tree (`::-p-aria` with an
 * exact name and role). Firefox gives password fields no textbox role, so fields are found by name alone and
 * then narrowed to form fields.
 */
export class FirefoxPage implements ExtensionPage {
  readonly browserName = 'firefox';

  constructor(
    private current: Page,
    private readonly url: string,
    private readonly downloads: DownloadFolder,
  ) {
    current.setDefaultTimeout(STEP_TIMEOUT_MS);
  }

  get page(): Page {
    return this.current;
  }

  async heading(name: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await this.page.waitForSelector(aria(name, 'heading'), { visible: true, timeout: timeoutMs });
  }

  async fill(label: string, value: string): Promise<void> {
    const field = await this.visible(`the field "${label}"`, aria(label), (element) =>
      element.evaluate(
        (node) =>
          node instanceof HTMLTextAreaElement ||
          (node instanceof HTMLInputElement && !['checkbox', 'radio', 'file', 'button'].includes(node.type)),
      ),
    );
    // Set at once with input and change events, as Playwright's fill does (puppeteer would type short
    // values key by key, ~0.4 s a field over BiDi).
    await field.asLocator().fill(value, { typingThreshold: 0 });
  }

  async click(name: string): Promise<void> {
    await this.page.locator(aria(name, 'button')).click();
  }

  async check(name: string): Promise<void> {
    await this.setChecked(name, true);
  }

  async uncheck(name: string): Promise<void> {
    await this.setChecked(name, false);
  }

  async select(label: string, option: string): Promise<void> {
    const select = await this.visible(`the select "${label}"`, aria(label, 'combobox'), async () => true);
    const value = await select.evaluate((node, text) => {
      const options = node instanceof HTMLSelectElement ? Array.from(node.options) : [];
      return options.find((candidate) => candidate.text.trim() === text)?.value ?? null;
    }, option);
    if (value === null) throw new Error(`the select "${label}" has no option "${option}"`);
    await select.select(value);
  }

  async upload(inputLabel: string, file: string): Promise<void> {
    const input = await this.page.waitForSelector(`input[type="file"][aria-label="${inputLabel}"]`);
    if (!input) throw new Error(`no file input "${inputLabel}"`);
    await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
  }

  async hasControl(name: string): Promise<boolean> {
    for (const element of await this.page.$$(aria(name))) {
      const isControl = await element.evaluate((node) =>
        ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(node.tagName),
      );
      if (isControl && (await element.isVisible())) return true;
    }
    return false;
  }

  options(): Promise<string[]> {
    return this.page.evaluate(readOptionNames);
  }

  async clickOption(name: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await this.page.locator(aria(name, 'option')).setTimeout(timeoutMs).click();
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

  download(action: () => Promise<void>): Promise<DownloadedFile> {
    return this.downloads.next(action);
  }

  async screenshot(screen: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath('firefox', screen) as `${string}.png` });
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

  /**
   * Reopens the page in a fresh tab, as a user reopens the popup. Not a reload of the same tab: after a second
   * navigation of one tab, puppeteer's ARIA queries over BiDi find nothing (CSS ones still work), checked with
   * puppeteer-core 24.43 and Firefox 153.
   */
  async reload(): Promise<void> {
    const fresh = await this.current.browser().newPage();
    fresh.setDefaultTimeout(STEP_TIMEOUT_MS);
    await fresh.setViewport(this.current.viewport() ?? POPUP_VIEWPORT);
    await navigate(fresh, this.url);
    await this.current.close();
    this.current = fresh;
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  private async setChecked(name: string, checked: boolean): Promise<void> {
    const box = await this.visible(`the checkbox "${name}"`, aria(name, 'checkbox'), async () => true);
    const now = await box.evaluate((node) => (node as HTMLInputElement).checked);
    if (now !== checked) await box.click();
    await waitFor(`the checkbox "${name}" to be ${checked ? 'ticked' : 'clear'}`, async () =>
      (await box.evaluate((node) => (node as HTMLInputElement).checked)) === checked ? true : undefined,
    );
  }

  /** The first visible element matching `selector` that `accept` takes, waiting for one to appear. */
  private visible(
    what: string,
    selector: string,
    accept: (element: ElementHandle<Element>) => Promise<boolean>,
  ): Promise<ElementHandle<Element>> {
    return waitFor(what, async () => {
      for (const element of await this.page.$$(selector)) {
        if ((await element.isVisible()) && (await accept(element))) return element;
      }
      return undefined;
    });
  }
}

/** puppeteer's ARIA selector for an exact accessible name (and role). Its syntax has no escape for quotes. */
function aria(name: string, role?: string): string {
  if (name.includes('"')) throw new RangeError(`an ARIA selector cannot hold a double quote: ${name}`);
  return `::-p-aria([name="${name}"]${role ? `[role="${role}"]` : ''})`;
}
