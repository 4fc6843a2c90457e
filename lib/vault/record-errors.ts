import { ITEM_CIPHERTEXT_MAX_BYTES } from '../api/limits';
import type { DamageReason } from './store-types';

/**
 * Why a stored record cannot be shown (DESIGN §4, §6). Thrown by record-crypto.ts `open` and by
 * record-schema.ts `parseRecord`; the vault quarantines the box with `reason` and the popup shows
 * `damageMessage(reason, …)`. Messages name what failed, never a field's value or the box's bytes.
 */
export class RecordDamagedError extends Error {
  override readonly name: string = 'RecordDamagedError';
  constructor(
    readonly reason: DamageReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The box does not authenticate: wrong key, another account or record, tampered, truncated. */
export class RecordUndecryptableError extends RecordDamagedError {
  override readonly name = 'RecordUndecryptableError';
  constructor(message = 'The record does not decrypt under this vault key', options?: ErrorOptions) {
    super('undecryptable', message, options);
  }
}

/** It decrypts but is not a valid record of a version we know (a bug in the device that wrote it). */
export class RecordInvalidError extends RecordDamagedError {
  override readonly name = 'RecordInvalidError';
  constructor(message: string, options?: ErrorOptions) {
    super('invalid', message, options);
  }
}

/** Written by a newer Latchkey (a schemaVersion above RECORD_SCHEMA_VERSION). */
export class RecordNewerVersionError extends RecordDamagedError {
  override readonly name = 'RecordNewerVersionError';
  constructor(readonly schemaVersion: number) {
    super('newer-version', `The record has schema version ${schemaVersion}, newer than this version knows`);
  }
}

/** A record whose box would exceed what the server stores (lib/api/limits.ts); not damage, a refusal to save. */
export class RecordTooLargeError extends Error {
  override readonly name = 'RecordTooLargeError';
  constructor(readonly boxBytes: number) {
    super(`This item is too large (max ${ITEM_CIPHERTEXT_MAX_BYTES / 1024} KiB)`);
  }
}

/**
 * What the popup shows for a damaged item (DESIGN §6: say what happened and what to do). `hasGoodCopy`: this
 * browser still has an intact copy (the damage came from the server), so the user can put it back.
 */
export function damageMessage(reason: DamageReason, hasGoodCopy: boolean): string {
  if (reason === 'newer-version') {
    return 'This item was saved by a newer version of Latchkey. Update the extension to see it.';
  }
  const what =
    reason === 'undecryptable'
      ? 'This item could not be decrypted: it was damaged or changed on the server.'
      : 'This item could not be read: it was saved in a broken form.';
  return hasGoodCopy
    ? `${what} This browser still has a good copy: put it back on the server.`
    : `${what} Open Latchkey on another device where it is intact, or restore it from a backup.`;
}
