import type { AccountRow, ItemRow, RevokedReason, SessionKind, SessionRow } from './storage';

/**
 * Rows of the accounts, sessions and items tables as a driver returns them, and their mapping to the contract.
 * The two backends store the same columns and differ only in how a time comes back (SQLite: integer ms;
 * PostgreSQL: timestamptz → Date) and a boolean (SQLite: 0/1), so one mapper serves both, given `toDate`.
 */

export interface AccountRecord<Time> {
  id: string;
  email: string;
  created_at: Time;
  opaque_record: string;
  recovery_opaque_record: string | null;
  kdf_memory_kib: number;
  kdf_iterations: number;
  kdf_parallelism: number;
  salt: string;
  wrapped_vault_key: string;
  account_key_for_devices: string | null;
  recovery_wrapped_vault_key: string | null;
  key_epoch: number;
  key_epoch_since: Time;
  revision: number;
}

export interface SessionRecord<Time> {
  id: string;
  account_id: string;
  token_hash: string;
  kind: string;
  device_name: string;
  created_at: Time;
  last_seen_at: Time;
  expires_at: Time;
  revoked_at: Time | null;
  revoked_reason: string | null;
}

export interface ItemRecord<Time> {
  id: string;
  revision: number;
  ciphertext: string | null;
  /** boolean in PostgreSQL, 0/1 in SQLite. */
  deleted: boolean | number;
  updated_at: Time;
}

export function rowMappers<Time>(toDate: (time: Time) => Date) {
  return {
    toAccount(row: AccountRecord<Time>): AccountRow {
      return {
        id: row.id,
        email: row.email,
        createdAt: toDate(row.created_at),
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
          accountKeyForDevices: row.account_key_for_devices,
          recoveryWrappedVaultKey: row.recovery_wrapped_vault_key,
        },
        keyEpoch: row.key_epoch,
        keyEpochSince: toDate(row.key_epoch_since),
        revision: row.revision,
      };
    },
    toSession(row: SessionRecord<Time>): SessionRow {
      return {
        id: row.id,
        accountId: row.account_id,
        tokenHash: row.token_hash,
        kind: row.kind as SessionKind,
        deviceName: row.device_name,
        createdAt: toDate(row.created_at),
        lastSeenAt: toDate(row.last_seen_at),
        expiresAt: toDate(row.expires_at),
        revokedAt: row.revoked_at === null ? null : toDate(row.revoked_at),
        revokedReason: row.revoked_reason as RevokedReason | null,
      };
    },
    toItem(row: ItemRecord<Time>): ItemRow {
      return {
        id: row.id,
        revision: row.revision,
        ciphertext: row.ciphertext,
        deleted: row.deleted === true || row.deleted === 1,
        updatedAt: toDate(row.updated_at),
      };
    },
  };
}
