import type { VaultWrite } from './store-types';
import type { VaultStoreName } from './vault-db-schema';
import { counterProblem, outboxRowProblem, quarantineRowProblem, syncedRowProblem } from './vault-row-shapes';

/**
 * Checks a VaultWrite before any of it reaches IndexedDB, and says which object stores its transaction needs.
 * A wrong shape here is a bug in the caller (the sync engine or the background), so it is a TypeError naming
 * the part and index (CONVENTIONS.md: throw at input boundaries); IndexedDB would otherwise store it, and the
 * damage would only show on the next read, far from its cause.
 */
export function checkWrite(change: VaultWrite): VaultStoreName[] {
  const stores = new Set<VaultStoreName>();
  const rows = <T>(
    part: keyof VaultWrite,
    list: readonly T[] | undefined,
    store: VaultStoreName,
    problemOf: (value: T) => string | null,
  ): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new TypeError(`write: ${part} is not an array`);
    list.forEach((item, index) => {
      const problem = problemOf(item);
      if (problem !== null) throw new TypeError(`write: ${part}[${index}]: ${problem}`);
    });
    if (list.length > 0) stores.add(store);
  };

  rows('putSynced', change.putSynced, 'synced', syncedRowProblem);
  rows('deleteSynced', change.deleteSynced, 'synced', idProblem);
  rows('putOutbox', change.putOutbox, 'outbox', outboxRowProblem);
  rows(
    'deleteOutbox',
    change.deleteOutbox,
    'outbox',
    (entry) => idProblem(entry.id) ?? counterProblem(entry.seq),
  );
  rows('putQuarantine', change.putQuarantine, 'quarantine', quarantineRowProblem);
  rows('deleteQuarantine', change.deleteQuarantine, 'quarantine', idProblem);
  // putOutbox may raise meta.seq (see IdbVaultStore.write).
  if ((change.putOutbox?.length ?? 0) > 0) stores.add('meta');
  if (change.cursor !== undefined) {
    const problem = counterProblem(change.cursor);
    if (problem !== null) throw new TypeError(`write: cursor: ${problem}`);
    stores.add('meta');
  }
  return [...stores];
}

function idProblem(id: unknown): string | null {
  return typeof id === 'string' && id.length > 0 ? null : 'id is not a non-empty string';
}
