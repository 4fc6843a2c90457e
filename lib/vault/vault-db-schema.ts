import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { OutboxRow, QuarantineRow, SyncedRow } from './store-types';

/**
 * The IndexedDB layout of one account's vault (lib/vault/STORE.md), and how a database of an older layout
 * is brought up to date. The value types below say what this code writes; what it reads back is checked
 * again (vault-row-shapes.ts), because the disk and older builds are not bound by these types.
 */
export interface VaultDb extends DBSchema {
  /** Records as the server last gave them (the merge base), key = record id. */
  synced: { key: string; value: SyncedRow };
  /** Local changes not accepted by the server yet, one per record id. */
  outbox: { key: string; value: OutboxRow };
  /** Boxes that failed to open, kept aside with the reason. */
  quarantine: { key: string; value: QuarantineRow };
  /** Counters under out-of-line keys (META_KEYS). */
  meta: { key: MetaKey; value: number };
}

export type VaultStoreName = StoreNames<VaultDb>;
export type RowStoreName = Exclude<VaultStoreName, 'meta'>;

export const META_KEYS = {
  /** The head revision of the last complete pull; absent means 0 (pull everything). */
  cursor: 'cursor',
  /** The last outbox seq handed out; absent means 0. */
  seq: 'seq',
  /** The row format the stores hold, written by the upgrade that produced it (see openVaultStore). */
  format: 'format',
} as const;
export type MetaKey = (typeof META_KEYS)[keyof typeof META_KEYS];

export const ALL_STORES: readonly VaultStoreName[] = ['synced', 'outbox', 'quarantine', 'meta'];

type UpgradeStep = (
  db: IDBPDatabase<VaultDb>,
  tx: IDBPTransaction<VaultDb, VaultStoreName[], 'versionchange'>,
) => void;

/**
 * One step per database version: UPGRADE_STEPS[n] takes a database from version n to n + 1. Steps are never
 * edited once released (a device may sit on any old version); a new layout is a new step appended here, and
 * tests/lib/vault/vault-store.browser.test.ts keeps a database built exactly as each old version left it.
 * A step may only use IndexedDB requests on `tx` (no other awaits: the versionchange transaction would
 * commit under it).
 */
const UPGRADE_STEPS: readonly UpgradeStep[] = [
  // 0 → 1: the four stores. Row stores use the record id as in-line key; meta uses out-of-line keys.
  (db) => {
    db.createObjectStore('synced', { keyPath: 'id' });
    db.createObjectStore('outbox', { keyPath: 'id' });
    db.createObjectStore('quarantine', { keyPath: 'id' });
    db.createObjectStore('meta');
  },
];

/** The version this build creates and reads; also the row format written to meta 'format'. */
export const VAULT_DB_VERSION = UPGRADE_STEPS.length;

/** The `upgrade` callback for idb's openDB: runs every step from the stored version to the current one. */
export function upgradeVaultDb(
  db: IDBPDatabase<VaultDb>,
  oldVersion: number,
  newVersion: number | null,
  tx: IDBPTransaction<VaultDb, VaultStoreName[], 'versionchange'>,
): void {
  const target = newVersion ?? VAULT_DB_VERSION;
  for (let version = oldVersion; version < target; version += 1) {
    const step = UPGRADE_STEPS[version];
    if (step === undefined) throw new RangeError(`No upgrade step from vault database version ${version}`);
    step(db, tx);
  }
  // Same transaction as the steps: either the database is at `target` with this format, or neither changed.
  // A failed put aborts the upgrade, and openDB rejects with that error: nothing to handle here.
  tx.objectStore('meta')
    .put(target, META_KEYS.format)
    .catch(() => undefined);
}
