import * as v from 'valibot';
import type { ErrorCode, SyncStatus } from '../messaging/protocol';
import { readKey, type StorageArea } from '../session/storage-area';

/**
 * The sync status as last written (DESIGN §1: "Sync status is always visible"), in storage.local so the popup
 * still shows the last success, the last error and the next retry after the service worker was stopped (Chrome
 * stops it after ~30 s idle, long before a retry is due). Nothing secret: dates, counts, an error code and its
 * plain-words message (lib/account-service toProtocolError, which never carries server detail). Cleared on
 * sign-out.
 *
 * `failures` (consecutive failed attempts) lives here too, because the backoff must keep growing across
 * worker restarts: a worker that forgot it would retry every 30 s forever.
 */

export const SYNC_STATUS_STORAGE_KEY = 'latchkey.syncStatus';

const IsoDate = v.pipe(v.string(), v.isoTimestamp());
const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const StoredSyncStatus = v.strictObject({
  v: v.literal(1),
  lastSuccessAt: v.nullable(IsoDate),
  pending: Count,
  damaged: Count,
  lastError: v.nullable(
    v.strictObject({
      code: v.pipe(v.string(), v.maxLength(64)),
      message: v.pipe(v.string(), v.maxLength(500)),
      at: IsoDate,
    }),
  ),
  nextRetryAt: v.nullable(IsoDate),
  failures: Count,
});

/** What is kept: the status minus `syncing` (a sync does not survive its worker), plus the failure count. */
export type StoredStatus = Omit<SyncStatus, 'syncing'> & { failures: number };

export const EMPTY_STATUS: StoredStatus = {
  lastSuccessAt: null,
  pending: 0,
  damaged: 0,
  lastError: null,
  nextRetryAt: null,
  failures: 0,
};

export class SyncStatusStore {
  constructor(private readonly local: StorageArea) {}

  /** The stored status; anything unreadable (damage, an older format) reads as no status yet. */
  async get(): Promise<StoredStatus> {
    const parsed = v.safeParse(StoredSyncStatus, await readKey(this.local, SYNC_STATUS_STORAGE_KEY));
    if (!parsed.success) return { ...EMPTY_STATUS };
    const { v: _version, lastError, ...rest } = parsed.output;
    // The code was written by this module from an ErrorCode; the schema bounds it, the type says what it was.
    return { ...rest, lastError: lastError && { ...lastError, code: lastError.code as ErrorCode } };
  }

  async set(status: StoredStatus): Promise<void> {
    await this.local.set({ [SYNC_STATUS_STORAGE_KEY]: v.parse(StoredSyncStatus, { v: 1, ...status }) });
  }

  async clear(): Promise<void> {
    await this.local.remove([SYNC_STATUS_STORAGE_KEY]);
  }
}
