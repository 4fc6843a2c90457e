import { createModel, signal } from '@preact/signals';
import { checkEmail, checkServerUrl, firstError, isServerProblem } from './form-checks';
import { PasswordMeterModel } from './password-meter-model';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';
import { inputError } from './user-error';

/** Field ids on the Create account screen (errors move focus to them). */
export const SIGN_UP_FIELDS = {
  server: 'sign-up-server',
  email: 'sign-up-email',
  password: 'sign-up-password',
  confirm: 'sign-up-confirm',
} as const;

export const PASSWORDS_DONT_MATCH = "Passwords don't match";

export const SignUpModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const serverUrl = signal(app.defaults.value.serverUrl);
  const email = signal(app.defaults.value.email);
  const password = signal('');
  const confirm = signal('');
  /** On by default, as in mSecure (DESIGN §1); the screen says what it costs. */
  const emailKit = signal(true);
  const meter = new PasswordMeterModel(deps.assess);
  const task = createTask();

  return {
    serverUrl,
    email,
    password,
    confirm,
    emailKit,
    meter,
    task,
    setEmail(value: string) {
      email.value = value;
      meter.update(password.value, value);
    },
    setPassword(value: string) {
      password.value = value;
      meter.update(value, email.value);
    },
    async submit() {
      if (task.busy.value) return;
      const f = SIGN_UP_FIELDS;
      const invalid = firstError(
        () => checkServerUrl(serverUrl.value, f.server),
        () => checkEmail(email.value, f.email),
      );
      if (invalid !== null) return task.setError(invalid);
      const strength = await meter.check(password.value, email.value);
      if (strength !== null && !strength.acceptable && strength.reason !== null) {
        return task.setError(inputError(f.password, strength.reason));
      }
      if (password.value !== confirm.value) return task.setError(inputError(f.confirm, PASSWORDS_DONT_MATCH));

      const kit = await task.run(
        'Creating your account…',
        () =>
          send('account.signUp', {
            serverUrl: serverUrl.value.trim(),
            email: email.value,
            password: password.value,
            emailKit: emailKit.value,
          }),
        {
          field: (code) => (code === 'email-taken' ? f.email : isServerProblem(code) ? f.server : f.password),
          onFailure: app.followFailure,
        },
      );
      if (kit === null) return;
      app.showKit(kit, 'sign-up');
      const status = await send('status.get', {});
      if (status.ok) app.remember(status.value);
    },
  };
});

export type SignUpModel = InstanceType<typeof SignUpModel>;
