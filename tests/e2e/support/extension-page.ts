import type { MessageType, RequestInput, ResponseOf, Result } from '../../../lib/messaging/protocol';

/**
 * What the e2e tests do with an extension page (the popup opened as a tab, the camera scan tab), the same way
 * in Chromium (Playwright) and Firefox (puppeteer-core over WebDriver BiDi). Elements are found as a user or a
 * screen reader finds them: by role and accessible name, or by label; never by CSS class or test id. Every
 * wait has a deadline and fails with what it was waiting for.
 */
export type BrowserName = 'chromium' | 'firefox';

export interface DownloadedFile {
  /** The name the page suggested. */
  name: string;
  path: string;
  bytes: Buffer;
}

export interface ExtensionPage {
  readonly browserName: BrowserName;
  /** Waits for a visible heading with exactly this name. */
  heading(name: string, timeoutMs?: number): Promise<void>;
  /** Types into the text field (input, textarea) labelled exactly `label`, replacing what it held. */
  fill(label: string, value: string): Promise<void>;
  /** Clicks the visible, enabled button named exactly `name`. */
  click(name: string): Promise<void>;
  /** Ticks the checkbox named exactly `name` (nothing if it is ticked already). */
  check(name: string): Promise<void>;
  uncheck(name: string): Promise<void>;
  /** Picks the option with text `option` in the select labelled `label`. */
  select(label: string, option: string): Promise<void>;
  /** Sets the file of the (usually hidden) file input whose aria-label is `inputLabel`. */
  upload(inputLabel: string, file: string): Promise<void>;
  /** Whether a visible control (field, button, checkbox) is named exactly `name` right now. */
  hasControl(name: string): Promise<boolean>;
  /** The accessible names of the visible list options (role="option"): the vault list's rows, in order. */
  options(): Promise<string[]>;
  /** Clicks the visible option named exactly `name` (a vault row: it opens the item). */
  clickOption(name: string, timeoutMs?: number): Promise<void>;
  /**
   * What the page's visible role="alert" elements say: each paragraph (line) on its own and each alert as a
   * whole, whitespace collapsed. A message with a hint below it is then matched exactly, without the hint.
   */
  alerts(): Promise<string[]>;
  /** The same for role="status" (progress, notices such as "This device was signed out…", success). */
  statuses(): Promise<string[]>;
  /** The whole visible text of the page. */
  text(): Promise<string>;
  /** Runs `action` and resolves with the file the page downloads because of it. */
  download(action: () => Promise<void>): Promise<DownloadedFile>;
  /** Saves test-results/screenshots/<browser>/<NN>-<screen>.png. */
  screenshot(screen: string): Promise<void>;
  /** A protocol message to the background, from this page (runtime.sendMessage), as the popup sends it. */
  send<T extends MessageType>(type: T, request: RequestInput<T>): Promise<Result<ResponseOf<T>>>;
  /** How many live camera tracks the page's <video> elements show (0: the camera is off). */
  liveVideoTracks(): Promise<number>;
  /** Everything in storage.session, read from the page (no message: it does not count as activity). */
  sessionStorage(): Promise<Record<string, unknown>>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserProfile {
  readonly browserName: BrowserName;
  /** The popup as a tab of the popup's size (380 × 600), on its first screen. */
  openPopup(): Promise<ExtensionPage>;
  /** Another extension page (e.g. "/scan.html") in a new tab, as a bookmark would open it. */
  openPage(path: string): Promise<ExtensionPage>;
  /** Runs `action` and resolves with the extension page it opened in a new tab (the scan page). */
  nextTab(action: () => Promise<void>): Promise<ExtensionPage>;
  /** Prints an HTML document with this browser's print engine to a PDF file (a "printed" email). */
  printToPdf(html: string, file: string): Promise<void>;
  /** Closes the browser and starts it again on the same profile (what a user's restart does). */
  restart(): Promise<void>;
  /** Screenshots of every open page, for a failed test. */
  captureFailure(testName: string): Promise<void>;
  close(): Promise<void>;
}

/** The popup's size: Chrome caps popups at 800 × 600 and the popup is designed for 360–400 px. */
export const POPUP_VIEWPORT = { width: 380, height: 600 };

/** How long a step may take: Argon2id and the QR KDF run in the browser (~1–2 s), pdf.js in the popup. */
export const STEP_TIMEOUT_MS = 20_000;

/** Polls `probe` until it returns a value other than undefined, or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = STEP_TIMEOUT_MS,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const cause = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until one of the page's alerts reads exactly `expected` (DESIGN §6 messages are checked word for
 * word), or fails listing the alerts it saw instead. `prefix`: the message may go on with a hint (DESIGN §6
 * "No QR code found in this image" comes "with a hint"). A RegExp is for messages no document fixes word for
 * word.
 */
export function expectAlert(
  page: ExtensionPage,
  expected: string | RegExp,
  options: MessageOptions = {},
): Promise<void> {
  return expectMessage(page, 'alert', expected, options);
}

/** The same for a role="status" message. */
export function expectStatus(
  page: ExtensionPage,
  expected: string,
  options: MessageOptions = {},
): Promise<void> {
  return expectMessage(page, 'status', expected, options);
}

export interface MessageOptions {
  /** Accept a message that starts with `expected` (and goes on in the same paragraph). */
  prefix?: boolean;
  timeoutMs?: number;
}

async function expectMessage(
  page: ExtensionPage,
  role: 'alert' | 'status',
  expected: string | RegExp,
  options: MessageOptions,
): Promise<void> {
  const matches = (text: string) =>
    typeof expected !== 'string'
      ? expected.test(text)
      : options.prefix
        ? text.startsWith(expected)
        : text === expected;
  let seen: string[] = [];
  try {
    await waitFor(
      `the ${role} "${expected}"`,
      async () => {
        seen = role === 'alert' ? await page.alerts() : await page.statuses();
        return seen.some(matches) ? true : undefined;
      },
      options.timeoutMs,
    );
  } catch {
    throw new Error(`expected the ${role} "${expected}", saw ${JSON.stringify(seen)}`);
  }
}

/**
 * A message that may come as an alert or as a status, depending on whether it reports a failure of what the
 * user just did or a change that happened elsewhere ("This device was signed out from another device.").
 */
export async function expectNotice(
  page: ExtensionPage,
  expected: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  let seen: string[] = [];
  try {
    await waitFor(
      `the message "${expected}"`,
      async () => {
        seen = [...(await page.alerts()), ...(await page.statuses())];
        return seen.includes(expected) ? true : undefined;
      },
      timeoutMs,
    );
  } catch {
    throw new Error(`expected the message "${expected}", saw ${JSON.stringify(seen)}`);
  }
}

/** Waits for a visible control (button, field, checkbox) named exactly `name`. */
export async function expectControl(
  page: ExtensionPage,
  name: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  await waitFor(
    `a control named "${name}"`,
    async () => ((await page.hasControl(name)) ? true : undefined),
    timeoutMs,
  );
}
