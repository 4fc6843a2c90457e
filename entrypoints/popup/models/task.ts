import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ErrorCode, Result } from '../../../lib/messaging/protocol';
import { fromProtocolError, type UserError } from './user-error';

/**
 * One thing a screen does at a time (create the account, unlock, read a file…): whether it is running, and
 * what went wrong last. Buttons bind to `busy` (disabled, with progress) and the form's alert to `error`.
 * A second submit while one runs is ignored, so a double click cannot create two accounts.
 */
export interface Task {
  busy: ReadonlySignal<boolean>;
  /** What the user is waiting for ("Creating your account…"), shown next to the busy button. */
  progress: ReadonlySignal<string | null>;
  error: ReadonlySignal<UserError | null>;
  /** Runs `work`; answers its value, or null when it failed (the error is then in `error`) or was ignored. */
  run<T>(
    progress: string,
    work: () => Promise<Result<T> | LocalFailure>,
    options?: RunOptions,
  ): Promise<T | null>;
  /**
   * Runs work of the popup's own (making a file): an exception is a bug, logged, and shown as `failure`.
   * Answers whether it succeeded.
   */
  attempt(progress: string, work: () => Promise<void>, failure: string): Promise<boolean>;
  /** Shows an error found before running anything (a bad field), or clears it with null. */
  setError(error: UserError | null): void;
  setProgress(progress: string): void;
}

/** A failure the popup found itself on the way (e.g. no QR code in the picked image), already in words. */
export interface LocalFailure {
  ok: false;
  userError: UserError;
}

export interface RunOptions {
  /** Input to focus when the background refuses (e.g. the password field on "Incorrect password"). */
  field?: string | ((code: ErrorCode) => string | undefined);
  /** Told about every background failure: the app uses it to follow state changes (revoked, locked…). */
  onFailure?: (error: UserError) => void;
}

export function createTask(): Task {
  const running = signal(false);
  const progress = signal<string | null>(null);
  const error = signal<UserError | null>(null);
  async function run<T>(
    label: string,
    work: () => Promise<Result<T> | LocalFailure>,
    options: RunOptions = {},
  ): Promise<T | null> {
    if (running.value) return null;
    running.value = true;
    progress.value = label;
    error.value = null;
    try {
      const result = await work();
      if (result.ok) return result.value;
      if ('userError' in result) {
        error.value = result.userError;
        return null;
      }
      const field = typeof options.field === 'function' ? options.field(result.error.code) : options.field;
      const failure = fromProtocolError(result.error, field);
      error.value = failure;
      options.onFailure?.(failure);
      return null;
    } finally {
      running.value = false;
      progress.value = null;
    }
  }

  return {
    busy: computed(() => running.value),
    progress: computed(() => progress.value),
    error: computed(() => error.value),
    run,
    async attempt(label, work, failure) {
      const done = await run(label, async () => {
        try {
          await work();
          return { ok: true, value: true } as const;
        } catch (cause) {
          console.error(failure, cause);
          return { ok: false, error: { code: 'internal', message: failure } } as const;
        }
      });
      return done === true;
    },
    setError(next) {
      error.value = next;
    },
    setProgress(next) {
      if (running.value) progress.value = next;
    },
  };
}
