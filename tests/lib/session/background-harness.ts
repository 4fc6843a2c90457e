// The vault's IndexedDB, in Node (one global per test file; each TestBrowser uses its own database names).
import 'fake-indexeddb/auto';
import { ApiClient } from '../../../lib/api/client';
import { ARGON2ID_MIN } from '../../../lib/crypto/argon2id';
import {
  type MessageType,
  type ProtocolError,
  type RequestInput,
  type ResponseOf,
  type Result,
  type UnsyncedChange,
} from '../../../lib/messaging/protocol';
import { createRouter, type MessageSenderLike } from '../../../lib/messaging/router';
import type { AutofillTabs } from '../../../lib/autofill/background/autofill-deps';
import {
  createAutofillService,
  type AutofillService,
} from '../../../lib/autofill/background/autofill-service';
import type { ToContent } from '../../../lib/autofill/content-messages';
import { autofillVaultAccess } from '../../../lib/session/handlers/autofill';
import { AccountSession } from '../../../lib/session/account-session';
import { BackgroundVault } from '../../../lib/session/background-vault';
import { DeviceStore } from '../../../lib/session/device-store';
import { createHandlers } from '../../../lib/session/handlers';
import { KeyCustody } from '../../../lib/session/key-custody';
import { LOCK_ALARM, LockTimer } from '../../../lib/session/lock-timer';
import { NoticeStore } from '../../../lib/session/notice-store';
import { PendingSignInSlot } from '../../../lib/session/pending-sign-in';
import { SettingsStore } from '../../../lib/session/settings-store';
import { outboxUnsyncedChanges, type UnsyncedChangesSource } from '../../../lib/session/unsynced-changes';
import { SyncStatusStore } from '../../../lib/sync/sync-status-store';
import { deleteVaultStore, openVaultStore, vaultDbName } from '../../../lib/vault/vault-store';
import { assessPassword } from '../../../lib/account/password-strength';
import { MemoryStorageArea } from './memory-storage-area';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Databases, startServer, type TestServer } from '../../server/http/harness';

/**
 * A browser profile with Latchkey's background, for the Node tests: the real session code (the same objects
 * entrypoints/background/index.ts builds) over in-memory storage areas, talking to a real server over
 * loopback. Messages go through the real router, as a popup's would. What is simulated is what only a browser
 * has: storage areas, alarms, the clock, and worker / browser restarts.
 */

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const POPUP_SENDER = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };

/**
 * Sign-out's list of unsynced changes: the vault's outbox (the real source), unless a test of sign-out's own
 * wording sets `changes` to put a list in its place.
 */
export class TestUnsyncedChanges implements UnsyncedChangesSource {
  changes: UnsyncedChange[] | null = null;
  constructor(private readonly real: () => UnsyncedChangesSource) {}
  list(): Promise<UnsyncedChange[]> {
    if (this.changes === null) return this.real().list();
    return Promise.resolve(this.changes.map((c) => ({ ...c })));
  }
}

/**
 * The worker's timers, run only when a test says so: the sync after unlock and after a change (setTimeout in
 * the scheduler) then happens at a point the test chooses, never in the middle of another test's exchange.
 */
export class ManualTimers {
  #next = 1;
  readonly #pending = new Map<number, () => void>();
  setTimeout = (callback: () => void): number => {
    const id = this.#next++;
    this.#pending.set(id, callback);
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.#pending.delete(handle as number);
  };
  get size(): number {
    return this.#pending.size;
  }
  /** Runs every pending callback (whatever its delay). */
  runAll(): void {
    const due = [...this.#pending.values()];
    this.#pending.clear();
    for (const callback of due) callback();
  }
  /** A stopped worker's timers die with it. */
  clear(): void {
    this.#pending.clear();
  }
}

/** One background→content push (tabs.sendMessage) as the fake tabs API recorded it. */
export interface Pushed {
  tabId: number;
  message: ToContent;
  options?: { frameId?: number; documentId?: string };
}

/**
 * The tabs API autofill uses, where nothing real exists in Node: it records every push (a test then plays the
 * content script that would receive it) and answers tabs.get with the URL a test set (as activeTab would).
 */
export class FakeTabs implements AutofillTabs {
  readonly pushed: Pushed[] = [];
  readonly urls = new Map<number, string>();
  sendMessage(tabId: number, message: ToContent, options?: Pushed['options']): Promise<unknown> {
    this.pushed.push({ tabId, message, ...(options === undefined ? {} : { options }) });
    return Promise.resolve(undefined);
  }
  get(tabId: number): Promise<{ url?: string }> {
    const url = this.urls.get(tabId);
    return Promise.resolve(url === undefined ? {} : { url });
  }
  /** The pushes since the last call. */
  take(): Pushed[] {
    return this.pushed.splice(0);
  }
}

/** What the browser says about a content script's message (runtime.MessageSender). */
export function contentSender(frame: {
  tabId: number;
  url: string;
  frameId?: number;
  /** The tab's top URL; the frame's own URL for a top frame unless given. */
  tabUrl?: string;
  documentId?: string;
}): MessageSenderLike {
  const frameId = frame.frameId ?? 0;
  const tabUrl = frame.tabUrl ?? (frameId === 0 ? frame.url : undefined);
  return {
    id: EXTENSION_ID,
    url: frame.url,
    tab: { id: frame.tabId, ...(tabUrl === undefined ? {} : { url: tabUrl }) },
    frameId,
    ...(frame.documentId === undefined ? {} : { documentId: frame.documentId }),
  };
}

/** Our inline menu or save bar, framed in a tab's page (web_accessible_resources). */
export function framedPageSender(frame: {
  tabId: number;
  page: 'inline-menu.html' | 'save-prompt.html';
  tabUrl: string;
  frameId?: number;
}): MessageSenderLike {
  return {
    id: EXTENSION_ID,
    url: `chrome-extension://${EXTENSION_ID}/${frame.page}`,
    tab: { id: frame.tabId, url: frame.tabUrl },
    frameId: frame.frameId ?? 9,
  };
}

/** Sends as one sender: `send` / `ok` / `fails` as TestBrowser's, from a content script or a framed page. */
export interface SenderChannel {
  send<T extends MessageType>(type: T, request: RequestInput<T>): Promise<Result<ResponseOf<T>>>;
  ok<T extends MessageType>(type: T, request: RequestInput<T>): Promise<ResponseOf<T>>;
  fails<T extends MessageType>(type: T, request: RequestInput<T>): Promise<ProtocolError>;
}

let profiles = 0;

/** Every router log line of every TestBrowser since the last call: a handler that threw is a bug. */
const routerLogs: string[] = [];
export function takeRouterLogs(): string[] {
  return routerLogs.splice(0);
}

export class TestBrowser {
  readonly local = new MemoryStorageArea();
  session = new MemoryStorageArea();
  readonly alarms = new Map<string, number>();
  /** The sync alarms (apart from `alarms`, which holds the lock timer's). */
  readonly syncAlarms = new Map<string, { when?: number; periodInMinutes?: number }>();
  readonly timers = new ManualTimers();
  /** Names this browser's vault databases apart from other TestBrowsers' in the same process. */
  readonly profile = `profile-${process.pid}-${++profiles}`;
  readonly unsynced = new TestUnsyncedChanges(() => outboxUnsyncedChanges(() => this.vault.unsent()));
  readonly logs: string[] = [];
  /** Milliseconds the browser's clock is ahead of the real one (the lock timer's clock). */
  clockOffsetMs = 0;
  /** The current worker's background. */
  background!: AccountSession<BackgroundVault>;
  /** The current worker's vault and sync scheduler. */
  vault!: BackgroundVault;
  /** The current worker's autofill service (its hooks are what the entrypoint's tab and command events call). */
  autofill!: AutofillService;
  /** The tabs API autofill pushes to. */
  readonly tabs = new FakeTabs();
  /** How many times the background asked the browser to open the popup (action.openPopup). */
  popupsOpened = 0;
  #route!: ReturnType<typeof createRouter>;

  constructor(
    readonly options: {
      deviceName: string;
      /** The unlock check's time limit (ms); short in tests of a server that does not answer. */
      unlockCheckTimeLimitMs?: number;
      /** Every server exchange's time limit (ms). */
      serverTimeLimitMs?: number;
    },
  ) {
    this.#startWorker();
  }

  now = (): number => Date.now() + this.clockOffsetMs;

  /** A new service worker: memory is gone, storage.session and storage.local stay. */
  restartWorker(): void {
    this.timers.clear();
    this.#startWorker();
  }

  /** A browser restart: storage.session is gone too, and so are alarms. */
  restartBrowser(): void {
    this.session = new MemoryStorageArea();
    this.alarms.clear();
    this.syncAlarms.clear();
    this.timers.clear();
    this.#startWorker();
  }

  /** Sends what a popup would, through the router. */
  async send<T extends MessageType>(type: T, request: RequestInput<T>): Promise<Result<ResponseOf<T>>> {
    return (await this.#route({ type, request }, POPUP_SENDER)) as Result<ResponseOf<T>>;
  }

  /** Sends through the router as another sender (a content script, a framed page). */
  from(sender: MessageSenderLike): SenderChannel {
    const send = async <T extends MessageType>(type: T, request: RequestInput<T>) =>
      (await this.#route({ type, request }, sender)) as Result<ResponseOf<T>>;
    return {
      send,
      async ok(type, request) {
        const answer = await send(type, request);
        if (!answer.ok) throw new Error(`${type} failed: ${answer.error.code}: ${answer.error.message}`);
        return answer.value;
      },
      async fails(type, request) {
        const answer = await send(type, request);
        if (answer.ok) throw new Error(`${type} succeeded: ${JSON.stringify(answer.value)}`);
        return answer.error;
      },
    };
  }

  /** Sends and expects success. */
  async ok<T extends MessageType>(type: T, request: RequestInput<T>): Promise<ResponseOf<T>> {
    const answer = await this.send(type, request);
    if (!answer.ok) throw new Error(`${type} failed: ${answer.error.code}: ${answer.error.message}`);
    return answer.value;
  }

  /** Sends and expects a failure. */
  async fails<T extends MessageType>(type: T, request: RequestInput<T>) {
    const answer = await this.send(type, request);
    if (answer.ok) throw new Error(`${type} succeeded: ${JSON.stringify(answer.value)}`);
    return answer.error;
  }

  async phase(): Promise<string> {
    return (await this.ok('status.get', {})).phase;
  }

  /** The phase as the background sees it, without a message (a message is activity: it moves the timer). */
  async quietPhase(): Promise<string> {
    await this.background.ready();
    return (await this.background.status()).phase;
  }

  /** Fires the lock alarm if it is due on this browser's clock, as the alarms API would. */
  async fireDueAlarms(): Promise<void> {
    const when = this.alarms.get(LOCK_ALARM);
    if (when !== undefined && when <= this.now()) {
      this.alarms.delete(LOCK_ALARM);
      await this.background.onLockAlarm();
    }
  }

  /** Runs the scheduler's pending timers (the sync after unlock, after a change) and waits for the sync. */
  async runSyncTimers(): Promise<void> {
    this.timers.runAll();
    await this.vault.sync.idle();
  }

  /** This browser's IndexedDB name for an account's vault. */
  vaultDbName(accountId: string): string {
    return `${this.profile}/${vaultDbName(accountId)}`;
  }

  /** Everything in both storage areas, as JSON text. */
  storageDump(): string {
    return `${this.local.dump()}\n${this.session.dump()}`;
  }

  #startWorker(): void {
    const { local } = this;
    const session = this.session;
    const custody = new KeyCustody({ session, local, restrictSessionArea: () => Promise.resolve() });
    const timer = new LockTimer({
      session,
      alarms: {
        create: (name, info) => {
          this.alarms.set(name, info.when);
        },
        clear: (name) => Promise.resolve(this.alarms.delete(name)),
      },
      now: this.now,
      lock: (): Promise<void> => background.lock(),
    });
    const vault = new BackgroundVault({
      session: () => background,
      dbName: (accountId) => this.vaultDbName(accountId),
      openStore: (name) => openVaultStore(name),
      deleteStore: (name) => deleteVaultStore(name),
      scheduler: {
        store: new SyncStatusStore(local),
        alarms: {
          create: (name, info) => {
            this.syncAlarms.set(name, info);
          },
          get: (name) => Promise.resolve(this.syncAlarms.get(name)),
          clear: (name) => Promise.resolve(this.syncAlarms.delete(name)),
        },
        clock: { now: this.now, setTimeout: this.timers.setTimeout, clearTimeout: this.timers.clearTimeout },
      },
      now: this.now,
      newId: () => crypto.randomUUID(),
      log: (line) => this.logs.push(line),
    });
    this.vault = vault;
    const background: AccountSession<BackgroundVault> = new AccountSession({
      store: new DeviceStore(local, (line) => this.logs.push(line)),
      settings: new SettingsStore(local),
      notices: new NoticeStore(local),
      custody,
      timer,
      pending: new PendingSignInSlot({
        clock: {
          now: this.now,
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        },
      }),
      server: {
        api: (baseUrl, token, signal) => new ApiClient({ baseUrl, token, ...(signal ? { signal } : {}) }),
        deviceName: this.options.deviceName,
        // The floor of lib/crypto for new keys, so a test runs a few Argon2ids of ~0.2 s each.
        kdfParams: { account: { ...ARGON2ID_MIN }, qr: { ...ARGON2ID_MIN } },
      },
      unsynced: this.unsynced,
      vault,
      assessPassword,
      ...(this.options.serverTimeLimitMs ? { serverTimeLimitMs: this.options.serverTimeLimitMs } : {}),
    });
    this.background = background;
    this.autofill = createAutofillService({
      tabs: this.tabs,
      vault: autofillVaultAccess(background),
      session,
      local,
      now: this.now,
      random: (length) => crypto.getRandomValues(new Uint8Array(length)),
      openPopup: () => {
        this.popupsOpened += 1;
        return Promise.resolve();
      },
      log: (line) => this.logs.push(line),
    });
    this.#route = createRouter(
      createHandlers(background, {
        unlockCheckTimeLimitMs: this.options.unlockCheckTimeLimitMs,
        autofill: this.autofill,
      }),
      {
        runtimeId: EXTENSION_ID,
        extensionOrigin: `chrome-extension://${EXTENSION_ID}/`,
        onPageActivity: () => background.touch(),
        logError: (line) => {
          this.logs.push(line);
          routerLogs.push(line);
        },
      },
    );
  }
}

/** A password zxcvbn scores 4, different per call. */
let passwords = 0;
export function strongPassword(label = 'pw'): string {
  passwords += 1;
  return `${label} violet harbor ${passwords} quietly juggles 47 lanterns`;
}

let emails = 0;
export function uniqueEmail(label: string): string {
  emails += 1;
  return `${label}-${process.pid}-${emails}@example.com`;
}

/**
 * The real server (SQLite) for one test file, started once, and the rule that no test may end with a handler
 * that threw: the router answered 'internal' and hid a bug. Read `suite.server` inside tests.
 */
export function useServerSuite(): { readonly server: TestServer } {
  const suite = {} as { server: TestServer };
  let databases: Databases | undefined;
  beforeAll(async () => {
    databases = new Databases();
    suite.server = await startServer({ backend: 'sqlite', databases });
  });
  afterEach(() => {
    expect(takeRouterLogs()).toEqual([]);
  });
  afterAll(async () => {
    await suite.server?.stop();
    await databases?.stop();
  });
  return suite;
}

/** Browser A signs up on `server`; browser B signs in with A's kit (as the QR text). Both end unlocked. */
export async function signedUpPair(server: TestServer, label: string) {
  const a = new TestBrowser({ deviceName: `Chrome on Linux (${label} A)` });
  const b = new TestBrowser({ deviceName: `Firefox on Windows (${label} B)` });
  const email = uniqueEmail(label);
  const password = strongPassword(label);
  const kit = await a.ok('account.signUp', { serverUrl: server.baseUrl, email, password, emailKit: false });
  await b.ok('signIn.begin', { serverUrl: server.baseUrl, email, password });
  await b.ok('signIn.authenticate', { kitText: kit.payloadText, source: 'qr-image' });
  return { a, b, email, password, kit };
}
