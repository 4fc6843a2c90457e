import type { AccountRow, ItemRow, RevokedReason, SessionKind, SessionRow } from './storage';

/** Rows as better-sqlite3 returns them (times in integer ms, booleans 0/1) and their mapping to the contract. */

export interface AccountRecord {
  id: string;
  email: string;
  created_at: number;
  opaque_record: string;
  recovery_opaque_record: string | null;
  kdf_memory_kib: number;
  kdf_iterations: number;
  kdf_parallelism: number;
  salt: string;
  wrapped_vault_key: string;
  recovery_wrapped_vault_key: string | null;
  key_epoch: number;
  key_epoch_since: number;
  revision: number;
}

export interface SessionRecord {
  id: string;
  account_id: string;
  token_hash: string;
  kind: string;
  device_name: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

export interface ItemRecord {
  id: string;
  revision: number;
  ciphertext: string | null;
  deleted: number;
  updated_at: number;
}

export interface SignupAttemptRecord {
  id: string;
  account_id: string;
  email: string;
  expires_at: number;
}

export interface LoginAttemptRecord {
  id: string;
  account_id: string | null;
  kind: string;
  server_login_state: string;
  expires_at: number;
}

export interface ResetCodeRecord {
  account_id: string;
  code_hash: string;
  expires_at: number;
  attempts: number;
}

export function toAccount(row: AccountRecord): AccountRow {
  return {
    id: row.id,
    email: row.email,
    createdAt: new Date(row.created_at),
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
    keyEpochSince: new Date(row.key_epoch_since),
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
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    revokedReason: row.revoked_reason as RevokedReason | null,
  };
}

export function toItem(row: ItemRecord): ItemRow {
  return {
    id: row.id,
    revision: row.revision,
    ciphertext: row.ciphertext,
    deleted: row.deleted === 1,
    updatedAt: new Date(row.updated_at),
  };
}
