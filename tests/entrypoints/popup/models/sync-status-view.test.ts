import { describe, expect, test } from 'vitest';
import type { SyncStatus } from '../../../../lib/messaging/protocol';
import {
  describeSync,
  lastSyncWords,
  retryWords,
} from '../../../../entrypoints/popup/models/sync-status-view';

// Local time, so the "Next try at 14:05" rows hold in any time zone the tests run in.
const NOW = new Date(2026, 10, 21, 13, 0, 0).getTime();
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const later = (ms: number) => new Date(NOW + ms).toISOString();
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

const BASE: SyncStatus = {
  syncing: false,
  lastSuccessAt: ago(5 * MIN),
  pending: 0,
  damaged: 0,
  lastError: null,
  nextRetryAt: null,
};

describe('lastSyncWords', () => {
  test.each([
    [null, 'Not synced yet'],
    ['not a date', 'Not synced yet'],
    [ago(0), 'Synced just now'],
    [ago(44 * S), 'Synced just now'],
    [later(3 * S), 'Synced just now'], // the background's clock a little ahead
    [ago(50 * S), 'Synced 1 min ago'],
    [ago(5 * MIN), 'Synced 5 min ago'],
    [ago(59 * MIN), 'Synced 59 min ago'],
    [ago(H), 'Synced 1 h ago'],
    [ago(23 * H + 59 * MIN), 'Synced 23 h ago'],
  ])('%s → %s', (at, words) => {
    expect(lastSyncWords(at, NOW)).toBe(words);
  });

  test('older than a day says the date', () => {
    expect(lastSyncWords(ago(3 * 24 * H), NOW)).toMatch(/^Synced on .*18/);
  });
});

describe('retryWords', () => {
  test.each([
    [later(0), 'Retrying now'],
    [ago(5 * S), 'Retrying now'],
    [later(400), 'Retrying in 1 s'],
    [later(40 * S), 'Retrying in 40 s'],
    [later(61 * S), 'Retrying in 2 min'], // rounded up: never promise an earlier attempt
    [later(2 * MIN), 'Retrying in 2 min'],
    [later(59 * MIN + 1), 'Retrying in 60 min'],
    [later(H + 5 * MIN), 'Next try at 14:05'],
    ['garbage', null],
  ])('%s → %s', (at, words) => {
    expect(retryWords(at, NOW)).toBe(words);
  });

  test('a retry days away says the day too', () => {
    expect(retryWords(later(50 * H), NOW)).toMatch(/^Next try on .+ at 15:00$/);
  });
});

describe('describeSync', () => {
  test('all synced', () => {
    expect(describeSync(BASE, NOW)).toEqual({
      headline: 'Synced 5 min ago',
      pending: null,
      error: null,
      retry: null,
      tone: 'ok',
    });
  });

  test('changes waiting, singular and plural', () => {
    expect(describeSync({ ...BASE, pending: 1 }, NOW)).toMatchObject({
      pending: '1 change waiting',
      tone: 'waiting',
    });
    expect(describeSync({ ...BASE, pending: 3 }, NOW)).toMatchObject({
      pending: '3 changes waiting',
      tone: 'waiting',
    });
  });

  test('a failure: the background’s words and the next retry; it outranks waiting changes', () => {
    const status: SyncStatus = {
      ...BASE,
      pending: 2,
      lastError: { code: 'network', message: 'The server cannot be reached.', at: ago(MIN) },
      nextRetryAt: later(2 * MIN),
    };
    expect(describeSync(status, NOW)).toEqual({
      headline: 'Synced 5 min ago',
      pending: '2 changes waiting',
      error: 'The server cannot be reached.',
      retry: 'Retrying in 2 min',
      tone: 'error',
    });
  });

  test('while syncing, no retry countdown', () => {
    const view = describeSync({ ...BASE, syncing: true, nextRetryAt: later(MIN) }, NOW);
    expect(view.headline).toBe('Syncing…');
    expect(view.retry).toBeNull();
  });
});
