import type { VaultRecord } from './record-types';

/**
 * The vault on disk (DESIGN §3–§4): everything here is ciphertext or bookkeeping, never plaintext. Four parts:
 *
 * - `synced`: each record exactly as the server last gave it (its revision and AEAD box, or a tombstone). It is
 *   the common base of the three-way merge: what this device and the server last agreed on.
 * - `outbox`: local changes the server has not accepted yet, one row per record (the newest local version
 *   replaces an older unsent one; its `baseRevision` stays the synced revision it was based on).
 * - `quarantine`: boxes that failed to decrypt or authenticate, kept aside with the reason. Never pushed,
 *   never allowed to replace a good `synced` copy.
 * - `meta`: the pull cursor (the head revision of the last complete pull) and the outbox sequence counter.
 *
 * What the user sees for an id: the outbox row if there is one, else the synced row; a quarantined id with
 * neither is shown as damaged.
 */

export interface SyncedRow {
  id: string;
  /** The server's revision for this record (≥ 1). */
  revision: number;
  /** The record's box (lib/vault/record-crypto.ts), or null for a tombstone. */
  box: Uint8Array | null;
}

export interface OutboxRow {
  id: string;
  /** The synced revision this change was made on (0 for a record the server has never had). */
  baseRevision: number;
  /** The new box, or null for a delete. */
  box: Uint8Array | null;
  /** ms since epoch of the local change. */
  changedAt: number;
  /**
   * Assigned by the store, increasing: a push outcome removes the row only if its seq is still the one that was
   * pushed, so an edit made while the push was in flight is not lost.
   */
  seq: number;
}

export type DamageReason =
  /** The box does not authenticate under the vault key (tampered, damaged, or another account's). */
  | 'undecryptable'
  /** It authenticates but is not a valid record (a bug in whichever device wrote it). */
  | 'invalid'
  /** Made by a newer version of Latchkey: update the extension. */
  | 'newer-version';

export interface QuarantineRow {
  id: string;
  /** The revision of the damaged box on the server; 0 when it came from this device's own disk. */
  revision: number;
  box: Uint8Array;
  reason: DamageReason;
  /** ms since epoch. */
  at: number;
  source: 'server' | 'local';
}

/** One atomic change of the vault on disk: one IndexedDB transaction, all or nothing. */
export interface VaultWrite {
  putSynced?: SyncedRow[];
  deleteSynced?: string[];
  /**
   * Rows as given, seq included (the sync engine rewrites a row's baseRevision/box after a merge). A stored row
   * with a HIGHER seq is never replaced: it is a local edit made after the engine read the outbox, and it wins;
   * its next push meets a conflict and is merged then.
   */
  putOutbox?: OutboxRow[];
  /** Removed only if the stored row still has this seq (see OutboxRow.seq); otherwise left alone. */
  deleteOutbox?: Array<{ id: string; seq: number }>;
  putQuarantine?: QuarantineRow[];
  deleteQuarantine?: string[];
  cursor?: number;
}

export interface VaultSnapshot {
  synced: SyncedRow[];
  outbox: OutboxRow[];
  quarantine: QuarantineRow[];
  cursor: number;
}

export interface VaultRows {
  synced: SyncedRow | undefined;
  outbox: OutboxRow | undefined;
  quarantine: QuarantineRow | undefined;
}

/** lib/vault/vault-store.ts implements this over IndexedDB (idb); one database per account. */
export interface VaultStore {
  /** Everything, read in one read-only transaction (unlock, and the view rebuild). */
  snapshot(): Promise<VaultSnapshot>;
  /** The rows for some ids, read in one transaction. */
  rows(ids: readonly string[]): Promise<Map<string, VaultRows>>;
  outbox(): Promise<OutboxRow[]>;
  cursor(): Promise<number>;
  /**
   * A local edit or delete: stored in the outbox with the next seq, in one transaction. When the id already
   * has an outbox row, the new one keeps that row's baseRevision (the change is still based on the same synced
   * version); otherwise the given baseRevision is used.
   */
  addLocalChange(change: Omit<OutboxRow, 'seq'>): Promise<OutboxRow>;
  write(change: VaultWrite): Promise<void>;
  close(): void;
}

/**
 * The record cipher bound to one account and vault key (lib/vault/record-crypto.ts). `open` throws
 * `RecordDamagedError` (lib/vault/record-errors.ts) with a `DamageReason`.
 */
export interface RecordCipher {
  seal(record: VaultRecord): Promise<Uint8Array>;
  open(id: string, box: Uint8Array): Promise<VaultRecord>;
  /**
   * Authenticates both halves and checks the overview, without parsing the details: what a pull needs to know
   * about a record it only stores (it is opened fully when shown or merged). Throws RecordDamagedError.
   */
  check(id: string, box: Uint8Array): Promise<void>;
}
