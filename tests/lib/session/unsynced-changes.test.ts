import { describe, expect, test } from 'vitest';
import { outboxUnsyncedChanges } from '../../../lib/session/unsynced-changes';

describe('outboxUnsyncedChanges', () => {
  test('lists changes in the order they were made (outbox seq), also within one millisecond', async () => {
    const at = Date.parse('2026-11-21T10:00:00.000Z');
    const source = outboxUnsyncedChanges(async () => [
      // The outbox reads back in id order; the seq is the order of the changes.
      { id: 'a-bank', title: 'Bank', changedAt: at, seq: 7, deleted: true },
      { id: 'z-diary', title: 'Diary', changedAt: at, seq: 6, deleted: false },
      { id: 'm-locked', title: null, changedAt: at - 5, seq: 2, deleted: false },
    ]);
    expect((await source.list()).map((change) => change.title)).toEqual([
      'An item (unlock to see its title)',
      'Diary',
      'Bank (deleted)',
    ]);
  });
});
