import { computed, createModel, signal } from '@preact/signals';
import { checkRequired } from './form-checks';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

export const UNLOCK_PASSWORD_FIELD = 'unlock-password';

/** DESIGN §6: after a password change elsewhere this device asks for the NEW password (mSecure asks the old). */
export const PASSWORD_CHANGED_NOTICE =
  'Your password was changed on another device. Enter your new password.';

export const UnlockModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const password = signal('');
  const task = createTask();
  const passwordChanged = computed(() => app.status.value?.phase === 'password-changed');

  return {
    password,
    task,
    passwordChanged,
    email: computed(() => {
      const status = app.status.value;
      return status !== null && 'email' in status ? status.email : '';
    }),
    label: computed(() => (passwordChanged.value ? 'New password' : 'Password')),
    notice: computed(() => {
      const status = app.status.value;
      const notice =
        status?.phase === 'password-changed'
          ? status.notice.message || PASSWORD_CHANGED_NOTICE
          : app.notice.value;
      // Said once: when the failed attempt's alert already says it, the notice above the field steps aside.
      return notice !== null && task.error.value?.message === notice ? null : notice;
    }),
    async submit() {
      if (task.busy.value) return;
      const missing = checkRequired(password.value, UNLOCK_PASSWORD_FIELD, 'Enter your password');
      if (missing !== null) return task.setError(missing);
      const status = await task.run('Unlocking…', () => send('unlock', { password: password.value }), {
        field: UNLOCK_PASSWORD_FIELD,
        onFailure: (error) => {
          // The old password was just typed: the field now asks for the new one, so it starts empty.
          if (error.code === 'password-changed') password.value = '';
          app.followFailure(error);
        },
      });
      if (status === null) return;
      password.value = '';
      app.show(status);
    },
    forgot() {
      app.go({ screen: 'forgot-password' });
    },
  };
});

export type UnlockModel = InstanceType<typeof UnlockModel>;
