import { render } from 'preact';
import { browser } from 'wxt/browser';
import { assessPassword } from '../../lib/account/password-strength';
import { AUTOFILL_COMMAND } from '../../lib/autofill/autofill-command';
import { sendMessage } from '../../lib/messaging/send-message';
import { SYNC_COMMAND } from '../../lib/sync/sync-command';
import { App } from './app';
import { downloadFile } from './download-file';
import { AppModel } from './models/app-model';
import { FIRST_SCREEN_ROWS, MAX_PAGE_URL_CHARS } from './models/home-model';
import { DEFAULT_POPUP_PREFS, type ActiveTab, type PopupDeps, type PopupPrefs } from './models/popup-deps';

const PREFS_KEY = 'popupPrefs';
import './styles/popup.css';

/** The tab does not change while the popup is open: asked once, shared by the early listing and the screens. */
const activeTab: Promise<ActiveTab | null> = browser.tabs
  .query({ active: true, currentWindow: true })
  .then(([tab]) => (tab?.id !== undefined && tab.url !== undefined ? { id: tab.id, url: tab.url } : null));

async function shortcutOf(name: string): Promise<string> {
  const commands = await browser.commands.getAll();
  return commands.find((command) => command.name === name)?.shortcut ?? '';
}

// Asked before anything renders, beside the app's status.get: an unlocked vault paints its first screen (and
// the matches for the tab) after one small round trip; the home screen asks for the rest right after.
let earlyListing: ReturnType<typeof sendMessage<'vault.list'>> | null = activeTab
  .catch(() => null)
  .then((tab) =>
    sendMessage('vault.list', {
      first: FIRST_SCREEN_ROWS,
      ...(tab !== null && tab.url.length <= MAX_PAGE_URL_CHARS ? { pageUrl: tab.url } : {}),
    }),
  );

// The popup's wiring: the real background, downloads and tabs; the models and screens get them as parameters.
const deps: PopupDeps = {
  takeEarlyListing() {
    const listing = earlyListing;
    earlyListing = null;
    return listing;
  },
  app: new AppModel(sendMessage),
  send: sendMessage,
  assess: assessPassword,
  loadKitFiles: () => import('./kit-files-adapter').then((module) => module.browserKitFiles()),
  download: downloadFile,
  async openScanTab() {
    await browser.tabs.create({ url: browser.runtime.getURL('/scan.html') });
  },
  activeTab: () => activeTab,
  closePopup: () => window.close(),
  syncShortcut: () => shortcutOf(SYNC_COMMAND),
  autofillShortcut: () => shortcutOf(AUTOFILL_COMMAND),
  writeClipboard: (text) => navigator.clipboard.writeText(text),
  now: () => Date.now(),
  prefs: {
    async get() {
      const stored = (await browser.storage.local.get(PREFS_KEY))[PREFS_KEY] as
        Partial<PopupPrefs> | undefined;
      const seconds = stored?.clipboardClearSeconds;
      return typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 && seconds <= 600
        ? { clipboardClearSeconds: seconds }
        : DEFAULT_POPUP_PREFS;
    },
    async set(prefs) {
      await browser.storage.local.set({ [PREFS_KEY]: prefs });
    },
  },
};

const root = document.getElementById('app');
if (root) render(<App deps={deps} />, root);
