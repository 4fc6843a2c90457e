import type { AccountRow, ItemRow, RevokedReason, SessionKind, SessionRow } from './storage';

/**
 * Rows as the pg driver returns them (timestamptz → Date, BIGINT → number through the pool's type parser)
 * and their mapping to the contract's types.
 */

export interface AccountRecord {
  id: string;
  email: string;
  created_at: Date;
  opaque_record: string;
  recovery_opaque_record: string | null;
  kdf_memory_kib: number;
  kdf_iterations: number;
  kdf_parallelism: number;
  salt: string;
  wrapped_vault_key: string;
  recovery_wrapped_vault_key: string | null;
  key_epoch: number;
  key_epoch_since: Date;
  revision: number;
}

export interface SessionRecord {
  id: string;
  account_id: string;
  token_hash: string;
  kind: string;
  device_name: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface ItemRecord {
  id: string;
  revision: number;
  ciphertext: string | null;
  deleted: boolean;
  updated_at: Date;
}

export const ACCOUNT_COLUMNS = `id, email, created_at, opaque_record, recovery_opaque_record, kdf_memory_kib,
  kdf_iterations, kdf_parallelism, salt, wrapped_vault_key, recovery_wrapped_vault_key, key_epoch,
  key_epoch_since, revision`;
export const SESSION_COLUMNS = `id, account_id, token_hash, kind, device_name, created_at, last_seen_at,
  expires_at, revoked_at, revoked_reason`;
export const ITEM_COLUMNS = 'id, revision, ciphertext, deleted, updated_at';

/** PostgreSQL BIGINT (int8, OID 20) comes as a string by default: revisions and windows fit a double. */
export const INT8_OID = 20;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} does not fit a JavaScript number`);
  return value;
}

export function toAccount(row: AccountRecord): AccountRow {
  return {
    id: row.id,
    email: row.email,
    createdAt: row.created_at,
    opaqueRecord: row.opaque_record,
    recoveryOpaqueRecord: row.recovery_opaque_record,
    keyset: {
      kdf: {
        memoryKiB: row.kdf_memory_kib,
        iterations: row.kdf_iterations,
        parallelism: row.kdf_parallelism,
      },
      salt: row.salt,
      wrappedVaultKey: row.wrapped_vault_key,
      recoveryWrappedVaultKey: row.recovery_wrapped_vault_key,
    },
    keyEpoch: row.key_epoch,
    keyEpochSince: row.key_epoch_since,
    revision: row.revision,
  };
}

export function toSession(row: SessionRecord): SessionRow {
  return {
    id: row.id,
    accountId: row.account_id,
    tokenHash: row.token_hash,
    kind: row.kind as SessionKind,
    deviceName: row.device_name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason as RevokedReason | null,
  };
}

export function toItem(row: ItemRecord): ItemRow {
  return {
    id: row.id,
    revision: row.revision,
    ciphertext: row.ciphertext,
    deleted: row.deleted,
    updatedAt: row.updated_at,
  };
}
