import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { IdbVaultStore } from './idb-vault-store';
import type { VaultStore } from './store-types';
import { ALL_STORES, META_KEYS, upgradeVaultDb, VAULT_DB_VERSION, type VaultDb } from './vault-db-schema';
import {
  toVaultStoreError,
  VaultStoreBlockedError,
  VaultStoreClosedError,
  VaultStoreCorruptError,
  VaultStoreNewerVersionError,
} from './vault-store-errors';

/**
 * Opening and deleting one account's vault database (design: STORE.md). The store itself is
 * idb-vault-store.ts; the layout and its upgrades are vault-db-schema.ts.
 */

export interface VaultStoreOptions {
  /**
   * How long to wait once IndexedDB reports the database 'blocked' (another context keeps a connection open
   * and ignores 'versionchange'). Our own stores close on 'versionchange' at once, so anything still open
   * after a few seconds will not let go: better a typed error the user can act on than a hang.
   */
  blockedTimeoutMs?: number;
}

const DEFAULT_BLOCKED_TIMEOUT_MS = 5_000;

/** The stores open in this JavaScript context, per database name: deleteVaultStore closes them first. */
const openStores = new Map<string, Set<IdbVaultStore>>();

/** One database per account, so signing out of one account never touches another's vault. */
export function vaultDbName(accountId: string): string {
  if (typeof accountId !== 'string' || accountId.length === 0) {
    throw new TypeError('vaultDbName: accountId must be a non-empty string');
  }
  return `latchkey-vault-${accountId}`;
}

/** Opens the vault database `dbName`, creating it or upgrading it to VAULT_DB_VERSION as needed. */
export async function openVaultStore(dbName: string, options: VaultStoreOptions = {}): Promise<VaultStore> {
  // The connection's events can fire while checkFormat still reads, before the store exists: `early`
  // remembers them, and the store is never handed out.
  const holder: { store?: IdbVaultStore; early?: 'version-change' | 'terminated' } = {};
  const closeFor = (reason: 'version-change' | 'terminated') => {
    if (holder.store === undefined) holder.early ??= reason;
    else holder.store.markClosed(reason);
  };
  let db: IDBPDatabase<VaultDb>;
  try {
    db = await untilBlockedTooLong(
      options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS,
      (blocked) =>
        openDB<VaultDb>(dbName, VAULT_DB_VERSION, {
          upgrade: upgradeVaultDb,
          blocked,
          // Another context wants to delete or upgrade this database: let go at once (STORE.md).
          blocking: () => closeFor('version-change'),
          terminated: () => closeFor('terminated'),
        }),
      (late) => late.close(),
    );
    await checkFormat(db);
  } catch (error) {
    throw toVaultStoreError(error, null);
  }
  if (holder.early !== undefined) {
    db.close();
    throw new VaultStoreClosedError(holder.early);
  }
  const opened = new IdbVaultStore(db, (closed) => {
    const named = openStores.get(dbName);
    named?.delete(closed);
    if (named?.size === 0) openStores.delete(dbName);
  });
  holder.store = opened;
  const named = openStores.get(dbName) ?? new Set<IdbVaultStore>();
  named.add(opened);
  openStores.set(dbName, named);
  return opened;
}

/**
 * Deletes the vault database `dbName` (sign-out, account reset). Closes the stores this context has open on
 * it first; other contexts' stores close on the 'versionchange' this causes. If something still holds it
 * after the timeout, fails with VaultStoreBlockedError; IndexedDB keeps the delete queued, and it happens as
 * soon as that connection closes (so a retry, or nothing, both end with the database gone).
 */
export async function deleteVaultStore(dbName: string, options: VaultStoreOptions = {}): Promise<void> {
  for (const store of [...(openStores.get(dbName) ?? [])]) store.close();
  openStores.delete(dbName);
  try {
    await untilBlockedTooLong(
      options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS,
      (blocked) => deleteDB(dbName, { blocked }),
      () => undefined,
    );
  } catch (error) {
    throw toVaultStoreError(error, null);
  }
}

/**
 * The database this build opened must have every store and hold this build's row format; anything else is
 * a foreign or half-written database under our name. Closes the connection before throwing.
 */
async function checkFormat(db: IDBPDatabase<VaultDb>): Promise<void> {
  try {
    const missing = ALL_STORES.find((name) => !db.objectStoreNames.contains(name));
    if (missing !== undefined) {
      throw new VaultStoreCorruptError('meta', META_KEYS.format, `the "${missing}" store is missing`);
    }
    const format: unknown = await db.get('meta', META_KEYS.format);
    if (format === VAULT_DB_VERSION) return;
    if (typeof format === 'number' && format > VAULT_DB_VERSION) throw new VaultStoreNewerVersionError();
    throw new VaultStoreCorruptError('meta', META_KEYS.format, 'missing or unknown row format');
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Runs an IndexedDB open/delete request and gives up `timeoutMs` after it reports 'blocked'. A request that
 * succeeds after that is handed to `discardLate` (an open connection must be closed, or it blocks others).
 */
function untilBlockedTooLong<T>(
  timeoutMs: number,
  run: (blocked: () => void) => Promise<T>,
  discardLate: (value: T) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gaveUp = false;
    const blocked = () => {
      timer ??= setTimeout(() => {
        gaveUp = true;
        reject(new VaultStoreBlockedError(timeoutMs));
      }, timeoutMs);
    };
    run(blocked).then(
      (value) => {
        clearTimeout(timer);
        if (gaveUp) discardLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!gaveUp) reject(error);
      },
    );
  });
}
