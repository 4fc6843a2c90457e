import type { ItemChange } from './storage';

/**
 * Input checks shared by both implementations. The HTTP layer validates requests; these catch a caller's
 * bug at the storage boundary (TypeError/RangeError, CONVENTIONS.md) before it can reach SQL. The tombstone
 * rule (deleted ⇔ no ciphertext) is left to the schema's CHECK constraint, its single source of truth: a
 * change that breaks it fails its whole batch.
 */

export function checkPull(since: number, limit: number): void {
  if (!Number.isSafeInteger(since) || since < 0) throw new RangeError(`pull: bad since ${since}`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`pull: bad limit ${limit}`);
}

export function checkPush(changes: readonly ItemChange[]): void {
  for (const change of changes) {
    if (typeof change.id !== 'string' || change.id === '')
      throw new TypeError('push: item id must be a string');
    if (!Number.isSafeInteger(change.baseRevision) || change.baseRevision < 0) {
      throw new RangeError(`push: bad baseRevision ${change.baseRevision} for item ${change.id}`);
    }
  }
}

/** The Recovery Kit's OPAQUE record and its vault-key wrap are useless apart: set or remove both. */
export function checkRecoveryPair(opaqueRecord: string | null, wrappedVaultKey: string | null): void {
  if ((opaqueRecord === null) !== (wrappedVaultKey === null)) {
    throw new TypeError(
      'recovery OPAQUE record and recovery vault-key wrap must both be set or both be null',
    );
  }
}

export function checkWindow(windowMs: number): void {
  if (!Number.isSafeInteger(windowMs) || windowMs < 1)
    throw new RangeError(`bad rate-limit window ${windowMs}`);
}
