import { computed, createModel, signal } from '@preact/signals';
import { checkEmail, checkRequired, checkServerUrl, firstError, isServerProblem } from './form-checks';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

export const RESET_FIELDS = { email: 'reset-email', server: 'reset-server', code: 'reset-code' } as const;

export const RESET_WARNING = 'This deletes every item in this account, on every device. It cannot be undone.';
export const RESET_DONE =
  'Your account was reset and everything in it deleted. Create the account again to start over.';

/**
 * Account reset without a Recovery Kit (DESIGN §1): an emailed code proves the mailbox, then the account's data
 * is wiped. From Forgot password the user types email and server; from Settings they are the account's own.
 */
export const ResetModel = createModel((deps: PopupDeps, from: 'forgot-password' | 'settings') => {
  const { app, send } = deps;
  const email = signal(app.defaults.value.email);
  const serverUrl = signal(app.defaults.value.serverUrl);
  const stage = signal<'request' | 'confirm'>('request');
  const code = signal('');
  const understood = signal(false);
  const task = createTask();

  return {
    email,
    serverUrl,
    stage,
    code,
    understood,
    task,
    /** Signed in, the reset is for this account only: the email and server are not editable. */
    fixedAccount: signal(from === 'settings'),
    canReset: computed(() => understood.value && code.value.trim().length > 0),
    async requestCode() {
      if (task.busy.value) return;
      const invalid = firstError(
        () => checkEmail(email.value, RESET_FIELDS.email),
        () => checkServerUrl(serverUrl.value, RESET_FIELDS.server),
      );
      if (invalid !== null) return task.setError(invalid);
      const sent = await task.run(
        'Sending the code…',
        () => send('reset.start', { serverUrl: serverUrl.value.trim(), email: email.value }),
        { field: (c) => (isServerProblem(c) ? RESET_FIELDS.server : RESET_FIELDS.email) },
      );
      if (sent !== null) stage.value = 'confirm';
    },
    async reset() {
      if (task.busy.value || !understood.value) return;
      const missing = checkRequired(code.value.trim(), RESET_FIELDS.code, 'Enter the code from the email');
      if (missing !== null) return task.setError(missing);
      const status = await task.run(
        'Resetting your account…',
        () =>
          send('reset.finish', {
            serverUrl: serverUrl.value.trim(),
            email: email.value,
            code: code.value.trim(),
          }),
        { field: RESET_FIELDS.code },
      );
      if (status === null) return;
      code.value = '';
      understood.value = false;
      if (status.phase === 'signed-out' && status.notice === null) {
        // A device that was not signed in to this account gets no notice from the background: say it here.
        app.remember(status);
        app.welcome(RESET_DONE);
      } else {
        app.show(status);
      }
    },
    back() {
      if (stage.value === 'confirm') {
        stage.value = 'request';
        task.setError(null);
        return;
      }
      app.go(from === 'settings' ? { screen: 'settings' } : { screen: 'forgot-password' });
    },
  };
});

export type ResetModel = InstanceType<typeof ResetModel>;
