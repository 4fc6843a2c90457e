import type { Frame as PlaywrightFrame, Page as PlaywrightPage } from 'playwright-core';
import type { Frame as PuppeteerFrame, Page as PuppeteerPage } from 'puppeteer-core';
import { waitFor, type BrowserName } from './extension-page';
import { screenshotPath } from './screenshots';

/**
 * A web page (a fixture site, not ours) driven the same way in Chromium (Playwright) and Firefox (puppeteer
 * over WebDriver BiDi), with real input only: mouse clicks at coordinates and key presses go through the
 * browser's input pipeline (isTrusted events), as a user's do. Our framed pages (the inline menu, the save
 * bar) sit in a closed shadow root the page cannot reach; the drivers reach them as frames of the tab.
 */
export interface WebTab {
  readonly browserName: BrowserName;
  goto(url: string): Promise<void>;
  bringToFront(): Promise<void>;
  /** A real click in the middle of the first element matching `selector` (in the frame whose URL has `frame`). */
  click(selector: string, frame?: string): Promise<void>;
  /** A real click at page coordinates. */
  clickAt(x: number, y: number): Promise<void>;
  /** Types with the keyboard into whatever has the focus. */
  type(text: string): Promise<void>;
  /** Presses one key ('Tab', 'Enter'). */
  press(key: string): Promise<void>;
  /** Runs a self-contained function in the main frame, or in the frame whose URL contains `frame`. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A, frame?: string): Promise<R>;
  /** The URLs of every frame of the tab, the main one first. */
  frameUrls(): string[];
  /** Our framed page (inline-menu.html or save-prompt.html) in this tab, if there is one now. */
  extensionFrame(page: FramedPage): Promise<ExtensionFrame | null>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export type FramedPage = 'inline-menu.html' | 'save-prompt.html';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ExtensionFrame {
  /** Where the iframe is, in the tab's viewport. */
  box: Box;
  /** Its visible text. */
  text(): Promise<string>;
  /** Its document's URL (read inside it: drivers may not follow a frame to an extension URL). */
  url(): Promise<string>;
  /**
   * Where the control (role=option, button, link or list item) whose text matches is, in the tab's viewport;
   * null when none. The test then clicks there with the real mouse.
   */
  controlBox(text: RegExp): Promise<Box | null>;
}

/** The centre of a box. */
export function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** In the frame: the box (frame-relative) of the smallest control whose text matches `source`/`flags`. */
function findControl(pattern: { source: string; flags: string }): Box | null {
  const matcher = new RegExp(pattern.source, pattern.flags);
  const candidates = Array.from(
    document.querySelectorAll<HTMLElement>('[role="option"], button, a, li, [role="button"]'),
  ).filter((element) => {
    const text = `${element.innerText} ${element.getAttribute('aria-label') ?? ''}`;
    return element.checkVisibility() && matcher.test(text);
  });
  const rects = candidates.map((element) => element.getBoundingClientRect());
  rects.sort((a, b) => a.width * a.height - b.width * b.height);
  const rect = rects[0];
  return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
}

function readBodyText(): string {
  return document.body?.innerText ?? '';
}

class PlaywrightTab implements WebTab {
  readonly browserName = 'chromium';
  constructor(readonly page: PlaywrightPage) {}

  private frame(part?: string): PlaywrightFrame {
    if (part === undefined) return this.page.mainFrame();
    const frame = this.page.frames().find((candidate) => candidate.url().includes(part));
    if (!frame)
      throw new Error(`no frame with "${part}" in its URL among ${JSON.stringify(this.frameUrls())}`);
    return frame;
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
  }
  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }
  async click(selector: string, frame?: string): Promise<void> {
    const box = await waitFor(
      `${selector} to be on screen`,
      async () => (await (await this.frame(frame).$(selector))?.boundingBox()) ?? undefined,
    );
    const { x, y } = centre(box);
    await this.page.mouse.click(x, y);
  }
  async clickAt(x: number, y: number): Promise<void> {
    await this.page.mouse.click(x, y);
  }
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 10 });
  }
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A, frame?: string): Promise<R> {
    return this.frame(frame).evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  }
  frameUrls(): string[] {
    return this.page.frames().map((frame) => frame.url());
  }
  async extensionFrame(page: FramedPage): Promise<ExtensionFrame | null> {
    const frame = this.page.frames().find((candidate) => candidate.url().includes(`/${page}`));
    if (!frame) return null;
    const element = await frame.frameElement().catch(() => null);
    const box = await element?.boundingBox();
    if (!box) return null;
    return {
      box,
      text: () => frame.evaluate(readBodyText),
      url: () => frame.evaluate(() => location.href),
      async controlBox(text) {
        const inner = await frame.evaluate(findControl, { source: text.source, flags: text.flags });
        return inner && { ...inner, x: inner.x + box.x, y: inner.y + box.y };
      },
    };
  }
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath('chromium', name) });
  }
  async close(): Promise<void> {
    await this.page.close();
  }
}

class PuppeteerTab implements WebTab {
  readonly browserName = 'firefox';
  constructor(readonly page: PuppeteerPage) {}

  private frame(part?: string): PuppeteerFrame {
    if (part === undefined) return this.page.mainFrame();
    const frame = this.page.frames().find((candidate) => candidate.url().includes(part));
    if (!frame)
      throw new Error(`no frame with "${part}" in its URL among ${JSON.stringify(this.frameUrls())}`);
    return frame;
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
  }
  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }
  async click(selector: string, frame?: string): Promise<void> {
    const box = await waitFor(
      `${selector} to be on screen`,
      async () => (await (await this.frame(frame).$(selector))?.boundingBox()) ?? undefined,
    );
    const { x, y } = centre(box);
    await this.page.mouse.click(x, y);
  }
  async clickAt(x: number, y: number): Promise<void> {
    await this.page.mouse.click(x, y);
  }
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 10 });
  }
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key as Parameters<PuppeteerPage['keyboard']['press']>[0]);
  }
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A, frame?: string): Promise<R> {
    return this.frame(frame).evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  }
  frameUrls(): string[] {
    return this.page.frames().map((frame) => frame.url());
  }
  async extensionFrame(page: FramedPage): Promise<ExtensionFrame | null> {
    // puppeteer does not follow a frame's navigation to a moz-extension:// URL (its url() stays about:blank,
    // as for tabs: firefox-profile.ts), so the frame's own location tells which one is ours.
    let frame: PuppeteerFrame | undefined;
    for (const candidate of this.page.frames()) {
      if (candidate === this.page.mainFrame()) continue;
      const href = await candidate.evaluate(() => location.href).catch(() => '');
      if (href.includes(`/${page}`)) frame = candidate;
    }
    if (!frame) return null;
    const element = await frame.frameElement().catch(() => null);
    const box = (await element?.boundingBox()) ?? null;
    if (!box) return null;
    return {
      box,
      text: () => frame.evaluate(readBodyText),
      url: () => frame.evaluate(() => location.href),
      async controlBox(text) {
        const inner = await frame.evaluate(findControl, { source: text.source, flags: text.flags });
        return inner && { ...inner, x: inner.x + box.x, y: inner.y + box.y };
      },
    };
  }
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath('firefox', name) as `${string}.png` });
  }
  async close(): Promise<void> {
    await this.page.close();
  }
}

export function playwrightTab(page: PlaywrightPage): WebTab {
  return new PlaywrightTab(page);
}

export function puppeteerTab(page: PuppeteerPage): WebTab {
  return new PuppeteerTab(page);
}

/** Waits for our framed page to be in the tab, on screen, and answers it. */
export function expectExtensionFrame(
  tab: WebTab,
  page: FramedPage,
  timeoutMs?: number,
): Promise<ExtensionFrame> {
  return waitFor(
    `${page} framed in the tab`,
    async () => (await tab.extensionFrame(page)) ?? undefined,
    timeoutMs,
  );
}

/** The values of the inputs matching `selector`, in document order (in a frame, with `frame`). */
export function inputValues(tab: WebTab, selector: string, frame?: string): Promise<string[]> {
  return tab.evaluate(
    (query: string) =>
      Array.from(document.querySelectorAll<HTMLInputElement>(query)).map((input) => input.value),
    selector,
    frame,
  );
}
