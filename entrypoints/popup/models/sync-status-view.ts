import type { SyncStatus } from '../../../lib/messaging/protocol';

/**
 * The sync status in words (DESIGN §1 "sync status is always visible: last sync time, pending changes, last
 * error"; §6 "server unreachable, session revoked, rate limited: said plainly in the sync status, with the next
 * retry"). Pure: the status and the clock in, sentences out, so every wording is tested with a table.
 */
export interface SyncStatusView {
  /** "Syncing…", "Synced just now", "Synced 5 min ago", "Not synced yet". */
  headline: string;
  /** "3 changes waiting", null when nothing waits. */
  pending: string | null;
  /** The last failure as the background worded it (DESIGN §6), null after a success. */
  error: string | null;
  /** "Retrying in 2 min", "Next try at 14:05", null when no retry is scheduled. */
  retry: string | null;
  /** For the bar's colour: a failure outranks waiting changes. */
  tone: 'ok' | 'waiting' | 'error';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Under this, a sync is "just now" (matches the 30 s tick of the home screen's clock, so it never lags). */
const JUST_NOW_MS = 45_000;

export function describeSync(status: SyncStatus, now: number): SyncStatusView {
  const error = status.lastError?.message ?? null;
  const pending =
    status.pending > 0 ? `${status.pending} change${status.pending === 1 ? '' : 's'} waiting` : null;
  return {
    headline: status.syncing ? 'Syncing…' : lastSyncWords(status.lastSuccessAt, now),
    pending,
    error,
    retry: status.syncing || status.nextRetryAt === null ? null : retryWords(status.nextRetryAt, now),
    tone: error !== null ? 'error' : pending !== null ? 'waiting' : 'ok',
  };
}

/** "Synced 5 min ago" / "Synced 3 h ago" / "Synced on 21 Nov" (older than a day: the date says more). */
export function lastSyncWords(lastSuccessAt: string | null, now: number): string {
  const at = lastSuccessAt === null ? Number.NaN : Date.parse(lastSuccessAt);
  if (Number.isNaN(at)) return 'Not synced yet';
  // A clock a little behind the background's (or a sync that just ended) must not read "in the future".
  const ago = Math.max(0, now - at);
  if (ago < JUST_NOW_MS) return 'Synced just now';
  if (ago < HOUR) return `Synced ${Math.max(1, Math.round(ago / MINUTE))} min ago`;
  if (ago < DAY) return `Synced ${Math.floor(ago / HOUR)} h ago`;
  return `Synced on ${new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}`;
}

/**
 * When the next automatic attempt happens: a countdown while it is near ("Retrying in 40 s", "Retrying in
 * 2 min", rounded up so it never promises an attempt earlier than it comes), the clock time when it is an hour
 * or more away ("Next try at 14:05", local time, 24-hour like the rest of the popup's times).
 */
export function retryWords(nextRetryAt: string, now: number): string | null {
  const at = Date.parse(nextRetryAt);
  if (Number.isNaN(at)) return null;
  const wait = at - now;
  if (wait <= 0) return 'Retrying now';
  if (wait < MINUTE) return `Retrying in ${Math.ceil(wait / 1000)} s`;
  if (wait < HOUR) return `Retrying in ${Math.ceil(wait / MINUTE)} min`;
  const date = new Date(at);
  const clock = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return wait < DAY ? `Next try at ${clock}` : `Next try on ${date.toLocaleDateString()} at ${clock}`;
}
