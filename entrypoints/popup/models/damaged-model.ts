import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { DamagedItem, VaultListing } from '../../../lib/messaging/protocol';
import type { PopupDeps } from './popup-deps';
import type { Task } from './task';

/** A damaged record as the banner lists it: the background's words, and a title when this device knows one. */
export interface DamagedRow {
  item: DamagedItem;
  /** The good copy's title when this device has one; otherwise the record cannot be named (it cannot be read). */
  title: string;
}

export const UNREADABLE_TITLE = 'An item that cannot be read';

/**
 * Damaged records (DESIGN §4, §6: "shown as damaged, with what to do; never synced over good data"). The home
 * screen shows "N damaged items", which opens to each one's message and the two ways out the background offers
 * (`vault.repair`): put this device's good copy back, or delete the record everywhere, the latter only after a
 * confirmation since it cannot be undone.
 */
export function createDamagedModel(options: {
  deps: PopupDeps;
  listing: ReadonlySignal<VaultListing | null>;
  task: Task;
  reload: () => Promise<void>;
}) {
  const { deps, listing, task, reload } = options;
  const expanded = signal(false);
  /** The id whose "Delete it everywhere" waits for the user's confirmation. */
  const confirmingDelete = signal<string | null>(null);
  /** What the last repair did, for a role="status" line. */
  const done = signal<string | null>(null);

  const rows = computed<DamagedRow[]>(() => {
    const current = listing.value;
    if (current === null || current.damaged.length === 0) return [];
    const titles = new Map<string, string>();
    const wanted = new Set(current.damaged.map((item) => item.id));
    for (const item of current.items) if (wanted.has(item.id)) titles.set(item.id, item.title);
    return current.damaged.map((item) => ({ item, title: titles.get(item.id) ?? UNREADABLE_TITLE }));
  });

  async function repair(id: string, action: 'keep-this-device-copy' | 'delete'): Promise<void> {
    const row = rows.value.find((candidate) => candidate.item.id === id);
    if (row === undefined) return;
    confirmingDelete.value = null;
    done.value = null;
    const label = action === 'delete' ? 'Deleting…' : 'Putting this device’s copy back…';
    const answer = await task.run(label, () => deps.send('vault.repair', { id, action }), {
      onFailure: deps.app.followFailure,
    });
    if (answer === null) return;
    done.value =
      action === 'delete'
        ? `Deleted “${row.title}” everywhere.`
        : `Put this device’s copy of “${row.title}” back. It syncs to your other devices next.`;
    await reload();
  }

  return {
    rows,
    expanded,
    confirmingDelete,
    done,
    count: computed(() => rows.value.length),
    toggle() {
      expanded.value = !expanded.value;
    },
    keepThisDeviceCopy(id: string) {
      return repair(id, 'keep-this-device-copy');
    },
    /** First press asks; the confirmation's button calls `confirmDelete`. */
    askDelete(id: string) {
      done.value = null;
      confirmingDelete.value = id;
    },
    cancelDelete() {
      confirmingDelete.value = null;
    },
    confirmDelete() {
      const id = confirmingDelete.value;
      return id === null ? Promise.resolve() : repair(id, 'delete');
    },
  };
}

export type DamagedModel = ReturnType<typeof createDamagedModel>;
