import * as v from 'valibot';
import {
  restoreKeys,
  storeKeys,
  StoredKeysSchema,
  type UnlockedKeys,
} from '../account-service/unlocked-keys';
import { readKey, type StorageArea } from './storage-area';

/**
 * Where the unlocked keys live (DESIGN §3; lib/session/README.md): the background's memory, mirrored in
 * `storage.session` so a service-worker restart (Chrome stops idle workers after ~30 s) does not lock the user,
 * and gone when the browser restarts, because `storage.session` is kept in memory only. With the lock timeout
 * 'never' a third copy goes to `storage.local`, so a browser restart does not lock either (the README says what
 * that costs). Locking zeroes the arrays and removes every copy.
 */

/** The keys with what they belong to, so keys restored from storage are never used for another account. */
export interface HeldKeys {
  accountId: string;
  keyEpoch: number;
  keys: UnlockedKeys;
}

/** storage.session and storage.local key; the record is versioned so a later format can be told apart. */
export const KEYS_STORAGE_KEY = 'latchkey.unlockedKeys';

const StoredRecord = v.strictObject({
  v: v.literal(1),
  accountId: v.pipe(v.string(), v.maxLength(64)),
  keyEpoch: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  keys: StoredKeysSchema,
});
type StoredRecord = v.InferOutput<typeof StoredRecord>;

export interface KeyCustodyAreas {
  session: StorageArea;
  local: StorageArea;
  /**
   * Limits storage.session to trusted contexts (storage.session.setAccessLevel, Chrome 102+). Run once, and
   * awaited before the first write of a key, so no write can race it. Firefox has no such call: its
   * storage.session is never exposed to content scripts.
   */
  restrictSessionArea(): Promise<void>;
}

export class KeyCustody {
  #held: HeldKeys | null = null;
  #restricted: Promise<void> | undefined;

  constructor(private readonly areas: KeyCustodyAreas) {}

  /** The keys, if unlocked in this worker's life (see restore() for a restarted worker). */
  get held(): HeldKeys | null {
    return this.#held;
  }

  /**
   * After a worker start: takes the keys back from storage.session, or (lock timeout 'never' only) from
   * storage.local after a browser restart. A record that does not parse is removed: it can only be damage.
   */
  async restore(options: { persisted: boolean }): Promise<HeldKeys | null> {
    if (this.#held) return this.#held;
    let stored = await this.#read(this.areas.session);
    if (stored === null && options.persisted) {
      stored = await this.#read(this.areas.local);
      // Back in storage.session too, so the next worker restart finds them where it looks first.
      if (stored !== null) await this.#write(this.areas.session, toStored(stored));
    }
    if (!options.persisted) await this.areas.local.remove([KEYS_STORAGE_KEY]);
    if (stored === null) return null;
    this.#held = stored;
    return this.#held;
  }

  /** Takes custody after an unlock. `persisted`: lock timeout 'never' (survive a browser restart). */
  async keep(held: HeldKeys, options: { persisted: boolean }): Promise<void> {
    if (this.#held && this.#held.keys !== held.keys) wipeKeys(this.#held.keys);
    this.#held = held;
    const stored = toStored(held);
    await this.#write(this.areas.session, stored);
    await this.setPersisted(options.persisted);
  }

  /** The lock timeout changed to or from 'never' while unlocked. */
  async setPersisted(persisted: boolean): Promise<void> {
    if (persisted && this.#held) await this.#write(this.areas.local, toStored(this.#held));
    else await this.areas.local.remove([KEYS_STORAGE_KEY]);
  }

  /** Lock: zero the arrays, then remove every stored copy. */
  async wipe(): Promise<void> {
    if (this.#held) wipeKeys(this.#held.keys);
    this.#held = null;
    await Promise.all([
      this.areas.session.remove([KEYS_STORAGE_KEY]),
      this.areas.local.remove([KEYS_STORAGE_KEY]),
    ]);
  }

  async #read(area: StorageArea): Promise<HeldKeys | null> {
    const value = await readKey(area, KEYS_STORAGE_KEY);
    if (value === undefined) return null;
    const parsed = v.safeParse(StoredRecord, value);
    if (parsed.success) return fromStored(parsed.output);
    await area.remove([KEYS_STORAGE_KEY]);
    return null;
  }

  async #write(area: StorageArea, stored: StoredRecord): Promise<void> {
    this.#restricted ??= this.areas.restrictSessionArea();
    await this.#restricted;
    await area.set({ [KEYS_STORAGE_KEY]: stored });
  }
}

/**
 * Zeroes the key bytes in place. JavaScript cannot promise that no other copy exists (a CryptoKey made from
 * them, a string the storage API built), but the arrays this process holds stop being keys.
 */
export function wipeKeys(keys: UnlockedKeys): void {
  keys.vaultKey.fill(0);
  keys.loginSecret.fill(0);
}

function fromStored(stored: StoredRecord): HeldKeys {
  return { accountId: stored.accountId, keyEpoch: stored.keyEpoch, keys: restoreKeys(stored.keys) };
}

function toStored(held: HeldKeys): StoredRecord {
  return { v: 1, accountId: held.accountId, keyEpoch: held.keyEpoch, keys: storeKeys(held.keys) };
}
