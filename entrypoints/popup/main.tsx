import { render } from 'preact';
import { browser } from 'wxt/browser';
import { assessPassword } from '../../lib/account/password-strength';
import { sendMessage } from '../../lib/messaging/send-message';
import { SYNC_COMMAND } from '../../lib/sync/sync-command';
import { App } from './app';
import { downloadFile } from './download-file';
import { AppModel } from './models/app-model';
import { FIRST_SCREEN_ROWS, MAX_PAGE_URL_CHARS } from './models/home-model';
import { DEFAULT_POPUP_PREFS, type PopupDeps, type PopupPrefs } from './models/popup-deps';

const PREFS_KEY = 'popupPrefs';
import './styles/popup.css';

async function activeTabUrl(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ?? null;
}

// Asked before anything renders, beside the app's status.get: an unlocked vault paints its first screen (and
// the matches for the tab) after one small round trip; the home screen asks for the rest right after.
let earlyListing: ReturnType<typeof sendMessage<'vault.list'>> | null = activeTabUrl()
  .catch(() => null)
  .then((pageUrl) =>
    sendMessage('vault.list', {
      first: FIRST_SCREEN_ROWS,
      ...(pageUrl !== null && pageUrl.length <= MAX_PAGE_URL_CHARS ? { pageUrl } : {}),
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
  activeTabUrl,
  async syncShortcut() {
    const commands = await browser.commands.getAll();
    return commands.find((command) => command.name === SYNC_COMMAND)?.shortcut ?? '';
  },
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
