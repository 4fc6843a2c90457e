/**
 * Clears the clipboard at a deadline from the background, so a secret copied in the popup is cleared even after
 * the popup closes (issue 5: "clipboard cleared after a configurable time where the browser allows").
 *
 * The background never learns what was copied: clearing is writing '' (`writeEmpty`), whatever is there. The
 * deadline is kept twice, because neither keeper alone is enough:
 * - a timer in the worker: exact, but it dies with the worker (Chrome stops an idle service worker after 30 s,
 *   Firefox unloads an idle event page);
 * - an alarm: it wakes a stopped worker, but Chrome fires alarms no sooner than 30 s after they are set (Chrome
 *   alarms API: "when can be set to less than 30 seconds after now ... but won't actually cause the alarm to fire
 *   for at least 30 seconds"; unpacked extensions are not limited). For a 10 s delay the timer clears at 10 s
 *   while the worker lives (a message keeps it alive 30 s); the alarm is the fallback if it was stopped.
 * Whichever fires first clears and cancels the other. One alarm name, so a newer copy replaces the pending clear.
 */

export const CLIPBOARD_CLEAR_ALARM = 'latchkey-clipboard-clear';

/** The popup offers 10 s … 2 min (settings-model.ts); the protocol accepts up to 10 minutes. */
export const MAX_CLEAR_SECONDS = 600;

/** An alarm older than the pending deadline by more than this is a replaced clear's, and is ignored. */
const STALE_ALARM_MS = 1_000;

export interface ClipboardClearerDeps {
  alarms: {
    create(name: string, info: { when: number }): void | Promise<void>;
    clear(name: string): Promise<boolean>;
  };
  clock: {
    now(): number;
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
  };
  /** Writes '' to the clipboard (chrome-offscreen-clipboard.ts, or the event page's own document in Firefox). */
  writeEmpty(): Promise<void>;
  /** Never given the clipboard's content (the clearer does not have it). */
  log(line: string): void;
}

export interface ClipboardClearer {
  /**
   * Clears the clipboard `afterSeconds` (1 … 600) from now, replacing any pending clear; answers the deadline
   * (ms since epoch). Rejects (after logging) when the alarm cannot be set.
   */
  schedule(afterSeconds: number): Promise<number>;
  /** For the alarms listener: clears when the alarm is ours (answers true), else leaves it (false). */
  onAlarm(alarm: { name: string; scheduledTime: number }): Promise<boolean>;
}

export function createClipboardClearer(deps: ClipboardClearerDeps): ClipboardClearer {
  const { alarms, clock } = deps;
  let timer: unknown;
  /** The pending deadline this worker set (unknown after a restart: the alarm alone then decides). */
  let deadline: number | undefined;
  /** Clears run one after another (Chrome allows one offscreen document at a time). */
  let queue: Promise<void> = Promise.resolve();

  function stopTimer(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  function clearNow(): Promise<void> {
    stopTimer();
    deadline = undefined;
    const run = async (): Promise<void> => {
      await alarms.clear(CLIPBOARD_CLEAR_ALARM).catch(() => false);
      try {
        await deps.writeEmpty();
      } catch (error) {
        // The popup still clears while it is open; there is nothing more to try here. The error is the
        // browser's refusal of an empty write, so it carries no secret.
        deps.log(`clipboard: the browser refused to clear the clipboard (${describe(error)})`);
      }
    };
    queue = queue.then(run);
    return queue;
  }

  return {
    async schedule(afterSeconds) {
      if (!Number.isInteger(afterSeconds) || afterSeconds < 1 || afterSeconds > MAX_CLEAR_SECONDS) {
        throw new RangeError(`afterSeconds must be an integer from 1 to ${MAX_CLEAR_SECONDS}`);
      }
      stopTimer();
      const delayMs = afterSeconds * 1000;
      const at = clock.now() + delayMs;
      deadline = at;
      // The alarm first: if the worker stops right after, the clear still happens.
      try {
        await alarms.create(CLIPBOARD_CLEAR_ALARM, { when: at });
      } catch (error) {
        deps.log(`clipboard: could not set the clear alarm (${describe(error)})`);
        throw error;
      }
      // Another schedule may have run while the alarm was being set: the newest one owns the timer.
      if (deadline === at) timer = clock.setTimeout(() => void clearNow(), delayMs);
      return at;
    },

    async onAlarm(alarm) {
      if (alarm.name !== CLIPBOARD_CLEAR_ALARM) return false;
      // An alarm event of a clear that a newer copy replaced (queued just before the alarm was reset).
      if (deadline !== undefined && alarm.scheduledTime < deadline - STALE_ALARM_MS) return true;
      await clearNow();
      return true;
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'unknown error';
}
