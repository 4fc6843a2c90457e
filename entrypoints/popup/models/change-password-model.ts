import { createModel, signal } from '@preact/signals';
import { checkRequired, firstError } from './form-checks';
import { PasswordMeterModel } from './password-meter-model';
import type { PopupDeps } from './popup-deps';
import { PASSWORDS_DONT_MATCH } from './sign-up-model';
import { createTask } from './task';
import { inputError } from './user-error';

export const CHANGE_PASSWORD_FIELDS = {
  current: 'change-current-password',
  next: 'change-new-password',
  confirm: 'change-confirm-password',
} as const;

export const SAME_PASSWORD = 'Choose a new password that is different from your current one';

/**
 * Change password (DESIGN §2): the vault key is re-wrapped, other devices are told on their next contact, and a
 * new Authentication Kit replaces the old one (old QR codes become outdated), so the kit screen follows.
 */
export const ChangePasswordModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const f = CHANGE_PASSWORD_FIELDS;
  const current = signal('');
  const next = signal('');
  const confirm = signal('');
  const emailKit = signal(true);
  const meter = new PasswordMeterModel(deps.assess);
  const task = createTask();
  const email = () => app.defaults.value.email;

  return {
    current,
    next,
    confirm,
    emailKit,
    meter,
    task,
    setNext(value: string) {
      next.value = value;
      meter.update(value, email());
    },
    async submit() {
      if (task.busy.value) return;
      const invalid = firstError(
        () => checkRequired(current.value, f.current, 'Enter your current password'),
        () => (next.value === current.value ? inputError(f.next, SAME_PASSWORD) : null),
      );
      if (invalid !== null) return task.setError(invalid);
      const strength = await meter.check(next.value, email());
      if (strength !== null && !strength.acceptable && strength.reason !== null) {
        return task.setError(inputError(f.next, strength.reason));
      }
      if (next.value !== confirm.value) return task.setError(inputError(f.confirm, PASSWORDS_DONT_MATCH));

      const kit = await task.run(
        'Changing your password…',
        () =>
          send('password.change', {
            currentPassword: current.value,
            newPassword: next.value,
            emailKit: emailKit.value,
          }),
        {
          field: (code) => (code === 'weak-password' ? f.next : f.current),
          onFailure: app.followFailure,
        },
      );
      if (kit === null) return;
      app.showKit(kit, 'password-change');
      const status = await send('status.get', {});
      if (status.ok) app.remember(status.value);
    },
    cancel() {
      app.go({ screen: 'settings' });
    },
  };
});

export type ChangePasswordModel = InstanceType<typeof ChangePasswordModel>;
