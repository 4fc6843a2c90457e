import { generateAccountKey } from '../../../../lib/account/account-key';
import { newKdfSpec } from '../../../../lib/account/key-hierarchy';
import { createKit } from '../../../../lib/account/kit-payload';
import { assessPassword } from '../../../../lib/account/password-strength';
import type { AccountStatus, KitArtifacts } from '../../../../lib/messaging/protocol';
import { AppModel } from '../../../../entrypoints/popup/models/app-model';
import {
  DEFAULT_POPUP_PREFS,
  type DownloadFile,
  type PopupDeps,
  type PopupPrefs,
} from '../../../../entrypoints/popup/models/popup-deps';
import { nodeKitFiles } from './node-kit-files';
import { ok, scriptedBackground, settle, type Script, type ScriptedBackground } from './scripted-background';

export const EMAIL = 'john.doe@example.com';
export const SERVER = 'http://127.0.0.1:8787';
export const ACCOUNT_ID = '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f';
export const STRONG_PASSWORD = 'maple orbit tundra violin';
/** The id of the tab the popup opens over (browser tab ids are small integers). */
export const TAB_ID = 42;

type Phase<P extends AccountStatus['phase']> = Extract<AccountStatus, { phase: P }>;

export const SIGNED_OUT: Phase<'signed-out'> = {
  phase: 'signed-out',
  notice: null,
  lastServerUrl: null,
  lastEmail: null,
};
export const LOCKED: Phase<'locked'> = { phase: 'locked', email: EMAIL, serverUrl: SERVER, notice: null };
export const AUTHENTICATING: Phase<'authenticating'> = {
  phase: 'authenticating',
  email: EMAIL,
  serverUrl: SERVER,
};
export const UNLOCKED: Phase<'unlocked'> = {
  phase: 'unlocked',
  email: EMAIL,
  serverUrl: SERVER,
  accountId: ACCOUNT_ID,
  hasRecovery: false,
  lockTimeout: 'browser-restart',
  keyEpochSince: '2026-11-01T10:00:00.000Z',
  notice: null,
};

let payload: Promise<string> | undefined;

/** A real kit payload (one QR KDF run per test file, at the floor parameters to keep tests quick). */
export function kitPayload(): Promise<string> {
  payload ??= createKit({
    accountId: ACCOUNT_ID,
    email: EMAIL,
    keyEpoch: 1,
    password: STRONG_PASSWORD,
    accountKey: generateAccountKey(),
    createdAt: new Date('2026-11-21T09:30:00Z'),
    qrKdf: newKdfSpec({ memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 }),
  });
  return payload;
}

export async function kitArtifacts(emailed: boolean | null = true): Promise<KitArtifacts> {
  return { payloadText: await kitPayload(), email: EMAIL, createdAt: '2026-11-21T09:30:00.000Z', emailed };
}

export interface Harness {
  deps: PopupDeps;
  background: ScriptedBackground;
  downloads: DownloadFile[];
  scanTabsOpened: number;
  /** What the popup wrote to the clipboard, in order. */
  clipboard: string[];
  /** The tab the popup opened over (tests set it); its id is TAB_ID. */
  tabUrl: string | null;
  shortcut: string;
  /** The autofill shortcut's binding. */
  autofillShortcut: string;
  /** How many times the popup asked to be closed (after a fill). */
  closed: number;
  prefs: PopupPrefs;
}

/** A popup with the given background script, already started (status.get answered and routed). */
export async function startPopup(
  status: AccountStatus,
  script: Script = {},
  now?: () => number,
): Promise<Harness> {
  const background = scriptedBackground({ 'status.get': () => ok(status), ...script });
  const downloads: DownloadFile[] = [];
  const harness: Harness = {
    background,
    downloads,
    scanTabsOpened: 0,
    clipboard: [],
    tabUrl: null,
    shortcut: 'Alt+Shift+Y',
    autofillShortcut: 'Alt+Shift+L',
    closed: 0,
    prefs: { ...DEFAULT_POPUP_PREFS },
    deps: {
      app: new AppModel(background.send, now),
      send: background.send,
      assess: assessPassword,
      loadKitFiles: async () => nodeKitFiles(),
      download: (file) => downloads.push(file),
      openScanTab: async () => {
        harness.scanTabsOpened++;
      },
      activeTab: async () => (harness.tabUrl === null ? null : { id: TAB_ID, url: harness.tabUrl }),
      closePopup: () => {
        harness.closed++;
      },
      syncShortcut: async () => harness.shortcut,
      autofillShortcut: async () => harness.autofillShortcut,
      writeClipboard: async (text) => {
        harness.clipboard.push(text);
      },
      now: now ?? (() => Date.now()),
      prefs: {
        get: async () => harness.prefs,
        set: async (prefs) => {
          harness.prefs = prefs;
        },
      },
    },
  };
  await harness.deps.app.start();
  await settle();
  return harness;
}
