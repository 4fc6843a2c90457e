import { describe, expect, test } from 'vitest';
import { damageMessage, RecordUndecryptableError } from '../../../lib/vault/record-errors';
import type { RecordOverview } from '../../../lib/vault/record-types';
import type { VaultRows } from '../../../lib/vault/store-types';
import { VaultView, type OverviewOpener } from '../../../lib/vault/vault-view';

/**
 * The in-memory list with a stand-in for the overview decryption (the real one is tested in
 * record-crypto.test.ts and end to end in tests/lib/session/vault-*.node.test.ts): a box is the UTF-8 title,
 * and the box "BAD" does not open.
 */

const box = (title: string) => new TextEncoder().encode(title);

function overview(id: string, title: string): RecordOverview {
  return {
    id,
    type: 'note',
    title,
    subtitle: '',
    urls: [],
    tags: [],
    favorite: false,
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    conflict: null,
  };
}

const opener: OverviewOpener = (rows) =>
  Promise.resolve(
    rows.map(({ id, box: bytes }) => {
      const title = new TextDecoder().decode(bytes);
      return title === 'BAD' ? new RecordUndecryptableError() : overview(id, title);
    }),
  );

const snapshot = {
  synced: [
    { id: 'a', revision: 1, box: box('A synced') },
    { id: 'b', revision: 2, box: box('B synced') },
    { id: 'c', revision: 3, box: null },
    { id: 'd', revision: 4, box: box('BAD') },
    { id: 'e', revision: 5, box: box('E synced') },
  ],
  outbox: [
    { id: 'a', baseRevision: 1, box: box('A edited'), changedAt: 1, seq: 1 },
    { id: 'b', baseRevision: 2, box: null, changedAt: 2, seq: 2 },
    { id: 'n', baseRevision: 0, box: box('New'), changedAt: 3, seq: 3 },
  ],
  quarantine: [
    {
      id: 'e',
      revision: 6,
      box: box('x'),
      reason: 'undecryptable' as const,
      at: 0,
      source: 'server' as const,
    },
    { id: 'q', revision: 7, box: box('x'), reason: 'invalid' as const, at: 0, source: 'server' as const },
  ],
  cursor: 7,
};

describe('VaultView', () => {
  test('shows the outbox version over the synced one, hides deletes and tombstones, reports unreadable boxes', async () => {
    const view = new VaultView(opener);
    const unreadable = await view.load(snapshot);
    expect(unreadable).toEqual([
      { id: 'd', reason: 'undecryptable', from: { kind: 'synced', row: snapshot.synced[3] } },
    ]);
    const { items, damaged } = view.list();
    expect(items.map((item) => [item.id, item.title, item.pending]).sort()).toEqual([
      ['a', 'A edited', true],
      ['e', 'E synced', false],
      ['n', 'New', true],
    ]);
    expect(damaged).toEqual([
      {
        id: 'e',
        reason: 'undecryptable',
        message: damageMessage('undecryptable', true),
        hasGoodCopy: true,
        source: 'server',
        at: '1970-01-01T00:00:00.000Z',
      },
      {
        id: 'q',
        reason: 'invalid',
        message: damageMessage('invalid', false),
        hasGoodCopy: false,
        source: 'server',
        at: '1970-01-01T00:00:00.000Z',
      },
    ]);
    // a, b (a delete) and n wait in the outbox.
    expect(view.pendingCount).toBe(3);
    expect(view.damagedCount).toBe(2);
  });

  test('the same arrays are answered until something changes', async () => {
    const view = new VaultView(opener);
    await view.load(snapshot);
    const first = view.list();
    expect(view.list()).toBe(first);
    view.put(overview('z', 'Zed'));
    const second = view.list();
    expect(second).not.toBe(first);
    expect(second.items.map((item) => item.id)).toContain('z');
    view.remove('z');
    expect(view.list().items.map((item) => item.id)).not.toContain('z');
  });

  test('refresh applies the store rows, but never over a local edit made while it read', async () => {
    const view = new VaultView(opener);
    await view.load(snapshot);
    const stale = new Map<string, VaultRows>([
      [
        'a',
        {
          synced: { id: 'a', revision: 8, box: box('A from sync') },
          outbox: undefined,
          quarantine: undefined,
        },
      ],
      ['n', { synced: { id: 'n', revision: 9, box: box('New') }, outbox: undefined, quarantine: undefined }],
      [
        'e',
        {
          synced: { id: 'e', revision: 10, box: box('E repaired') },
          outbox: undefined,
          quarantine: undefined,
        },
      ],
    ]);
    await view.refresh(['a', 'n', 'e'], (ids) => {
      expect(ids).toEqual(['a', 'n', 'e']);
      // The user saves 'a' while the sync's rows are read and opened.
      view.put(overview('a', 'A saved meanwhile'));
      return Promise.resolve(stale);
    });
    const byId = new Map(view.list().items.map((item) => [item.id, item]));
    expect(byId.get('a')).toMatchObject({ title: 'A saved meanwhile', pending: true });
    expect(byId.get('n')).toMatchObject({ title: 'New', pending: false });
    expect(byId.get('e')).toMatchObject({ title: 'E repaired', pending: false });
    expect(view.list().damaged.map((item) => item.id)).toEqual(['q']);
    // a (saved meanwhile) and b (the delete) still wait.
    expect(view.pendingCount).toBe(2);
  });
});

describe('VaultView: order', () => {
  test('lists items by title as people read them (case, accents, numbers), ties by id', async () => {
    const titles = ['site 10', 'Site 2', 'Éclair', 'eclair', 'apple', 'Banana'];
    const view = new VaultView(opener);
    await view.load({
      synced: titles.map((title, i) => ({ id: `id-${5 - i}`, revision: i + 1, box: box(title) })),
      outbox: [],
      quarantine: [],
      cursor: 6,
    });
    expect(view.list().items.map((item) => item.title)).toEqual([
      'apple',
      'Banana',
      // Equal for the collator (base sensitivity): by id, and 'id-2' < 'id-3'.
      'eclair',
      'Éclair',
      'Site 2',
      'site 10',
    ]);
  });
});
