import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import type { VaultRecord } from '../../../lib/vault/record-types';
import type { UrlMatch } from '../../../lib/vault/record-types';
import { newUser } from './accounts';
import { playwrightTab, puppeteerTab, type WebTab } from './autofill-tab';
import type { AutofillSites } from './autofill-sites';
import { ChromiumProfile } from './chromium-profile';
import type { ChromiumPage } from './chromium-page';
import { waitFor, type BrowserName, type ExtensionPage } from './extension-page';
import { FirefoxProfile } from './firefox-profile';
import type { FirefoxPage } from './firefox-page';
import { sampleLogin, signUpNodeDevice } from './node-device';
import type { Xvfb } from './xvfb';
import { signInWith } from './popup-flows';
import { expectSettled } from './vault-flows';

/**
 * One signed-in browser for an autofill e2e file: a profile that reaches the fixture sites by name
 * (support/autofill-sites.ts), an account made by a Node device that already holds the file's logins, signed
 * in through the popup with the key file, and an extension page of ours kept open to talk to the background
 * as the popup does (vault.list, autofill.fillFromPopup). Web pages open as WebTabs.
 */
export interface AutofillBrowser {
  readonly browserName: BrowserName;
  readonly profile: ChromiumProfile | FirefoxProfile;
  /** Our extension page (the popup, opened as a tab), signed in and unlocked. */
  readonly ext: ExtensionPage;
  /** The extension's id (Chromium) or moz-extension UUID host (Firefox), for forged-message pages. */
  readonly extensionId: string;
  /** A fixture page in a new tab, brought to the front. */
  openTab(url: string): Promise<WebTab>;
  /** The browser's tab id of a WebTab (what the popup sends with autofill.fillFromPopup). */
  tabIdOf(tab: WebTab): Promise<number>;
  /**
   * What opening the popup over the tab does for the background: the activeTab grant, without which Chromium's
   * tabs.get hides the tab's URL and the background refuses a popup fill (content-script matches are no
   * host permission for the tabs API). A test cannot click the toolbar icon, and action.openPopup() grants
   * nothing, so a real keyboard command does it: any manifest command grants activeTab to the focused tab, and
   * the sync shortcut (Alt+Shift+Y) is one, pressed with xdotool on the headed window. Firefox grants the
   * manifest's host permissions at install, so its background sees the URL anyway: nothing to do there.
   */
  grantActiveTab(tab: WebTab): Promise<void>;
}

export interface LoginSpec {
  title: string;
  username: string;
  password: string;
  url: string;
  match?: UrlMatch;
}

/** A login record as another device saves it. */
export function loginRecord(spec: LoginSpec): VaultRecord {
  const base = sampleLogin(1);
  if (base.type !== 'login') throw new Error('sampleLogin must make a login');
  return {
    ...base,
    id: randomUUID(),
    fields: {
      ...base.fields,
      title: spec.title,
      notes: '',
      username: spec.username,
      password: spec.password,
      urls: [{ url: spec.url, match: spec.match ?? 'base-domain' }],
    },
  };
}

interface TabInfo {
  id: number;
  url: string | null;
  active: boolean;
}

/** In our extension page: every tab's id, URL (when the browser lets us see it) and whether it is active. */
function listTabs(): Promise<TabInfo[]> {
  type Api = { tabs: { query(q: object): Promise<{ id?: number; url?: string; active: boolean }[]> } };
  const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('no extension API in this page');
  return api.tabs
    .query({})
    .then((tabs) => tabs.map((tab) => ({ id: tab.id ?? -1, url: tab.url ?? null, active: tab.active })));
}

/** In the service worker: the tab's URL, or undefined while the extension may not see it. */
function tabUrl(tabId: number): Promise<string | undefined> {
  type Api = { tabs: { get(id: number): Promise<{ url?: string }> } };
  const api = (globalThis as unknown as { chrome: Api }).chrome;
  return api.tabs.get(tabId).then((tab) => tab.url);
}

/** Screenshots of the web tabs when a test fails, and everything closed after the file. */
export function useAutofillBrowsers(): {
  launch(
    browser: BrowserName,
    serverUrl: string,
    sites: AutofillSites,
    logins: readonly VaultRecord[],
    xvfb: Xvfb,
  ): Promise<AutofillBrowser>;
} {
  const profiles = new Set<ChromiumProfile | FirefoxProfile>();
  const tabs = new Set<WebTab>();
  beforeEach((context) => {
    context.onTestFailed(async () => {
      for (const tab of tabs) await tab.screenshot(`failed-${context.task.name}`).catch(() => undefined);
      for (const profile of profiles) await profile.captureFailure(context.task.name).catch(() => undefined);
    });
  });
  afterAll(async () => {
    for (const profile of profiles) await profile.close().catch(() => undefined);
    profiles.clear();
  });
  return {
    async launch(browser, serverUrl, sites, logins, xvfb) {
      const profile =
        browser === 'chromium'
          ? await ChromiumProfile.launch(sites.chromiumArgs, xvfb.display)
          : await FirefoxProfile.launch(sites.firefoxPrefs, xvfb.display, { acceptInsecureCerts: true });
      profiles.add(profile);
      const user = newUser(`autofill-${browser}`);
      const node = await signUpNodeDevice(serverUrl, user);
      await node.pushNew(logins);
      const dir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-autofill-'));
      const ext = await profile.openPopup();
      try {
        const keyFile = join(dir, `${browser}.lkkey`);
        await writeFile(keyFile, node.kitText);
        await signInWith(ext, serverUrl, user, 'Key file', keyFile);
        await expectSettled(ext);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const evaluateInExt = <R>(fn: () => Promise<R>): Promise<R> =>
        browser === 'chromium'
          ? (ext as ChromiumPage).page.evaluate(fn)
          : (ext as FirefoxPage).page.evaluate(fn);
      const tabIdOf = async (tab: WebTab) => {
        await tab.bringToFront();
        const url = tab.frameUrls()[0] ?? '';
        return waitFor(`the tab id of ${url}`, async () => {
          const all = await evaluateInExt(listTabs);
          const byUrl = all.filter((info) => info.url === url);
          if (byUrl.length === 1) return byUrl[0]?.id;
          // Without host permission the URL is hidden: the tab just brought to the front is the one.
          const active = all.filter((info) => info.active && !info.url?.includes('popup.html'));
          return active.length === 1 ? active[0]?.id : undefined;
        });
      };
      return {
        browserName: browser,
        profile,
        ext,
        extensionId:
          profile instanceof ChromiumProfile ? new URL(profile.origin).host : 'latchkey@latchkey.dev',
        async openTab(url) {
          const tab =
            profile instanceof ChromiumProfile
              ? playwrightTab(await profile.openWebPage(url))
              : puppeteerTab(await profile.openWebPage(url));
          tabs.add(tab);
          return tab;
        },
        tabIdOf,
        async grantActiveTab(tab) {
          if (!(profile instanceof ChromiumProfile)) return;
          const id = await tabIdOf(tab);
          const worker = profile.serviceWorker;
          const urlOf = () => worker.evaluate(tabUrl, id);
          if ((await urlOf()) !== undefined) return;
          // The headed window's X name is "<tab title> - Chromium" (xdotool matches a regular expression).
          await xvfb.focusWindow(' - Chromium$');
          xvfb.key('alt+shift+y');
          await waitFor('the activeTab grant', async () =>
            (await urlOf()) === undefined ? undefined : true,
          );
        },
      };
    },
  };
}
