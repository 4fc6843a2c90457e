import type { ReadonlySignal } from '@preact/signals';
import type { SyncStatusView } from '../models/sync-status-view';
import type { Task } from '../models/task';
import { BusyButton } from './busy-button';

interface SyncBarProps {
  view: ReadonlySignal<SyncStatusView | null>;
  syncing: ReadonlySignal<boolean>;
  /** The sync error came from the user's own "Sync now": announce it (role="alert"); an old one is just shown. */
  fresh: ReadonlySignal<boolean>;
  /** The live binding ("Alt+Shift+Y"), '' when unset, null while the browser has not answered. */
  shortcut: ReadonlySignal<string | null>;
  task: Task;
  onSyncNow: () => void;
}

/**
 * The sync status, always visible at the bottom of the vault (DESIGN §1): when the last sync was, what waits,
 * the last error in plain words with the next retry, and "Sync now" with its keyboard shortcut.
 */
export function SyncBar({ view, syncing, fresh, shortcut, task, onSyncNow }: SyncBarProps) {
  const words = view.value;
  const keys = shortcut.value;
  const failure = task.error.value;
  return (
    <footer class={`sync-bar tone-${words?.tone ?? 'ok'}`} aria-label="Sync">
      <div class="sync-words">
        <p class="sync-headline" role="status">
          {words === null ? '' : words.headline}
          {words?.pending != null ? <span class="sync-pending"> · {words.pending}</span> : null}
        </p>
        {words?.error != null ? (
          <p class="sync-error" role={fresh.value ? 'alert' : undefined}>
            {words.error}
            {words.retry !== null ? <span class="sync-retry"> {words.retry}</span> : null}
          </p>
        ) : null}
        {failure !== null ? (
          <p class="sync-error" role="alert">
            {failure.message}
          </p>
        ) : null}
      </div>
      <div class="sync-action">
        <BusyButton onClick={onSyncNow} busy={syncing.value} variant="secondary">
          Sync now
        </BusyButton>
        {keys === null ? null : (
          <span class="shortcut">
            {keys === '' ? (
              <span title="Set one in your browser's extension shortcuts settings">No shortcut set</span>
            ) : (
              <>
                <span class="visually-hidden">Shortcut: </span>
                <kbd>{keys}</kbd>
              </>
            )}
          </span>
        )}
      </div>
    </footer>
  );
}
