import type { SyncStatus } from '../../../lib/messaging/protocol';
import { STEP_TIMEOUT_MS, expectControl, waitFor, type ExtensionPage } from './extension-page';
import { expectHome } from './popup-flows';

/**
 * The vault screens (issue 5) walked as a user walks them, with the popup's accessible names: "New item" →
 * "Login" → "New login"; rows of the "Vault items" listbox named "<title>, <subtitle>, login[, conflict
 * copy]…" (entrypoints/popup/components/vault-list.tsx rowName); the item view's "Show password", "Copy
 * password", "Edit", "Delete" → "Yes, delete"; the sync bar's "Sync now".
 */

export interface LoginInput {
  title: string;
  username?: string;
  password?: string;
  /** The first website (the editor's "URL 1"). */
  url?: string;
}

/** Home → New item → Login → fill → Save: ends on the new item's view (its heading is the title). */
export async function addLogin(page: ExtensionPage, login: LoginInput, shot?: string): Promise<void> {
  await page.click('New item');
  await page.click('Login');
  await page.heading('New login');
  await page.fill('Title', login.title);
  if (login.username !== undefined) await page.fill('Username', login.username);
  if (login.password !== undefined) await page.fill('Password', login.password);
  if (login.url !== undefined) await page.fill('URL 1', login.url);
  if (shot !== undefined) await page.screenshot(shot);
  await saved(page, login.title);
}

/** "Save", then the item's view titled `title`; a refusal fails the step with what the popup said. */
async function saved(page: ExtensionPage, title: string): Promise<void> {
  await page.click('Save');
  try {
    await page.heading(title);
  } catch (error) {
    const said = [...(await page.alerts()), ...(await page.statuses())];
    throw new Error(`after "Save", no item view "${title}"; the popup says ${JSON.stringify(said)}`, {
      cause: error,
    });
  }
}

/**
 * On an item's view: Edit → change the fields labelled as in `changes` → Save; ends on the item's view again,
 * whose heading is the new title (or `title`, the unchanged one).
 */
export async function editItem(
  page: ExtensionPage,
  title: string,
  changes: Readonly<Record<string, string>>,
  shot?: string,
): Promise<void> {
  await page.click('Edit');
  await page.heading('Edit login');
  for (const [label, value] of Object.entries(changes)) await page.fill(label, value);
  if (shot !== undefined) await page.screenshot(shot);
  await saved(page, changes.Title ?? title);
}

/** On an item's view: Delete → "Yes, delete"; ends on the home screen. */
export async function deleteItem(page: ExtensionPage, shot?: string): Promise<void> {
  await page.click('Delete');
  await expectControl(page, 'Yes, delete');
  if (shot !== undefined) await page.screenshot(shot);
  await page.click('Yes, delete');
  await expectHome(page);
}

/** From an item's view back to the home screen. */
export async function backHome(page: ExtensionPage): Promise<void> {
  await page.click('Back');
  await expectHome(page);
}

/** Types into the search field (replacing what it held); '' clears it. */
export async function search(page: ExtensionPage, text: string): Promise<void> {
  await page.fill('Search vault', text);
}

/** Whether a row's accessible name is the row of `title` (its name starts with the title, then ", "). */
function isRowOf(name: string, title: string): boolean {
  return name === title || name.startsWith(`${title}, `);
}

/** The accessible names of the rows shown now. */
export function rowNames(page: ExtensionPage): Promise<string[]> {
  return page.options();
}

/**
 * Waits until a row of `title` is listed (and, with `including`, until its name holds that text, e.g. the new
 * username a sync brought) and answers its whole accessible name.
 */
export async function expectRow(
  page: ExtensionPage,
  title: string,
  including = '',
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<string> {
  let seen: string[] = [];
  const what = `a row "${title}"${including === '' ? '' : ` showing "${including}"`}`;
  try {
    return await waitFor(
      what,
      async () =>
        (seen = await rowNames(page)).find((name) => isRowOf(name, title) && name.includes(including)),
      timeoutMs,
    );
  } catch {
    throw new Error(`expected ${what}, the list shows ${JSON.stringify(seen)}`);
  }
}

/** Waits until exactly these titles are listed (in this order), e.g. a search's results. */
export async function expectRows(page: ExtensionPage, titles: readonly string[]): Promise<void> {
  let seen: string[] = [];
  try {
    await waitFor(`the rows ${JSON.stringify(titles)}`, async () => {
      seen = await rowNames(page);
      return seen.length === titles.length && titles.every((title, i) => isRowOf(seen[i] ?? '', title))
        ? true
        : undefined;
    });
  } catch {
    throw new Error(`expected the rows ${JSON.stringify(titles)}, the list shows ${JSON.stringify(seen)}`);
  }
}

/**
 * Home → the row of `title` → its item view. The list may be re-rendered between reading a row's name and
 * clicking it (the reload after a sync changes its subtitle): then the row is looked up again.
 */
export async function openItem(page: ExtensionPage, title: string): Promise<void> {
  await waitFor(`to open the row "${title}"`, async () => {
    await page.clickOption(await expectRow(page, title), 2_000);
    return true;
  });
  await page.heading(title);
}

/** The background's sync status, read the way the popup reads it. */
export async function syncStatus(page: ExtensionPage): Promise<SyncStatus> {
  const answer = await page.send('sync.status', {});
  if (!answer.ok) throw new Error(`sync.status failed: ${answer.error.message}`);
  return answer.value;
}

/**
 * Waits until the background is not syncing and has nothing waiting: the automatic sync after a sign-in or
 * after a local change (debounced 2 s, lib/sync/sync-scheduler.ts) has run. Fails on a sync error.
 */
export async function expectSettled(page: ExtensionPage, timeoutMs = STEP_TIMEOUT_MS): Promise<SyncStatus> {
  let last: SyncStatus | undefined;
  try {
    return await waitFor(
      'the sync to settle',
      async () => {
        last = await syncStatus(page);
        return !last.syncing && last.pending === 0 && last.lastSuccessAt !== null && last.lastError === null
          ? last
          : undefined;
      },
      timeoutMs,
      200,
    );
  } catch {
    throw new Error(`expected the sync to settle, its status is ${JSON.stringify(last)}`);
  }
}

/**
 * Home → "Sync now", and waits for that sync to end (successfully or not, `lastSuccessAt` or
 * `lastError.at` moves on): answers its status. The popup reloads the list after it.
 */
export async function syncNow(page: ExtensionPage): Promise<SyncStatus> {
  const before = await syncStatus(page);
  await page.click('Sync now');
  return waitFor('"Sync now" to finish', async () => {
    const now = await syncStatus(page);
    if (now.syncing) return undefined;
    const succeeded = now.lastSuccessAt !== before.lastSuccessAt && now.lastError === null;
    const failed = now.lastError !== null && now.lastError.at !== before.lastError?.at;
    return succeeded || failed ? now : undefined;
  });
}
