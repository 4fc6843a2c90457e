import { describe, expect, test } from 'vitest';
import { NOTICE_STORAGE_KEY, NoticeStore } from '../../../lib/session/notice-store';
import { SETTINGS_STORAGE_KEY, SettingsStore } from '../../../lib/session/settings-store';
import { MemoryStorageArea } from './memory-storage-area';

describe('settings store', () => {
  test('defaults to locking on browser restart', async () => {
    expect(await new SettingsStore(new MemoryStorageArea()).get()).toEqual({
      lockTimeout: 'browser-restart',
    });
  });

  test.each([1, 5, 15, 60, 'never', 'browser-restart'] as const)('keeps a lock timeout of %s', async (t) => {
    const local = new MemoryStorageArea();
    await new SettingsStore(local).setLockTimeout(t);
    expect(await new SettingsStore(local).get()).toEqual({ lockTimeout: t });
  });

  test.each<[string, unknown]>([
    ['a string', 'never'],
    ['an unknown timeout', { lockTimeout: 2 }],
    ['a wrong type', { lockTimeout: '5' }],
  ])('a damaged record (%s) reads as the defaults', async (_name, value) => {
    const local = new MemoryStorageArea();
    await local.set({ [SETTINGS_STORAGE_KEY]: value });
    expect(await new SettingsStore(local).get()).toEqual({ lockTimeout: 'browser-restart' });
  });
});

describe('notice store', () => {
  test('keeps a notice until cleared', async () => {
    const local = new MemoryStorageArea();
    const notices = new NoticeStore(local);
    expect(await notices.peek()).toBeNull();
    const notice = { kind: 'revoked', message: 'This device was signed out from another device.' } as const;
    await notices.set(notice);
    expect(await new NoticeStore(local).peek()).toEqual(notice);
    await notices.clear();
    expect(await notices.peek()).toBeNull();
  });

  test('a damaged notice reads as none', async () => {
    const local = new MemoryStorageArea();
    await local.set({ [NOTICE_STORAGE_KEY]: { kind: 'hacked', message: 'x' } });
    expect(await new NoticeStore(local).peek()).toBeNull();
  });
});
