import { createModel, signal } from '@preact/signals';
import { maskEmail } from '../../../lib/account/email';
import { checkRequired } from './form-checks';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

export const REAUTH_PASSWORD_FIELD = 'reauth-password';

export const KIT_EMAIL_NOT_SENT =
  "We couldn't email your kit. Try again later, or use Show my QR code to download it now.";

/**
 * "Show my QR code" and "Email me my kit" ask for the password again: the kit is made fresh from it (the QR
 * wrap key is derived from the password, DESIGN §2), and someone at an unlocked browser should not get it.
 */
export const ReauthModel = createModel((deps: PopupDeps, purpose: 'show-qr' | 'email-kit') => {
  const { app, send } = deps;
  const password = signal('');
  const task = createTask();

  return {
    password,
    task,
    purpose: signal(purpose),
    async submit() {
      if (task.busy.value) return;
      const missing = checkRequired(password.value, REAUTH_PASSWORD_FIELD, 'Enter your password');
      if (missing !== null) return task.setError(missing);
      const kit = await task.run(
        purpose === 'show-qr' ? 'Making your QR code…' : 'Sending your kit…',
        () => send('kit.make', { password: password.value, sendEmail: purpose === 'email-kit' }),
        { field: REAUTH_PASSWORD_FIELD, onFailure: app.followFailure },
      );
      if (kit === null) return;
      password.value = '';
      if (purpose === 'show-qr') return app.showKit(kit, 'show');
      if (kit.emailed === true)
        return app.go({ screen: 'settings', flash: `Email sent to ${maskEmail(kit.email)}` });
      task.setError({ code: 'mail-failed', message: KIT_EMAIL_NOT_SENT });
    },
    cancel() {
      app.go({ screen: 'settings' });
    },
  };
});

export type ReauthModel = InstanceType<typeof ReauthModel>;
