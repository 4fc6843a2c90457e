import * as v from 'valibot';
import { base64url } from '../api/fields';
import { fromBase64url, toBase64url } from '../encoding/base64url';

/**
 * What an unlocked device holds (DESIGN §3: in memory and storage.session only). The login secret is kept so
 * the background can log in again silently when the session expires, without asking for the password: it is
 * no more powerful than the vault key next to it (both come from the password and the Account Key).
 */
export interface UnlockedKeys {
  vaultKey: Uint8Array;
  loginSecret: Uint8Array;
}

/** The keys as JSON for storage.session (trusted contexts only); validated when read back. */
export const StoredKeysSchema = v.strictObject({ vaultKey: base64url(32), loginSecret: base64url(32) });
export type StoredKeys = v.InferOutput<typeof StoredKeysSchema>;

export function storeKeys(keys: UnlockedKeys): StoredKeys {
  return v.parse(StoredKeysSchema, {
    vaultKey: toBase64url(keys.vaultKey),
    loginSecret: toBase64url(keys.loginSecret),
  });
}

export function restoreKeys(stored: StoredKeys): UnlockedKeys {
  return { vaultKey: fromBase64url(stored.vaultKey), loginSecret: fromBase64url(stored.loginSecret) };
}
