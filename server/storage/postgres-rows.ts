import {
  rowMappers,
  type AccountRecord as Account,
  type ItemRecord as Item,
  type SessionRecord as Session,
} from './rows';

/**
 * Rows as the pg driver returns them (timestamptz → Date, BIGINT → number through the pool's type parser);
 * the mapping to the contract is shared with SQLite (rows.ts).
 */

export type AccountRecord = Account<Date>;
export type SessionRecord = Session<Date>;
export type ItemRecord = Item<Date>;

export const ACCOUNT_COLUMNS = `id, email, created_at, opaque_record, recovery_opaque_record, kdf_memory_kib,
  kdf_iterations, kdf_parallelism, salt, wrapped_vault_key, account_key_for_devices, recovery_wrapped_vault_key,
  key_epoch, key_epoch_since, revision`;
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

export const { toAccount, toSession, toItem } = rowMappers<Date>((date) => date);
