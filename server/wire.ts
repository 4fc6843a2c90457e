import type { ResponseWire } from '../lib/api/endpoints';
import type { AccountRow, ItemRow, KeysetRow } from './storage/storage';

/**
 * Storage rows → the wire shapes of lib/api (Dates as ISO strings, nothing the endpoint does not define).
 * The recovery wrap is left out of the ordinary keyset on purpose: only a recovery login hands it out.
 */
type Grant = ResponseWire<'loginFinish'>;
type WireItem = ResponseWire<'pull'>['items'][number];

export function keysetWire(keyset: KeysetRow): Grant['keyset'] {
  return {
    kdf: { ...keyset.kdf },
    salt: keyset.salt,
    wrappedVaultKey: keyset.wrappedVaultKey,
    // null only for an account created before the box existed (storage migration 2) and not re-keyed since.
    accountKeyForDevices: keyset.accountKeyForDevices,
  };
}

export function sessionGrantWire(account: AccountRow, token: string, expiresAt: Date): Grant {
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    accountId: account.id,
    email: account.email,
    keyset: keysetWire(account.keyset),
    keyEpoch: account.keyEpoch,
    keyEpochSince: account.keyEpochSince.toISOString(),
    hasRecovery: account.recoveryOpaqueRecord !== null,
  };
}

export function itemWire(item: ItemRow): WireItem {
  return {
    id: item.id,
    revision: item.revision,
    ciphertext: item.ciphertext,
    deleted: item.deleted,
    updatedAt: item.updatedAt.toISOString(),
  };
}
