/**
 * What a vault operation refuses, as typed errors the background's handlers turn into protocol failures
 * (lib/session/handlers/vault.ts). Messages are written for the user and never carry a record's content.
 */

/** The id is not in the vault (never was, deleted, or not a conflict copy any more): protocol 'not-found'. */
export class VaultItemNotFoundError extends Error {
  override readonly name = 'VaultItemNotFoundError';
  constructor(message = 'This item is not in the vault (it may have been deleted on another device).') {
    super(message);
  }
}

/** A request that cannot apply to this item as it stands: protocol 'invalid-record'. */
export class VaultItemRefusedError extends Error {
  override readonly name = 'VaultItemRefusedError';
}
