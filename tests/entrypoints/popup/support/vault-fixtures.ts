import type {
  DamagedItem,
  SyncStatus,
  VaultListing,
  VaultListItem,
} from '../../../../lib/messaging/protocol';

/** Record ids are UUIDs (protocol RecordId); these are stable per number so tests can name them. */
export function recordId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

let next = 1;

/** A list row with sensible defaults: a login with no URL, not favourite, synced. */
export function listItem(fields: Partial<VaultListItem> & Pick<VaultListItem, 'title'>): VaultListItem {
  return {
    id: recordId(next++),
    type: 'login',
    subtitle: '',
    urls: [],
    tags: [],
    favorite: false,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    conflict: null,
    pending: false,
    ...fields,
  };
}

export function login(title: string, username: string, url: string, extra: Partial<VaultListItem> = {}) {
  return listItem({ title, subtitle: username, urls: [{ url, match: 'base-domain' }], ...extra });
}

export const SYNCED: SyncStatus = {
  syncing: false,
  lastSuccessAt: '2026-11-21T10:00:00.000Z',
  pending: 0,
  damaged: 0,
  lastError: null,
  nextRetryAt: null,
};

export function listing(
  items: VaultListItem[],
  extra: { damaged?: DamagedItem[]; sync?: Partial<SyncStatus> } = {},
): VaultListing {
  return { items, total: items.length, damaged: extra.damaged ?? [], sync: { ...SYNCED, ...extra.sync } };
}

export function damagedItem(id: string, extra: Partial<DamagedItem> = {}): DamagedItem {
  return {
    id,
    reason: 'undecryptable',
    message: 'This item could not be decrypted. Put this device’s copy back, or delete it.',
    hasGoodCopy: false,
    source: 'server',
    at: '2026-11-21T09:00:00.000Z',
    ...extra,
  };
}

const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett'];

/** n generated rows (a quarter each type, every tenth favourite, every seventh tagged "work"): bench-like data. */
export function generatedItems(n: number): VaultListItem[] {
  const types = ['login', 'note', 'card', 'identity'] as const;
  return Array.from({ length: n }, (_, i) => {
    const type = types[i % 4] ?? 'login';
    const word = WORDS[i % WORDS.length] ?? 'Alpha';
    const other = WORDS[(i * 7 + 3) % WORDS.length] ?? 'Bravo';
    return listItem({
      id: recordId(100_000 + i),
      type,
      title: `${word} ${other} ${i}`,
      subtitle:
        type === 'login'
          ? `user${i}@mail${i % 13}.example`
          : type === 'card'
            ? `•••• ${1000 + (i % 9000)}`
            : '',
      urls: type === 'login' ? [{ url: `https://www.site${i}.example/login`, match: 'base-domain' }] : [],
      tags: i % 7 === 0 ? ['work'] : [],
      favorite: i % 10 === 0,
    });
  });
}
