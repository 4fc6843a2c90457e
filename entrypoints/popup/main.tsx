import { render } from 'preact';
import { browser } from 'wxt/browser';
import { assessPassword } from '../../lib/account/password-strength';
import { sendMessage } from '../../lib/messaging/send-message';
import { SYNC_COMMAND } from '../../lib/sync/sync-command';
import { App } from './app';
import { downloadFile } from './download-file';
import { AppModel } from './models/app-model';
import type { PopupDeps } from './models/popup-deps';
import './styles/popup.css';

// The popup's wiring: the real background, downloads and tabs; the models and screens get them as parameters.
const deps: PopupDeps = {
  app: new AppModel(sendMessage),
  send: sendMessage,
  assess: assessPassword,
  loadKitFiles: () => import('./kit-files-adapter').then((module) => module.browserKitFiles()),
  download: downloadFile,
  async openScanTab() {
    await browser.tabs.create({ url: browser.runtime.getURL('/scan.html') });
  },
  async activeTabUrl() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.url ?? null;
  },
  async syncShortcut() {
    const commands = await browser.commands.getAll();
    return commands.find((command) => command.name === SYNC_COMMAND)?.shortcut ?? '';
  },
  writeClipboard: (text) => navigator.clipboard.writeText(text),
  now: () => Date.now(),
};

const root = document.getElementById('app');
if (root) render(<App deps={deps} />, root);
