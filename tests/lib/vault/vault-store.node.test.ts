import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import {
  toVaultStoreError,
  VaultStoreClosedError,
  VaultStoreIoError,
  VaultStoreNewerVersionError,
  VaultStoreQuotaError,
} from '../../../lib/vault/vault-store-errors';
import { vaultStoreCases } from './vault-store-cases';

// The same behaviour as in Chromium, over fake-indexeddb: the sync engine's multi-device tests run many
// "devices" in one Node process on this (lib/sync, tests/lib/sync). Never use it for timings (TOOLCHAIN.md).
describe('vault store in Node (fake-indexeddb)', () => {
  vaultStoreCases();
});

describe('what IndexedDB throws becomes a typed error with a plain message', () => {
  test('QuotaExceededError: "disk full?"', () => {
    const error = toVaultStoreError(new DOMException('quota', 'QuotaExceededError'), null);
    expect(error).toBeInstanceOf(VaultStoreQuotaError);
    expect(error.message).toBe('The browser refused to store the vault: disk full?');
    expect(error.cause).toBeInstanceOf(DOMException);
  });

  test('VersionError, InvalidStateError on a closed store, anything else', () => {
    expect(toVaultStoreError(new DOMException('v', 'VersionError'), null)).toBeInstanceOf(
      VaultStoreNewerVersionError,
    );
    expect(toVaultStoreError(new DOMException('s', 'InvalidStateError'), 'version-change')).toEqual(
      new VaultStoreClosedError('version-change'),
    );
    const other = toVaultStoreError(new DOMException('disk said no: row 42 content', 'UnknownError'), null);
    expect(other).toBeInstanceOf(VaultStoreIoError);
    // The browser's own message may say anything; it stays in `cause`, out of what the user is shown.
    expect(other.message).not.toContain('row 42');
  });

  test("caller bugs and the store's own errors pass through unchanged", () => {
    const bug = new TypeError('write: putSynced[0]: id is not a non-empty string');
    expect(toVaultStoreError(bug, null)).toBe(bug);
    const closed = new VaultStoreClosedError('closed');
    expect(toVaultStoreError(closed, 'closed')).toBe(closed);
  });
});
