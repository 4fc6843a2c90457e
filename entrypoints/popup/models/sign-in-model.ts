import { createModel, signal } from '@preact/signals';
import { checkEmail, checkRequired, checkServerUrl, firstError, isServerProblem } from './form-checks';
import type { PopupDeps } from './popup-deps';
import type { SignInRetry } from './route';
import { createTask } from './task';

export const SIGN_IN_FIELDS = {
  email: 'sign-in-email',
  password: 'sign-in-password',
  server: 'sign-in-server',
} as const;

/**
 * Sign in, step 1: email, password and server. The background checks the server and keeps them (in memory,
 * briefly) until step 2 brings the kit; the password cannot be checked before then, since it only opens the
 * kit together with the Account Key.
 */
export const SignInModel = createModel((deps: PopupDeps, retry?: SignInRetry) => {
  const { app, send } = deps;
  const email = signal(retry?.email ?? app.defaults.value.email);
  const password = signal('');
  const serverUrl = signal(retry?.serverUrl ?? app.defaults.value.serverUrl);
  const task = createTask();
  if (retry !== undefined) {
    task.setError({ code: 'wrong-password', message: retry.message, field: SIGN_IN_FIELDS.password });
  }

  return {
    email,
    password,
    serverUrl,
    task,
    async submit() {
      if (task.busy.value) return;
      const f = SIGN_IN_FIELDS;
      const invalid = firstError(
        () => checkEmail(email.value, f.email),
        () => checkRequired(password.value, f.password, 'Enter your password'),
        () => checkServerUrl(serverUrl.value, f.server),
      );
      if (invalid !== null) return task.setError(invalid);
      const status = await task.run(
        'Contacting the server…',
        () =>
          send('signIn.begin', {
            serverUrl: serverUrl.value.trim(),
            email: email.value,
            password: password.value,
          }),
        { field: (code) => (isServerProblem(code) ? f.server : f.email), onFailure: app.followFailure },
      );
      if (status !== null) app.show(status);
    },
  };
});

export type SignInModel = InstanceType<typeof SignInModel>;
