import { randomBytes, randomUUID } from 'node:crypto';
import type { NewAccount, SessionRow } from '../../../server/storage/storage';

/** Random base64url, standing in for the opaque binary values the server stores. */
export function blob(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Whole milliseconds: both backends store ms precision. */
export function at(ms: number): Date {
  return new Date(ms);
}

export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

/** The devices' Account Key box: an AEAD box (29 bytes of overhead) of the 20-byte Account Key. */
export const DEVICE_BOX_BYTES = 49;

export function newAccount(overrides: Partial<NewAccount> = {}): NewAccount {
  const id = randomUUID();
  return {
    id,
    email: `user-${id.slice(0, 8)}@example.com`,
    createdAt: at(T0),
    opaqueRecord: blob(192),
    recoveryOpaqueRecord: null,
    keyset: {
      kdf: { memoryKiB: 65_536, iterations: 3, parallelism: 1 },
      salt: blob(16),
      wrappedVaultKey: blob(72),
      accountKeyForDevices: blob(DEVICE_BOX_BYTES),
      recoveryWrappedVaultKey: null,
    },
    keyEpoch: 1,
    keyEpochSince: at(T0),
    ...overrides,
  };
}

export function newSession(accountId: string, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: randomUUID(),
    accountId,
    tokenHash: blob(32),
    kind: 'full',
    deviceName: 'Firefox on Linux',
    createdAt: at(T0),
    lastSeenAt: at(T0),
    expiresAt: at(T0 + 30 * 86_400_000),
    revokedAt: null,
    revokedReason: null,
    ...overrides,
  };
}
