import type { ItemChange, PullResponse, PushResponse } from '../api/items';
import type { RecordCipher, VaultStore } from '../vault/store-types';

/**
 * The sync engine's contract (DESIGN §4; lib/sync/PROTOCOL.md): one pass pulls every page since the cursor,
 * merges what collides with local changes, quarantines what does not open, then pushes the outbox in batches
 * and merges the conflicts the server answers, until the outbox is empty or a round limit is reached.
 */

/** The two endpoints, already bound to this device's session (lib/api `pull` / `push`). Errors are ApiErrors. */
export interface SyncServer {
  pull(since: number, limit: number): Promise<PullResponse>;
  push(changes: ItemChange[]): Promise<PushResponse>;
}

export interface SyncEngineDeps {
  store: VaultStore;
  cipher: RecordCipher;
  server: SyncServer;
  /** ms since epoch. */
  now(): number;
  /** A new random record id (UUID v4) for conflict copies. */
  newId(): string;
}

export interface SyncReport {
  /** Every id whose visible version may have changed (the background's list view updates exactly these). */
  changedIds: string[];
  /** Items received and changes accepted. */
  pulled: number;
  pushed: number;
  /** Ids of the conflict copies this pass made. */
  conflictCopies: string[];
  /** Ids quarantined by this pass. */
  quarantined: string[];
  /** The server's head revision at the end. */
  headRevision: number;
  /** Outbox rows still waiting (a change made during the pass, or the round limit). */
  pending: number;
}
