import type { UnsyncedChange } from '../messaging/protocol';

/**
 * What sign-out would lose: local changes the server does not have yet. Sign-out refuses while there are any,
 * unless the user confirms (DESIGN §1; mSecure signs out and loses them).
 */
export interface UnsyncedChangesSource {
  list(): Promise<UnsyncedChange[]>;
}

/**
 * Until the vault exists (issue 5), this device cannot hold a change the server lacks, so the honest answer is
 * "none". Issue 5 replaces this with a source that reads the vault's outbox; the background wires it in one
 * place (entrypoints/background/index.ts).
 */
export const noVaultYetUnsyncedChanges: UnsyncedChangesSource = {
  list: () => Promise.resolve([]),
};
