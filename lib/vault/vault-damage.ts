import type { QuarantineRow, VaultWrite } from './store-types';
import { VaultItemNotFoundError } from './vault-errors';
import type { VaultSession } from './vault-session';
import type { UnreadableBox } from './vault-view';

/**
 * Damaged records in the open vault (DESIGN §4: "quarantined: shown as damaged with the reason, never pushed,
 * never allowed to overwrite a good copy, recoverable from another device or a backup"). The sync engine
 * quarantines what the server sends that does not open (source 'server'); this file quarantines what does not
 * open from this browser's own disk (source 'local') and carries out the user's repair.
 *
 * A quarantine row's `revision` is the server revision of the damaged version: the server's for source
 * 'server', the synced row's for a damaged synced copy, 0 for a damaged unsent local change.
 */

/**
 * A damaged record (DESIGN §4: recoverable from another device). keep-this-device-copy: this browser's good
 * version goes to the server over the damaged revision. delete: the record is deleted everywhere, based on the
 * damaged revision. Either way the quarantine row goes and the next sync sends the outbox row.
 */
export async function repairDamaged(
  vault: VaultSession,
  id: string,
  action: 'keep-this-device-copy' | 'delete',
): Promise<void> {
  const rows = (await vault.store.rows([id])).get(id);
  const damaged = rows?.quarantine;
  if (damaged === undefined) throw new VaultItemNotFoundError('This item is not damaged.');
  const now = vault.deps.now();
  const good = vault.view.item(id) ? await vault.get(id) : null;
  if (action === 'keep-this-device-copy') {
    if (good === null)
      throw new VaultItemNotFoundError('This browser has no good copy of this item to put back.');
    if (damaged.source === 'local') {
      // The damaged box was an unsent local change: the good copy shown is the server's, nothing to send.
      await vault.store.write({ deleteQuarantine: [id] });
    } else {
      const row = await vault.store.addLocalChange({
        id,
        baseRevision: damaged.revision,
        box: await vault.cipher.seal(good),
        changedAt: now,
      });
      await vault.store.write({
        putOutbox: [{ ...row, baseRevision: damaged.revision }],
        deleteQuarantine: [id],
      });
    }
  } else {
    const base =
      damaged.source === 'server' || good === null ? damaged.revision : (rows?.synced?.revision ?? 0);
    if (good === null && base === 0) {
      await vault.store.write({ deleteQuarantine: [id] });
    } else {
      const row = await vault.store.addLocalChange({ id, baseRevision: base, box: null, changedAt: now });
      await vault.store.write({ putOutbox: [{ ...row, baseRevision: base }], deleteQuarantine: [id] });
    }
  }
  await vault.refresh([id]);
}

/**
 * Visible boxes that do not open on this device's own disk: kept aside (source 'local') instead of shown as
 * garbage or pushed. A damaged synced copy is dropped and the cursor lowered below its revision, so the next
 * pull fetches the server's intact copy (which then replaces the quarantine row); a damaged outbox row (an
 * unsent edit) is dropped from the outbox so it is never pushed, and the synced version shows again. An id
 * already quarantined from the server keeps that row (it says what the server holds, which repair needs).
 */
export async function quarantineUnreadable(
  vault: VaultSession,
  unreadable: UnreadableBox[],
  cursor: number,
): Promise<void> {
  const at = vault.deps.now();
  const change: Required<Pick<VaultWrite, 'putQuarantine' | 'deleteSynced' | 'deleteOutbox'>> = {
    putQuarantine: [],
    deleteSynced: [],
    deleteOutbox: [],
  };
  let lowered = cursor;
  for (const { id, reason, from } of unreadable) {
    const box = from.row.box;
    if (box === null) continue;
    const row: QuarantineRow = { id, reason, box, at, source: 'local', revision: 0 };
    if (from.kind === 'synced') {
      row.revision = from.row.revision;
      change.deleteSynced.push(id);
      lowered = Math.min(lowered, from.row.revision - 1);
    } else {
      change.deleteOutbox.push({ id, seq: from.row.seq });
    }
    const existing = vault.view.quarantined(id);
    if (existing === undefined) {
      change.putQuarantine.push(row);
      vault.view.quarantine(row);
    }
  }
  await vault.store.write({ ...change, ...(lowered < cursor ? { cursor: lowered } : {}) });
  // A dropped outbox row uncovers the synced version underneath: show it (a second failure is quarantined too).
  const uncovered = unreadable.filter((entry) => entry.from.kind === 'outbox').map((entry) => entry.id);
  if (uncovered.length > 0) await vault.refresh(uncovered);
}
