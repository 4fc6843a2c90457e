import { render } from 'preact';
import { browser } from 'wxt/browser';
import { assessPassword } from '../../lib/account/password-strength';
import { sendMessage } from '../../lib/messaging/send-message';
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
};

const root = document.getElementById('app');
if (root) render(<App deps={deps} />, root);
