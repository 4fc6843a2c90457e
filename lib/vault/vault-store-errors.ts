/**
 * The ways the vault on disk (vault-store.ts) can fail, as typed errors with a stable `code` and a message
 * written for the user. Messages name the object store and the record id at most, never a row's content.
 * Bugs in the caller (a row of the wrong shape handed to `write`) stay `TypeError`s (CONVENTIONS.md).
 */
export abstract class VaultStoreError extends Error {
  abstract readonly code: string;
}

/** A row read back has the wrong shape: disk damage, or a bug in whatever wrote it. */
export class VaultStoreCorruptError extends VaultStoreError {
  override readonly name = 'VaultStoreCorruptError';
  readonly code = 'vault-corrupt';
  constructor(
    readonly store: string,
    readonly key: string,
    readonly problem: string,
  ) {
    super(
      `The vault on this device is damaged (${store} "${key}": ${problem}). ` +
        'Sign out and in again to download it from the server.',
    );
  }
}

export type ClosedReason = 'closed' | 'version-change' | 'terminated';

/**
 * The connection is gone: this code closed it, another context deleted or upgraded the database
 * ('versionchange'), or the browser dropped it. Later calls fail with this instead of hanging.
 */
export class VaultStoreClosedError extends VaultStoreError {
  override readonly name = 'VaultStoreClosedError';
  readonly code = 'vault-closed';
  constructor(readonly reason: ClosedReason) {
    super(
      reason === 'closed'
        ? 'The vault on this device was closed.'
        : 'The vault on this device was closed by another Latchkey window (deleted or updated). Try again.',
    );
  }
}

/** The browser refused to write: QuotaExceededError (disk full, or the profile's storage quota reached). */
export class VaultStoreQuotaError extends VaultStoreError {
  override readonly name = 'VaultStoreQuotaError';
  readonly code = 'vault-quota';
  constructor(options?: ErrorOptions) {
    super('The browser refused to store the vault: disk full?', options);
  }
}

/** Deleting (or upgrading) the database waited too long for another context to let go of it. */
export class VaultStoreBlockedError extends VaultStoreError {
  override readonly name = 'VaultStoreBlockedError';
  readonly code = 'vault-blocked';
  constructor(readonly waitedMs: number) {
    super(
      'The vault is still open in another Latchkey window or tab, so it cannot be changed now. ' +
        'Close the other Latchkey pages and try again.',
    );
  }
}

/** The database was created by a newer Latchkey (IndexedDB VersionError, or a newer row format). */
export class VaultStoreNewerVersionError extends VaultStoreError {
  override readonly name = 'VaultStoreNewerVersionError';
  readonly code = 'vault-newer-version';
  constructor(options?: ErrorOptions) {
    super(
      'The vault on this device was written by a newer version of Latchkey: update the extension.',
      options,
    );
  }
}

/** Any other failure IndexedDB reports (UnknownError, a disk read error, DataCloneError...). */
export class VaultStoreIoError extends VaultStoreError {
  override readonly name = 'VaultStoreIoError';
  readonly code = 'vault-io';
  constructor(
    /** The DOMException's name, e.g. 'UnknownError'; its message stays in `cause`. */
    readonly domName: string,
    options?: ErrorOptions,
  ) {
    super(`The browser could not read or write the vault on this device (${domName}). Try again.`, options);
  }
}

/** Turns what IndexedDB threw into a typed error; our own errors and caller bugs pass through. */
export function toVaultStoreError(error: unknown, closedReason: ClosedReason | null): Error {
  if (error instanceof VaultStoreError || error instanceof TypeError || error instanceof RangeError) {
    return error;
  }
  const name = error instanceof Error || error instanceof DOMException ? error.name : 'UnknownError';
  switch (name) {
    case 'QuotaExceededError':
      return new VaultStoreQuotaError({ cause: error });
    case 'VersionError':
      return new VaultStoreNewerVersionError({ cause: error });
    case 'InvalidStateError':
      // db.transaction() on a connection the browser or another context closed under us.
      if (closedReason !== null) return new VaultStoreClosedError(closedReason);
      return new VaultStoreIoError(name, { cause: error });
    default:
      return new VaultStoreIoError(name, { cause: error });
  }
}
