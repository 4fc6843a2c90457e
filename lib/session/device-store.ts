import * as v from 'valibot';
import { DeviceStateSchema, type DeviceState } from '../account-service/device-state';
import { Email } from '../api/fields';
import { readKey, type StorageArea } from './storage-area';

/**
 * This browser's account, in storage.local: the DeviceState (lib/account-service: wrapped keys, session token,
 * nothing that opens the vault without the password), whether the server said the password was changed
 * elsewhere, and the last server and email used, to prefill the sign-in form after a sign-out.
 *
 * Every read goes through the schema. A record that does not parse (damaged, written by a newer version, or
 * not ours) reads as "signed out": the user can sign in again, and the background never crashes on it. It is
 * left in place rather than deleted, so a downgrade followed by an upgrade does not lose it; the next sign-in
 * overwrites it.
 */

export const DEVICE_STORAGE_KEY = 'latchkey.device';
export const PASSWORD_CHANGED_STORAGE_KEY = 'latchkey.passwordChanged';
export const LAST_ACCOUNT_STORAGE_KEY = 'latchkey.lastAccount';

const LastAccount = v.strictObject({
  serverUrl: v.pipe(v.string(), v.maxLength(2048), v.url()),
  email: Email,
});
export type LastAccount = v.InferOutput<typeof LastAccount>;

export class DeviceStore {
  constructor(
    private readonly local: StorageArea,
    /** Told when a stored record is refused, so a damaged profile shows up in the background's console. */
    private readonly warn: (line: string) => void = () => undefined,
  ) {}

  async get(): Promise<DeviceState | null> {
    const value = await readKey(this.local, DEVICE_STORAGE_KEY);
    if (value === undefined) return null;
    const parsed = v.safeParse(DeviceStateSchema, value);
    if (parsed.success) return parsed.output;
    // The path only: the values include the session token.
    const where = v.getDotPath(parsed.issues[0]) ?? 'record';
    this.warn(`the stored device state is not readable (${where}); treating this browser as signed out`);
    return null;
  }

  /** Saves the state after a successful operation: the device is in step with the server again. */
  async set(state: DeviceState): Promise<void> {
    const checked = v.parse(DeviceStateSchema, state);
    await this.local.set({
      [DEVICE_STORAGE_KEY]: checked,
      [LAST_ACCOUNT_STORAGE_KEY]: { serverUrl: checked.serverUrl, email: checked.email },
    });
    await this.local.remove([PASSWORD_CHANGED_STORAGE_KEY]);
  }

  /** Forgets the account (sign-out, revoked, reset). The last server and email stay, to prefill sign-in. */
  async clear(): Promise<void> {
    await this.local.remove([DEVICE_STORAGE_KEY, PASSWORD_CHANGED_STORAGE_KEY]);
  }

  /** The server said the password was changed on another device: unlocking needs the NEW password. */
  async markPasswordChanged(): Promise<void> {
    await this.local.set({ [PASSWORD_CHANGED_STORAGE_KEY]: true });
  }

  async passwordChanged(): Promise<boolean> {
    return (await readKey(this.local, PASSWORD_CHANGED_STORAGE_KEY)) === true;
  }

  async lastAccount(): Promise<LastAccount | null> {
    const parsed = v.safeParse(LastAccount, await readKey(this.local, LAST_ACCOUNT_STORAGE_KEY));
    return parsed.success ? parsed.output : null;
  }
}
