import { computed, createModel, signal } from '@preact/signals';
import { KIT_PREFIX } from '../../../lib/account/kit-payload';
import { isRecoveryKitPayload, NotRecoveryKitError } from '../../../lib/account/recovery-kit';
import { checkEmail, checkRequired, checkServerUrl, firstError, isServerProblem } from './form-checks';
import { PasswordMeterModel } from './password-meter-model';
import type { PopupDeps } from './popup-deps';
import { PASSWORDS_DONT_MATCH } from './sign-up-model';
import { createTask } from './task';
import { inputError } from './user-error';

export const RECOVERY_USE_FIELDS = {
  email: 'recovery-email',
  server: 'recovery-server',
  file: 'recovery-file',
  accountKey: 'recovery-account-key',
  recoveryCode: 'recovery-code',
  password: 'recovery-new-password',
  confirm: 'recovery-confirm-password',
} as const;

export const AUTHENTICATION_KIT_UPLOADED = new NotRecoveryKitError('authentication-kit').message;
const NOT_A_RECOVERY_KIT = new NotRecoveryKitError('unknown').message;

/**
 * Forgot password, with a Recovery Kit (DESIGN §2): its QR (image or PDF) or its two typed codes, and a new
 * password. No data is lost: the background unwraps the vault key with the kit and re-wraps it.
 */
export const RecoveryUseModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const f = RECOVERY_USE_FIELDS;
  const email = signal(app.defaults.value.email);
  const serverUrl = signal(app.defaults.value.serverUrl);
  /** The kit's QR text once a file was read; it takes the place of the typed codes. */
  const payloadText = signal<string | null>(null);
  const fileName = signal<string | null>(null);
  const accountKey = signal('');
  const recoveryCode = signal('');
  const newPassword = signal('');
  const confirm = signal('');
  const emailKit = signal(true);
  const meter = new PasswordMeterModel(deps.assess);
  const task = createTask();

  function kitInput() {
    const payload = payloadText.value;
    if (payload !== null) return { kind: 'payload' as const, payloadText: payload };
    return {
      kind: 'typed' as const,
      accountKey: accountKey.value.trim(),
      recoveryCode: recoveryCode.value.trim(),
    };
  }

  return {
    email,
    serverUrl,
    payloadText,
    fileName,
    accountKey,
    recoveryCode,
    newPassword,
    confirm,
    emailKit,
    meter,
    task,
    hasFile: computed(() => payloadText.value !== null),
    setEmail(value: string) {
      email.value = value;
      meter.update(newPassword.value, value);
    },
    setNewPassword(value: string) {
      newPassword.value = value;
      meter.update(value, email.value);
    },
    async readFile(file: File) {
      const text = await task.run('Reading your Recovery Kit…', async () => {
        let files;
        try {
          files = await deps.loadKitFiles();
        } catch (error) {
          console.error('kit file reader failed to load', error);
          return {
            ok: false,
            userError: { code: 'internal', message: 'Latchkey could not read this file.' },
          };
        }
        const read = await files.readQr(file);
        if (!read.ok) return { ok: false, userError: { ...read.error, field: f.file } };
        // Said here, before the new password is typed: the QR read is not the Recovery Kit's.
        if (!isRecoveryKitPayload(read.text)) {
          const message = read.text.trim().toUpperCase().startsWith(KIT_PREFIX)
            ? AUTHENTICATION_KIT_UPLOADED
            : NOT_A_RECOVERY_KIT;
          return { ok: false, userError: { code: 'file', message, field: f.file } };
        }
        return { ok: true, value: read.text.trim() };
      });
      if (text === null) return;
      payloadText.value = text;
      fileName.value = file.name;
    },
    /** Forget the read file, to type the codes instead. */
    clearFile() {
      payloadText.value = null;
      fileName.value = null;
    },
    async submit() {
      if (task.busy.value) return;
      const invalid = firstError(
        () => checkEmail(email.value, f.email),
        () => checkServerUrl(serverUrl.value, f.server),
        () =>
          payloadText.value !== null
            ? null
            : checkRequired(
                accountKey.value.trim(),
                f.accountKey,
                'Upload your Recovery Kit, or type its Account Key and recovery code',
              ),
        () =>
          payloadText.value !== null
            ? null
            : checkRequired(
                recoveryCode.value.trim(),
                f.recoveryCode,
                'Type the recovery code from your Recovery Kit',
              ),
      );
      if (invalid !== null) return task.setError(invalid);
      const strength = await meter.check(newPassword.value, email.value);
      if (strength !== null && !strength.acceptable && strength.reason !== null) {
        return task.setError(inputError(f.password, strength.reason));
      }
      if (newPassword.value !== confirm.value)
        return task.setError(inputError(f.confirm, PASSWORDS_DONT_MATCH));

      const kit = await task.run(
        'Setting your new password…',
        () =>
          send('recovery.use', {
            serverUrl: serverUrl.value.trim(),
            email: email.value,
            kit: kitInput(),
            newPassword: newPassword.value,
            emailKit: emailKit.value,
          }),
        {
          field: (code) => {
            if (isServerProblem(code)) return f.server;
            if (code === 'weak-password') return f.password;
            if (code === 'account-key-format') return f.accountKey;
            if (code === 'wrong-recovery-kit' || code === 'recovery-not-set-up')
              return payloadText.value === null ? f.recoveryCode : f.file;
            return f.email;
          },
        },
      );
      if (kit === null) return;
      app.showKit(kit, 'recovery');
      const status = await send('status.get', {});
      if (status.ok) app.remember(status.value);
    },
  };
});

export type RecoveryUseModel = InstanceType<typeof RecoveryUseModel>;
