import { openDB } from 'idb';
import { afterEach } from 'vitest';
import type { OutboxRow, QuarantineRow, SyncedRow, VaultStore } from '../../../lib/vault/store-types';
import { deleteVaultStore, openVaultStore } from '../../../lib/vault/vault-store';

/**
 * Helpers for the vault store tests (vault-store.browser.test.ts over Chromium's IndexedDB,
 * vault-store.node.test.ts over fake-indexeddb). Every database a test names is deleted after it.
 */

const names = new Set<string>();

/** A fresh database name, deleted after the test. */
export function dbName(label = 'vault'): string {
  const name = `latchkey-test-${label}-${crypto.randomUUID()}`;
  names.add(name);
  return name;
}

export async function openFresh(label?: string): Promise<{ name: string; store: VaultStore }> {
  const name = dbName(label);
  return { name, store: await openVaultStore(name) };
}

/** Registers the clean-up: call once at the top level of a test file. */
export function deleteDatabasesAfterEach(): void {
  afterEach(async () => {
    for (const name of names) await deleteVaultStore(name, { blockedTimeoutMs: 2_000 });
    names.clear();
  });
}

/** Box bytes: `length` bytes counting up from `seed`, so two boxes differ and any byte error shows. */
export function box(seed: number, length = 48): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (seed + index) & 0xff);
}

export const synced = (id: string, revision: number, seed: number | null = revision): SyncedRow => ({
  id,
  revision,
  box: seed === null ? null : box(seed),
});

export const outboxRow = (
  id: string,
  seq: number,
  baseRevision = 0,
  seed: number | null = seq,
): OutboxRow => ({
  id,
  baseRevision,
  box: seed === null ? null : box(seed),
  changedAt: 1_700_000_000_000 + seq,
  seq,
});

export const quarantined = (id: string, revision: number): QuarantineRow => ({
  id,
  revision,
  box: box(200 + revision),
  reason: 'undecryptable',
  at: 1_700_000_000_000,
  source: 'server',
});

/** Puts a raw value into a store, bypassing every check (disk damage, or a bug in an older build). */
export async function putRaw(name: string, store: string, value: unknown, key?: string): Promise<void> {
  const db = await openDB(name);
  try {
    await db.put(store, value, key);
  } finally {
    db.close();
  }
}

/** The names of the databases that exist in this origin (IDBFactory.databases, Chromium and fake-indexeddb). */
export async function existingDatabases(): Promise<string[]> {
  return (await indexedDB.databases()).flatMap((info) => (info.name === undefined ? [] : [info.name]));
}

/** The rejection of a promise that must reject (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, and it resolved');
}

/** A Uint8Array whose buffer has been transferred away: IndexedDB cannot clone it (DataCloneError). */
export function detachedBox(): Uint8Array {
  const bytes = box(9, 700);
  structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
  return bytes;
}
