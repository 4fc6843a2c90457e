import * as v from 'valibot';
import { LockTimeoutField, type LockTimeout } from '../messaging/protocol';
import { readKey, type StorageArea } from './storage-area';

/**
 * The user's session settings, in storage.local (they outlive sign-out: they belong to the browser, not to
 * the account). Read through a schema every time: a damaged record falls back to the defaults.
 */

export const SETTINGS_STORAGE_KEY = 'latchkey.settings';

const Settings = v.object({
  /** Default 'browser-restart', Bitwarden's default: no timer, and a browser restart locks. */
  lockTimeout: v.optional(LockTimeoutField, 'browser-restart'),
});
export type Settings = v.InferOutput<typeof Settings>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ lockTimeout: 'browser-restart' });

export class SettingsStore {
  constructor(private readonly local: StorageArea) {}

  async get(): Promise<Settings> {
    const parsed = v.safeParse(Settings, (await readKey(this.local, SETTINGS_STORAGE_KEY)) ?? {});
    return parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
  }

  async setLockTimeout(lockTimeout: LockTimeout): Promise<void> {
    const settings = await this.get();
    await this.local.set({ [SETTINGS_STORAGE_KEY]: { ...settings, lockTimeout } });
  }
}
