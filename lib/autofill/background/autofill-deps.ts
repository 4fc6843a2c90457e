import type { Result } from '../../messaging/protocol';
import type { StorageArea } from '../../session/storage-area';
import type { RecordDraft, RecordOverview, VaultRecord } from '../../vault/record-types';
import type { ToContent } from '../content-messages';

/**
 * What the background side of autofill needs from the browser and from the session, as small interfaces
 * (entrypoints/background passes the real ones, tests/lib/session a recording fake tabs API and the real
 * session), so everything in lib/autofill/background runs in Node.
 */

export interface AutofillTabs {
  /** tabs.sendMessage: without `frameId`, every frame of the tab gets it. `documentId` is Chrome's only. */
  sendMessage(
    tabId: number,
    message: ToContent,
    options?: { frameId?: number; documentId?: string },
  ): Promise<unknown>;
  /** tabs.get: `url` is there only where the browser tells (activeTab: the popup is open over the tab). */
  get(tabId: number): Promise<{ url?: string }>;
}

/** The open vault, as much of lib/vault/vault-session.ts as autofill uses. */
export interface AutofillOpenVault {
  list(): { items: readonly RecordOverview[] };
  get(id: string): Promise<VaultRecord>;
  /** The popup's own save path (vault.save), so the change syncs like any edit. */
  save(draft: RecordDraft): Promise<VaultRecord>;
}

export interface AutofillVault {
  /**
   * Runs `body` with the open vault, in the session's queue (a lock never cuts it in half). Fails with
   * 'locked' / 'not-signed-in' when the vault is not open, and with the vault's own codes for its refusals.
   */
  withOpen<T>(body: (vault: AutofillOpenVault) => Promise<T>): Promise<Result<T>>;
  /** Whether the vault could be opened now, without a message (the shortcut decides what to do with it). */
  state(): Promise<'unlocked' | 'locked' | 'signed-out'>;
}

export interface AutofillDeps {
  tabs: AutofillTabs;
  vault: AutofillVault;
  /** The background's storage.session (trusted contexts only) and storage.local. */
  session: StorageArea;
  local: StorageArea;
  now(): number;
  /** crypto.getRandomValues into a new array of `length` bytes. */
  random(length: number): Uint8Array;
  /** action.openPopup where the browser has it (the shortcut on a locked vault). */
  openPopup(): Promise<void>;
  log(line: string): void;
  /** How long `autofill.fillFromPopup` waits for a frame to fill (default POPUP_FILL_WAIT_MS). */
  popupFillWaitMs?: number;
}

/** The words a user sees for autofill's refusals (lib/messaging/protocol.ts error codes). */
export const AUTOFILL_MESSAGES = {
  expired: 'This fill request expired. Try again.',
  notAllowedHere: 'Latchkey will not fill this login on this page.',
  promptExpired: 'This save request expired.',
  menuExpired: 'This list expired. Click the field again.',
} as const;
