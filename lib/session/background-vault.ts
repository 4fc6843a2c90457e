import type { ApiClient } from '../api/client';
import { syncOnce } from '../sync/sync-engine';
import { SyncScheduler, type SyncSchedulerDeps, type SyncAttempt } from '../sync/sync-scheduler';
import { apiSyncServer } from '../sync/sync-server';
import type { VaultSnapshot, VaultStore } from '../vault/store-types';
import { VaultStoreError } from '../vault/vault-store-errors';
import { openVaultSession, type VaultSession } from '../vault/vault-session';
import type { AccountSession, SessionVault } from './account-session';
import type { UnsentChange } from './unsynced-changes';

/**
 * The vault as the background holds it (DESIGN §3: the only holder of keys, and it runs sync): at most one open
 * VaultSession, for the account that is unlocked, and the sync scheduler. The account session drives the
 * lifecycle (open after unlock, close on lock, forget on sign-out); the vault handlers and the sync alarms ask
 * for the open vault through `ensure`, which reopens it lazily after a service-worker restart (the keys come
 * back from storage.session, the list does not: it is rebuilt on the first vault message).
 */

export interface BackgroundVaultDeps {
  /** The account session (a getter: the two are built together and refer to each other). */
  session(): AccountSession;
  /** The IndexedDB database of an account on this browser (lib/vault/vault-store.ts vaultDbName). */
  dbName(accountId: string): string;
  openStore(dbName: string): Promise<VaultStore>;
  deleteStore(dbName: string): Promise<void>;
  scheduler: Omit<SyncSchedulerDeps, 'attempt' | 'counts' | 'log'>;
  now(): number;
  newId(): string;
  log(line: string): void;
}

interface Current {
  accountId: string;
  opening: Promise<VaultSession>;
}

interface Prefetched {
  accountId: string;
  read: Promise<{ store: VaultStore; snapshot: VaultSnapshot } | null>;
  /** Resolves once the reads are issued (or failed): the unlock starts Argon2id after that. */
  issued: Promise<void>;
}

export class BackgroundVault implements SessionVault {
  readonly sync: SyncScheduler;
  #current: Current | null = null;
  #opened: VaultSession | null = null;
  #prefetched: Prefetched | null = null;

  constructor(private readonly deps: BackgroundVaultDeps) {
    this.sync = new SyncScheduler({
      ...deps.scheduler,
      attempt: () => this.#attempt(),
      counts: () => this.#counts(),
      log: deps.log,
    });
  }

  /** After unlock: opens the vault (a failure is logged; the first vault message tries again) and syncs. */
  async open(accountId: string, vaultKey: Uint8Array): Promise<void> {
    try {
      await this.ensure(accountId, vaultKey);
    } catch (error) {
      this.deps.log(`vault open failed: ${error instanceof Error ? error.message : 'unknown'}`);
    }
    this.sync.afterUnlock();
  }

  /**
   * Reads the vault of `accountId` from disk ahead of its key (the unlock handler calls this before Argon2id
   * starts: IndexedDB does the read in the browser's own threads meanwhile). Used by the next ensure() of that
   * account, once; a failed read is simply not used.
   */
  prefetch(accountId: string): Promise<void> {
    if (this.#current?.accountId === accountId) return Promise.resolve();
    if (this.#prefetched?.accountId === accountId) return this.#prefetched.issued;
    this.#discardPrefetch();
    let issued!: () => void;
    const issuedPromise = new Promise<void>((resolve) => (issued = resolve));
    const read = (async () => {
      const store = await this.deps.openStore(this.deps.dbName(accountId));
      try {
        // snapshot() issues its reads at once: IndexedDB then reads while Argon2id holds this thread.
        const snapshot = store.snapshot();
        issued();
        return { store, snapshot: await snapshot };
      } catch (error) {
        store.close();
        throw error;
      }
    })()
      .catch(() => null)
      .finally(() => issued());
    this.#prefetched = { accountId, read, issued: issuedPromise };
    return issuedPromise;
  }

  #takePrefetch(accountId: string): Prefetched['read'] | null {
    const prefetched = this.#prefetched;
    this.#prefetched = null;
    if (prefetched?.accountId === accountId) return prefetched.read;
    if (prefetched) void prefetched.read.then((read) => read?.store.close());
    return null;
  }

  #discardPrefetch(): void {
    const prefetched = this.#prefetched;
    this.#prefetched = null;
    if (prefetched) void prefetched.read.then((read) => read?.store.close());
  }

  prepare(accountId: string, vaultKey: Uint8Array): void {
    // A failure is logged by open(), which the unlock calls next (or by the first vault message).
    this.ensure(accountId, vaultKey).catch(() => undefined);
  }

  /** The open vault of this account, opening it if needed; concurrent callers share one opening. */
  ensure(accountId: string, vaultKey: Uint8Array): Promise<VaultSession> {
    if (this.#current?.accountId === accountId) return this.#current.opening;
    if (this.#current) this.#drop();
    // The key is copied: custody zeroes its arrays on lock, and the import must not race that.
    const key = Uint8Array.from(vaultKey);
    const prefetched = this.#takePrefetch(accountId);
    const opening = (async () => {
      const read = prefetched ? await prefetched : null;
      return openVaultSession({
        accountId,
        vaultKey: key,
        store: read?.store ?? (await this.deps.openStore(this.deps.dbName(accountId))),
        ...(read ? { snapshot: read.snapshot } : {}),
        now: this.deps.now,
        newId: this.deps.newId,
      });
    })();
    const current: Current = { accountId, opening };
    this.#current = current;
    opening.then(
      (vault) => {
        // A vault dropped while it opened is closed by #drop().
        if (this.#current === current) this.#opened = vault;
        key.fill(0);
      },
      () => {
        if (this.#current === current) this.#current = null;
        key.fill(0);
      },
    );
    return opening;
  }

  /** Lock: the list, the cipher and the connection go; no sync runs until the next unlock. */
  async close(): Promise<void> {
    const counts = this.#counts();
    this.#discardPrefetch();
    this.#drop();
    await this.sync.stop(counts);
  }

  /** Sign-out, revoked, account reset: closes and deletes this device's copy of the vault. */
  async forget(accountId: string): Promise<void> {
    this.#discardPrefetch();
    this.#drop();
    await this.sync.reset();
    try {
      await this.deps.deleteStore(this.deps.dbName(accountId));
    } catch (error) {
      // Sign-out goes on: what stays is ciphertext under a key this browser no longer holds.
      this.deps.log(`vault delete failed: ${error instanceof Error ? error.message : 'unknown'}`);
    }
  }

  /** The outbox, for sign-out's list of what would be lost; readable (without titles) while locked. */
  async unsent(): Promise<UnsentChange[]> {
    if (this.#opened) return this.#opened.unsent();
    const device = await this.deps.session().device();
    if (device === null) return [];
    const store = await this.deps.openStore(this.deps.dbName(device.accountId));
    try {
      return (await store.outbox()).map((row) => ({
        id: row.id,
        title: null,
        changedAt: row.changedAt,
        seq: row.seq,
        deleted: row.box === null,
      }));
    } finally {
      store.close();
    }
  }

  #counts(): { pending: number; damaged: number } | null {
    const vault = this.#opened;
    return vault && { pending: vault.view.pendingCount, damaged: vault.view.damagedCount };
  }

  #drop(): void {
    const current = this.#current;
    this.#current = null;
    this.#opened = null;
    current?.opening.then(
      (vault) => vault.close(),
      () => undefined,
    );
  }

  /** One sync pass for the scheduler, with this device's session (AccountSession.callSignedIn). */
  async #attempt(): Promise<SyncAttempt> {
    const session = this.deps.session();
    await session.ready();
    const unlocked = await session.unlocked();
    if ('failure' in unlocked) return { kind: 'skipped' };
    const { accountId, keys } = unlocked.held;
    const opening = this.ensure(accountId, keys.vaultKey);
    const stillOpen = () => this.#current?.opening === opening;
    let vault: VaultSession;
    try {
      vault = await opening;
    } catch (error) {
      return storeFailure(error);
    }
    try {
      const result = await session.callSignedIn((device) =>
        syncOnce({
          store: vault.store,
          cipher: vault.cipher,
          server: apiSyncServer(this.#api(session, device.serverUrl, device.token)),
          now: this.deps.now,
          newId: this.deps.newId,
        }),
      );
      if (!stillOpen()) return { kind: 'skipped' };
      if (!result.ok) return { kind: 'failed', error: result.error };
      await vault.afterSync(result.value);
      return { kind: 'done', pending: vault.view.pendingCount, damaged: vault.view.damagedCount };
    } catch (error) {
      // Locked (or signed out) mid-pass: the store was closed under the engine. Nothing to report.
      if (!stillOpen()) return { kind: 'skipped' };
      return storeFailure(error);
    }
  }

  #api(session: AccountSession, serverUrl: string, token: string): ApiClient {
    return session.service().api(serverUrl, token);
  }
}

/** The vault on disk failed (disk full, damage): its message is written for the user. Anything else is a bug. */
function storeFailure(error: unknown): SyncAttempt {
  if (error instanceof VaultStoreError)
    return { kind: 'failed', error: { code: 'internal', message: error.message } };
  throw error;
}
