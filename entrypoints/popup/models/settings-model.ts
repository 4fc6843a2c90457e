import { computed, createModel, signal } from '@preact/signals';
import type { LockTimeout } from '../../../lib/messaging/protocol';
import { clearDelayText } from './clipboard-model';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

/** The choices Bitwarden offers (DESIGN §1), in the words the select shows. */
export const LOCK_TIMEOUT_OPTIONS: readonly { value: LockTimeout; label: string }[] = [
  { value: 'browser-restart', label: 'On browser restart' },
  { value: 1, label: '1 minute' },
  { value: 5, label: '5 minutes' },
  { value: 15, label: '15 minutes' },
  { value: 60, label: '1 hour' },
  { value: 'never', label: 'Never' },
];

/** Shown while "Never" is in force, so the choice is not forgotten. */
export const NEVER_LOCKS_WARNING =
  'Latchkey never locks on this browser: anyone who can use this browser profile can open your vault.';

export const NEVER_LOCK_RISK =
  'Never locking keeps the key to your vault on this computer even after the browser closes. Anyone who can use ' +
  'this browser profile, or copy its files, can open your vault without your password.';

/** The select's option values are strings; this maps one back to a timeout, refusing anything else. */
export function parseLockTimeout(value: string): LockTimeout | null {
  return LOCK_TIMEOUT_OPTIONS.find((option) => String(option.value) === value)?.value ?? null;
}

/** "Clear clipboard after": Bitwarden offers 10 s … 5 min and never; these cover the same span. */
export const CLIPBOARD_CLEAR_OPTIONS: readonly { value: number; label: string }[] = [
  ...[10, 30, 60, 120].map((seconds) => ({ value: seconds, label: clearDelayText(seconds) })),
  { value: 0, label: 'Never' },
];

/** What clearing does (clipboard-model.ts): '' at the deadline, popup open or not, whatever is there by then. */
export const CLIPBOARD_CLEAR_LIMIT =
  'Latchkey empties the clipboard when the time is up, also after the popup has closed. Anything you copied ' +
  'in the meantime is cleared too.';

export function parseClipboardClear(value: string): number | null {
  return CLIPBOARD_CLEAR_OPTIONS.find((option) => String(option.value) === value)?.value ?? null;
}

/** Settings: the lock timeout (with a confirmation for "Never") and the ways to the other account screens. */
export const SettingsModel = createModel((deps: PopupDeps, flash: string | null) => {
  const { app, send } = deps;
  const task = createTask();
  /** "Never" waits for the user to accept the risk; the select keeps showing the current choice until then. */
  const confirmingNever = signal(false);
  const message = signal(flash);
  /** The popup's own preference, read from deps.prefs (null until read). */
  const clipboardClearSeconds = signal<number | null>(null);
  void deps.prefs.get().then((prefs) => {
    clipboardClearSeconds.value = prefs.clipboardClearSeconds;
  });

  async function apply(lockTimeout: LockTimeout): Promise<void> {
    const status = await task.run('Saving…', () => send('settings.setLockTimeout', { lockTimeout }), {
      onFailure: app.followFailure,
    });
    if (status !== null) app.remember(status);
  }

  return {
    task,
    confirmingNever,
    message,
    lockTimeout: computed<LockTimeout>(() => {
      const status = app.status.value;
      return status?.phase === 'unlocked' ? status.lockTimeout : 'browser-restart';
    }),
    email: computed(() => {
      const status = app.status.value;
      return status !== null && 'email' in status ? status.email : '';
    }),
    async chooseLockTimeout(value: string) {
      const choice = parseLockTimeout(value);
      if (choice === null) return;
      message.value = null;
      if (choice === 'never') {
        confirmingNever.value = true;
        return;
      }
      confirmingNever.value = false;
      await apply(choice);
    },
    clipboardClearSeconds,
    async chooseClipboardClear(value: string) {
      const seconds = parseClipboardClear(value);
      if (seconds === null) return;
      const saved = await task.attempt(
        'Saving…',
        async () => deps.prefs.set({ ...(await deps.prefs.get()), clipboardClearSeconds: seconds }),
        'Could not save this setting. Try again.',
      );
      if (saved) clipboardClearSeconds.value = seconds;
    },
    async confirmNever() {
      confirmingNever.value = false;
      await apply('never');
    },
    cancelNever() {
      confirmingNever.value = false;
    },
    open(screen: 'change-password' | 'devices' | 'sign-out') {
      app.go({ screen });
    },
    showQr() {
      app.go({ screen: 'reauth', purpose: 'show-qr' });
    },
    emailKit() {
      app.go({ screen: 'reauth', purpose: 'email-kit' });
    },
    recoveryKit() {
      app.go({ screen: 'recovery-kit', from: 'settings' });
    },
    resetAccount() {
      app.go({ screen: 'reset', from: 'settings' });
    },
    back() {
      app.go({ screen: 'home' });
    },
  };
});

export type SettingsModel = InstanceType<typeof SettingsModel>;
