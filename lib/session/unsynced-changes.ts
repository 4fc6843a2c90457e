import type { UnsyncedChange } from '../messaging/protocol';

/**
 * What sign-out would lose: local changes the server does not have yet. Sign-out refuses while there are any,
 * unless the user confirms (DESIGN §1; mSecure signs out and loses them).
 */
export interface UnsyncedChangesSource {
  list(): Promise<UnsyncedChange[]>;
}

/** One outbox row as the vault describes it; `title` is null when it cannot be read (locked, or damaged). */
export interface UnsentChange {
  id: string;
  title: string | null;
  /** ms since epoch. */
  changedAt: number;
  /** The outbox's order of changes (OutboxRow.seq): two changes in the same millisecond still sort right. */
  seq: number;
  deleted: boolean;
}

/**
 * Unsynced changes are the vault's outbox rows (lib/vault/store-types.ts). Titles are encrypted, so a locked
 * vault can say how many changes and when, not what they are: the placeholder says so rather than inventing a
 * title.
 */
export function outboxUnsyncedChanges(unsent: () => Promise<UnsentChange[]>): UnsyncedChangesSource {
  return {
    list: async () =>
      (await unsent())
        .sort((a, b) => a.seq - b.seq)
        .map((change) => ({
          id: change.id,
          title: describe(change),
          changedAt: new Date(change.changedAt).toISOString(),
        })),
  };
}

function describe({ title, deleted }: UnsentChange): string {
  if (title === null)
    return deleted ? 'A deleted item (unlock to see its title)' : 'An item (unlock to see its title)';
  return deleted ? `${title} (deleted)` : title;
}
