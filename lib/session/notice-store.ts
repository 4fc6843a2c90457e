import * as v from 'valibot';
import type { Notice } from '../messaging/protocol';
import { readKey, type StorageArea } from './storage-area';

/**
 * Why the device is where it is ("This device was signed out from another device."), kept in storage.local
 * from the moment the background learns it (often with no popup open: a sync alarm, a wake) until a page has
 * been shown it once.
 */

export const NOTICE_STORAGE_KEY = 'latchkey.notice';

const NoticeSchema = v.strictObject({
  kind: v.picklist(['revoked', 'password-changed', 'session-expired', 'account-reset', 'signed-out']),
  message: v.pipe(v.string(), v.maxLength(500)),
});

export class NoticeStore {
  constructor(private readonly local: StorageArea) {}

  async peek(): Promise<Notice | null> {
    const value = await readKey(this.local, NOTICE_STORAGE_KEY);
    if (value === undefined) return null;
    const parsed = v.safeParse(NoticeSchema, value);
    return parsed.success ? parsed.output : null;
  }

  async set(notice: Notice): Promise<void> {
    await this.local.set({ [NOTICE_STORAGE_KEY]: notice });
  }

  async clear(): Promise<void> {
    await this.local.remove([NOTICE_STORAGE_KEY]);
  }
}
