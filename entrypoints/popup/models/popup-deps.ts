import type { Result, VaultListing } from '../../../lib/messaging/protocol';
import type { SendMessage } from '../../../lib/messaging/send-message';
import type { AppModel } from './app-model';
import type { AssessPassword } from './password-meter-model';
import type { UserError } from './user-error';

/** A file the popup hands to the browser to save (downloads go through an <a download>, see download-file.ts). */
export interface DownloadFile {
  fileName: string;
  mimeType: string;
  data: Uint8Array | string;
}

/** What the kit screens need from lib/kit-files; loaded on first use (pdf.js and the PDF writer are large). */
export interface KitFiles {
  kitPdf(kit: { payloadText: string; email: string; createdAt: string }): DownloadFile;
  kitPng(kit: { payloadText: string; createdAt: string }): Promise<DownloadFile>;
  recoveryKitPdf(kit: {
    payloadText: string;
    recoveryCode: string;
    accountKey: string;
    email: string;
    createdAt: string;
  }): DownloadFile;
  /** The text of the QR code in an image or PDF, or what to tell the user (DESIGN §6 wording). */
  readQr(file: Blob): Promise<{ ok: true; text: string } | { ok: false; error: UserError }>;
}

/**
 * Everything a screen model may use, passed in (CONVENTIONS.md: plain objects as parameters), so the models
 * run in tests without a browser and the popup's entry wires the real ones.
 */
export interface PopupDeps {
  app: AppModel;
  send: SendMessage;
  assess: AssessPassword;
  loadKitFiles(): Promise<KitFiles>;
  download(file: DownloadFile): void;
  /** Opens the camera scan page in a tab (popups cannot ask for the camera). */
  openScanTab(): Promise<void>;
  /**
   * The tab the popup was opened over: its id (what `autofill.fillFromPopup` fills) and URL (granted by
   * activeTab while the popup is open); null when there is none or its URL is unknown.
   */
  activeTab(): Promise<ActiveTab | null>;
  /** Closes the popup (window.close()): done after a fill, as Bitwarden and 1Password do. */
  closePopup(): void;
  /** The sync shortcut as the browser binds it now (e.g. "Alt+Shift+Y"), '' when the user unset it. */
  syncShortcut(): Promise<string>;
  /** The autofill shortcut (lib/autofill/autofill-command.ts) as the browser binds it now, '' when unset. */
  autofillShortcut(): Promise<string>;
  /** Writes text to the clipboard (navigator.clipboard in the popup). */
  writeClipboard(text: string): Promise<void>;
  /** ms since epoch (TOTP codes, clipboard timers); a test sets the clock. */
  now(): number;
  /**
   * The `vault.list` answer main.tsx asked for at start-up, beside status.get (the 100 ms paint budget has no
   * room for two round trips in a row); handed out once, null afterwards.
   */
  takeEarlyListing?(): Promise<Result<VaultListing>> | null;
  /** The popup's own preferences (nothing secret): browser.storage.local, key 'popupPrefs'. */
  prefs: {
    get(): Promise<PopupPrefs>;
    set(prefs: PopupPrefs): Promise<void>;
  };
}

export interface ActiveTab {
  id: number;
  url: string;
}

export interface PopupPrefs {
  /** Seconds after a copy before the popup clears the clipboard; 0 = never. */
  clipboardClearSeconds: number;
}

export const DEFAULT_POPUP_PREFS: PopupPrefs = { clipboardClearSeconds: 30 };
