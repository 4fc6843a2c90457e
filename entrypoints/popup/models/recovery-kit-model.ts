import { computed, createModel, signal } from '@preact/signals';
import type { RecoveryKitArtifacts } from '../../../lib/messaging/protocol';
import { checkRequired } from './form-checks';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

export const RECOVERY_PASSWORD_FIELD = 'recovery-kit-password';

/**
 * The Recovery Kit (DESIGN §2): offered after sign-up and in settings. Making, replacing or removing one asks
 * for the password again; a made kit is shown once, to download and print, and never stored by Latchkey.
 */
export type RecoveryKitStage = 'offer' | 'password' | 'result' | 'removed';

export const RecoveryKitModel = createModel((deps: PopupDeps, from: 'sign-up' | 'settings') => {
  const { app, send } = deps;
  const stage = signal<RecoveryKitStage>('offer');
  /** What the password is for on the password stage. */
  const intent = signal<'create' | 'remove'>('create');
  const password = signal('');
  const artifacts = signal<RecoveryKitArtifacts | null>(null);
  const saved = signal(false);
  const task = createTask();

  function leave(): void {
    app.go(from === 'sign-up' ? { screen: 'home' } : { screen: 'settings' });
  }

  async function refreshStatus(): Promise<void> {
    const status = await send('status.get', {});
    if (status.ok) app.remember(status.value);
  }

  return {
    stage,
    intent,
    password,
    artifacts,
    saved,
    task,
    from: signal(from),
    hasRecovery: computed(() => {
      const status = app.status.value;
      return status?.phase === 'unlocked' && status.hasRecovery;
    }),
    canContinue: computed(() => saved.value),
    /** "Create Recovery Kit" / "Replace Recovery Kit" / "Remove Recovery Kit": asks for the password. */
    askPassword(next: 'create' | 'remove') {
      intent.value = next;
      task.setError(null);
      stage.value = 'password';
    },
    cancelPassword() {
      password.value = '';
      task.setError(null);
      stage.value = 'offer';
    },
    async confirmPassword() {
      const missing = checkRequired(password.value, RECOVERY_PASSWORD_FIELD, 'Enter your password');
      if (missing !== null) return task.setError(missing);
      const options = { field: RECOVERY_PASSWORD_FIELD, onFailure: app.followFailure };
      if (intent.value === 'create') {
        const made = await task.run(
          'Making your Recovery Kit…',
          () => send('recovery.create', { password: password.value }),
          options,
        );
        if (made === null) return;
        password.value = '';
        artifacts.value = made;
        stage.value = 'result';
      } else {
        const status = await task.run(
          'Removing your Recovery Kit…',
          () => send('recovery.remove', { password: password.value }),
          options,
        );
        if (status === null) return;
        password.value = '';
        app.remember(status);
        stage.value = 'removed';
        return;
      }
      await refreshStatus();
    },
    async downloadPdf() {
      const kit = artifacts.value;
      if (kit === null) return;
      await task.attempt(
        'Making the PDF…',
        async () => {
          const files = await deps.loadKitFiles();
          deps.download(files.recoveryKitPdf(kit));
        },
        'Latchkey could not make this file. Try again.',
      );
    },
    setSaved(value: boolean) {
      saved.value = value;
    },
    /** "Not now" on the sign-up offer, "Back" in settings. */
    skip: leave,
    proceed() {
      if (!saved.value) return;
      // The codes leave memory with the screen; they were shown once, as the design says.
      artifacts.value = null;
      leave();
    },
  };
});

export type RecoveryKitModel = InstanceType<typeof RecoveryKitModel>;
