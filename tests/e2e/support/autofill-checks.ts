import { expect } from 'vitest';
import type { AutofillBrowser } from './autofill-browsers';
import { centre, expectExtensionFrame, inputValues, type FramedPage, type WebTab } from './autofill-tab';
import { waitFor } from './extension-page';

/**
 * What the autofill e2e tests check, in words a reviewer reads: "these fields hold this", "nothing was filled",
 * "no secret is anywhere the page can read it", and the user's moves (click a login in the inline menu, click a
 * button of the save bar) done with the real mouse after the menu has been on screen long enough.
 */

/** The inline menu ignores choices made in its first 500 ms on screen (lib/autofill DESIGN): wait past it. */
export const MENU_SETTLE_MS = 650;
/** How long a fill that must not happen is given to happen anyway before the test says it did not. */
export const NO_FILL_WAIT_MS = 1_500;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the fields hold these values (in the frame whose URL has `frame`). */
export async function expectFilled(
  tab: WebTab,
  fields: Readonly<Record<string, string>>,
  frame?: string,
): Promise<void> {
  let seen: Record<string, string | undefined> = {};
  try {
    await waitFor('the fields to be filled', async () => {
      seen = {};
      for (const selector of Object.keys(fields))
        seen[selector] = (await inputValues(tab, selector, frame))[0];
      return Object.entries(fields).every(([selector, value]) => seen[selector] === value) ? true : undefined;
    });
  } catch {
    throw new Error(`expected ${JSON.stringify(fields)}, the page has ${JSON.stringify(seen)}`);
  }
}

/** Gives a wrong fill time to happen, then checks every field matching `selector` is still empty. */
export async function expectNothingFilled(tab: WebTab, selector = 'input', frame?: string): Promise<void> {
  await sleep(NO_FILL_WAIT_MS);
  expect(await inputValues(tab, selector, frame)).toEqual(
    (await inputValues(tab, selector, frame)).map(() => ''),
  );
}

/** Everything a page script can read in a frame: its fields, its text, and what its spy saw in events. */
function exposure(): string[] {
  const seen = (window as unknown as { __seen?: string[] }).__seen ?? [];
  const fields = Array.from(document.querySelectorAll('input')).map(
    (input) => `${input.name}=${input.value}`,
  );
  return [...fields, ...seen, document.documentElement.outerHTML, document.body?.innerText ?? ''];
}

/**
 * No secret in any web frame of the tab (ours, the extension frames, are not the page's to read), or only in
 * the frame whose URL is `onlyFrame`.
 */
export async function expectNoSecrets(
  tab: WebTab,
  secrets: readonly string[],
  onlyFrame?: string,
): Promise<void> {
  for (const url of tab.frameUrls()) {
    if (!/^https?:/.test(url) || (onlyFrame !== undefined && url !== onlyFrame)) continue;
    const exposed = await tab.evaluate(exposure, undefined, url).catch(() => [] as string[]);
    for (const secret of secrets) {
      const leak = exposed.find((text) => text.includes(secret));
      expect(leak === undefined, `a secret reached the page ${url}: ${leak?.slice(0, 80)}`).toBe(true);
    }
  }
}

/**
 * Waits for our framed page and for a control in it whose text matches, lets it settle on screen, and clicks
 * it with the real mouse. Answers the frame's text before the click.
 */
export async function clickInFrame(tab: WebTab, page: FramedPage, control: RegExp): Promise<string> {
  const frame = await expectExtensionFrame(tab, page);
  const shownAt = Date.now();
  const box = await waitFor(
    `a control ${control} in ${page}`,
    async () => (await frame.controlBox(control)) ?? undefined,
  );
  const text = await frame.text();
  await sleep(Math.max(0, MENU_SETTLE_MS - (Date.now() - shownAt)));
  const { x, y } = centre(box);
  await tab.clickAt(x, y);
  return text;
}

/** "Fill" in the popup for `id`, over `tab`: the message the popup sends (from our page, with the tab's id). */
export async function fillFromPopup(browser: AutofillBrowser, tab: WebTab, id: string): Promise<boolean> {
  await browser.grantActiveTab(tab);
  const tabId = await browser.tabIdOf(tab);
  const answer = await browser.ext.send('autofill.fillFromPopup', { id, tabId });
  if (!answer.ok)
    throw new Error(`autofill.fillFromPopup failed: ${answer.error.code} ${answer.error.message}`);
  return answer.value.filled;
}

/** Types into a field as a user does: a real click on it, then the keyboard. */
export async function typeInto(tab: WebTab, selector: string, text: string, frame?: string): Promise<void> {
  await tab.click(selector, frame);
  await tab.type(text);
}
