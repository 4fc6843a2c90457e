/**
 * Functions that run inside an extension page (serialised by Playwright's and puppeteer's `evaluate`), so
 * both browsers read the page the same way. They must stay self-contained: no imports, no outer variables.
 */

interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
}

/**
 * What the visible elements with this role say: every line on its own, then the whole element (lines joined
 * by a space), whitespace collapsed, empty ones left out.
 */
export function readMessages(role: 'alert' | 'status'): string[] {
  const texts: string[] = [];
  for (const element of Array.from(document.querySelectorAll<HTMLElement>(`[role="${role}"]`))) {
    if (!element.checkVisibility()) continue;
    const lines = element.innerText
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '');
    texts.push(...lines);
    if (lines.length > 1) texts.push(lines.join(' '));
  }
  return texts;
}

/**
 * The names of the visible role="option" elements, in document order. The vault rows name themselves with
 * aria-label (their visible text is aria-hidden), so that is their accessible name; the click that follows
 * finds the row again by role and exact name through the browser's accessibility tree.
 */
export function readOptionNames(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[role="option"]'))
    .filter((element) => element.checkVisibility())
    .map((element) => (element.getAttribute('aria-label') ?? element.innerText).replace(/\s+/g, ' ').trim());
}

export function readText(): string {
  return document.body.innerText;
}

/** runtime.sendMessage from the page: the path the popup's own messages take to the background. */
export function sendFromPage(envelope: { type: string; request: unknown }): Promise<unknown> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('no extension API in this page');
  return api.runtime.sendMessage(envelope);
}

export function readSessionStorage(): Promise<Record<string, unknown>> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('no extension API in this page');
  return api.storage.session.get(null);
}

/** Live video tracks shown by the page's <video> elements. */
export function countLiveVideoTracks(): number {
  let live = 0;
  for (const video of Array.from(document.querySelectorAll('video'))) {
    const stream = video.srcObject;
    if (stream instanceof MediaStream) {
      live += stream.getVideoTracks().filter((track) => track.readyState === 'live').length;
    }
  }
  return live;
}
