import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import * as zxcvbnCore from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { createPasswordAssessor } from '../../lib/account/password-strength';
import { AUTOFILL_COMMAND } from '../../lib/autofill/autofill-command';
import { createAutofillService } from '../../lib/autofill/background/autofill-service';
import { ApiClient } from '../../lib/api/client';
import { backgroundClipboardWriter } from '../../lib/clipboard/background-clipboard-writer';
import { CLIPBOARD_CLEAR_ALARM, createClipboardClearer } from '../../lib/clipboard/clipboard-clearer';
import { createRouter } from '../../lib/messaging/router';
import { AccountSession } from '../../lib/session/account-session';
import { thisBrowsersName } from '../../lib/session/device-name';
import { DeviceStore } from '../../lib/session/device-store';
import { createHandlers } from '../../lib/session/handlers';
import { autofillVaultAccess } from '../../lib/session/handlers/autofill';
import { KeyCustody } from '../../lib/session/key-custody';
import { LOCK_ALARM, LockTimer } from '../../lib/session/lock-timer';
import { NoticeStore } from '../../lib/session/notice-store';
import { PendingSignInSlot } from '../../lib/session/pending-sign-in';
import { restrictToTrustedContexts } from '../../lib/session/session-access-level';
import { SettingsStore } from '../../lib/session/settings-store';
import { outboxUnsyncedChanges } from '../../lib/session/unsynced-changes';
import { BackgroundVault } from '../../lib/session/background-vault';
import { SYNC_COMMAND } from '../../lib/sync/sync-command';
import { SyncStatusStore } from '../../lib/sync/sync-status-store';
import { deleteVaultStore, openVaultStore, vaultDbName } from '../../lib/vault/vault-store';

/**
 * The background: the only holder of keys (DESIGN §3). It wires lib/session to the browser and registers its
 * listeners synchronously in main(), which runs on every start of the service worker (Chrome) or event page
 * (Firefox): MV3 delivers the event that woke the worker only to listeners registered in that first turn.
 */
export default defineBackground({
  type: 'module',
  main() {
    const log = (line: string) => console.error(`[latchkey] ${line}`);
    const { local, session: sessionArea } = browser.storage;

    const custody = new KeyCustody({
      session: sessionArea,
      local,
      restrictSessionArea: () => restrictToTrustedContexts(sessionArea, log),
    });
    const timer = new LockTimer({
      session: sessionArea,
      alarms: browser.alarms,
      now: () => Date.now(),
      lock: (): Promise<void> => account.lock(),
    });
    const vault = new BackgroundVault({
      session: () => account,
      dbName: vaultDbName,
      openStore: (name) => openVaultStore(name),
      deleteStore: (name) => deleteVaultStore(name),
      scheduler: {
        store: new SyncStatusStore(local),
        alarms: browser.alarms,
        clock: {
          now: () => Date.now(),
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        },
      },
      now: () => Date.now(),
      newId: () => crypto.randomUUID(),
      log,
    });
    const account: AccountSession<BackgroundVault> = new AccountSession({
      store: new DeviceStore(local, log),
      settings: new SettingsStore(local),
      notices: new NoticeStore(local),
      custody,
      timer,
      pending: new PendingSignInSlot({ keepAlive: () => browser.runtime.getPlatformInfo() }),
      server: {
        api: (baseUrl, token, signal) => new ApiClient({ baseUrl, token, ...(signal ? { signal } : {}) }),
        deviceName: thisBrowsersName(),
      },
      unsynced: outboxUnsyncedChanges(() => vault.unsent()),
      vault,
      // Static imports: a Chrome service worker may not import() (lib/account/password-strength.ts). The
      // dictionaries cost ~35 ms on each cold start of the worker (measured: status.get 34 → 70 ms).
      assessPassword: createPasswordAssessor(async () => ({
        core: zxcvbnCore,
        common: zxcvbnCommon,
        en: zxcvbnEn,
      })),
    });
    const clipboardWriter = backgroundClipboardWriter({
      offscreen: 'offscreen' in browser ? browser.offscreen : undefined,
      sendMessage: (message) => browser.runtime.sendMessage(message),
      document: typeof document === 'undefined' ? undefined : document,
    });
    const clipboard =
      clipboardWriter &&
      createClipboardClearer({
        alarms: browser.alarms,
        clock: {
          now: () => Date.now(),
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        },
        writeEmpty: clipboardWriter,
        log,
      });
    /** action.openPopup: Chrome 127+, Firefox 57+ (needs a user action, which a command is); else nothing. */
    const openPopup = async (): Promise<void> => {
      if (typeof browser.action.openPopup === 'function') await browser.action.openPopup();
    };
    const autofill = createAutofillService({
      tabs: {
        // No options: every frame. Not passed as `undefined`, which some engines' schema checks refuse.
        sendMessage: (tabId, message, options) =>
          options === undefined
            ? browser.tabs.sendMessage(tabId, message)
            : browser.tabs.sendMessage(tabId, message, options),
        get: (tabId) => browser.tabs.get(tabId),
      },
      vault: autofillVaultAccess(account),
      session: sessionArea,
      local,
      now: () => Date.now(),
      random: (length) => crypto.getRandomValues(new Uint8Array(length)),
      openPopup,
      log,
    });
    const route = createRouter(createHandlers(account, { clipboard, autofill }), {
      runtimeId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      onPageActivity: () => account.touch(),
      logError: log,
    });

    browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender));
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === LOCK_ALARM)
        account.onLockAlarm().catch((error: unknown) => log(`lock alarm: ${String(error)}`));
      // Not after account.ready(): clearing the clipboard needs no account, and must not wait for one.
      else if (alarm.name === CLIPBOARD_CLEAR_ALARM)
        void clipboard?.onAlarm(alarm).catch((error: unknown) => log(`clipboard alarm: ${String(error)}`));
      // The lock check runs first on every wake (AccountSession.ready), so a sync never runs past the deadline.
      else
        account
          .ready()
          .then(() => vault.sync.onAlarm(alarm.name))
          .catch((error: unknown) => log(`sync alarm: ${String(error)}`));
    });
    browser.commands.onCommand.addListener((command, tab) => {
      if (command === SYNC_COMMAND)
        onSyncCommand().catch((error: unknown) => log(`sync command: ${String(error)}`));
      // activeTab is granted by the command: `tab.url` is the page the user is looking at.
      else if (command === AUTOFILL_COMMAND)
        autofill.fill.onCommand(tab).catch((error: unknown) => log(`autofill command: ${String(error)}`));
    });
    browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
      autofill
        .onTabUpdated(tabId, changeInfo.status)
        .catch((error: unknown) => log(`autofill tab update: ${String(error)}`));
    });
    browser.tabs.onRemoved.addListener((tabId) => {
      autofill.onTabRemoved(tabId).catch((error: unknown) => log(`autofill tab removed: ${String(error)}`));
    });
    /** The sync shortcut: syncs when unlocked; when locked, opens the popup (where supported) to unlock. */
    const onSyncCommand = async (): Promise<void> => {
      await account.ready();
      if ((await account.status()).phase === 'unlocked') {
        await vault.sync.syncNow();
        return;
      }
      await openPopup();
    };
    account.ready().catch((error: unknown) => log(`start-up failed: ${String(error)}`));
    vault.sync.start().catch((error: unknown) => log(`sync alarm set-up failed: ${String(error)}`));
  },
});
