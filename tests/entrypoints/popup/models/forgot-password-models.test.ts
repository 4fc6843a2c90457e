import { describe, expect, test } from 'vitest';
import { qrToPngBytes } from '../../../../lib/qr/make';
import {
  AUTHENTICATION_KIT_UPLOADED,
  RECOVERY_USE_FIELDS,
  RecoveryUseModel,
} from '../../../../entrypoints/popup/models/recovery-use-model';
import { RESET_DONE, ResetModel } from '../../../../entrypoints/popup/models/reset-model';
import { fail, ok } from '../support/scripted-background';
import {
  EMAIL,
  kitArtifacts,
  kitPayload,
  LOCKED,
  SERVER,
  SIGNED_OUT,
  startPopup,
  STRONG_PASSWORD,
  UNLOCKED,
} from '../support/popup-harness';

const RECOVERY_PAYLOAD = 'LATCHKEY-RECOVERY:0K1QRA8XPM2VH4D7NC9TQ2WB5RJ6KEYS3M';

function png(text: string, name: string): Promise<File> {
  return qrToPngBytes(text).then((bytes) => new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
}

describe('RecoveryUseModel', () => {
  test('reads the Recovery Kit from an image and sets the new password with it', async () => {
    const kit = await kitArtifacts(true);
    const { deps, background } = await startPopup(LOCKED, { 'recovery.use': () => ok(kit) });
    background.script['status.get'] = () => ok(UNLOCKED);
    const model = new RecoveryUseModel(deps);
    expect(model.email.value).toBe(EMAIL);
    await model.readFile(await png(RECOVERY_PAYLOAD, 'recovery.png'));
    expect(model.hasFile.value).toBe(true);
    expect(model.fileName.value).toBe('recovery.png');
    model.setNewPassword(STRONG_PASSWORD);
    model.confirm.value = STRONG_PASSWORD;
    await model.submit();
    expect(background.callsOf('recovery.use')).toEqual([
      {
        serverUrl: SERVER,
        email: EMAIL,
        kit: { kind: 'payload', payloadText: RECOVERY_PAYLOAD },
        newPassword: STRONG_PASSWORD,
        emailKit: true,
      },
    ]);
    expect(deps.app.route.value).toEqual({ screen: 'kit', kit, reason: 'recovery' });
  });

  test('sends the typed codes when no file was read', async () => {
    const { deps, background } = await startPopup(SIGNED_OUT, {
      'recovery.use': () => fail('wrong-recovery-kit', 'This Recovery Kit does not match the account.'),
    });
    const model = new RecoveryUseModel(deps);
    model.setEmail(EMAIL);
    await model.submit();
    expect(model.task.error.value?.field).toBe(RECOVERY_USE_FIELDS.accountKey);
    model.accountKey.value = ' LK1-0K1QRA-8XPM2V ';
    await model.submit();
    expect(model.task.error.value?.field).toBe(RECOVERY_USE_FIELDS.recoveryCode);
    model.recoveryCode.value = 'R1-7XQ4M';
    model.setNewPassword(STRONG_PASSWORD);
    model.confirm.value = STRONG_PASSWORD;
    await model.submit();
    expect(background.callsOf('recovery.use')).toMatchObject([
      { kit: { kind: 'typed', accountKey: 'LK1-0K1QRA-8XPM2V', recoveryCode: 'R1-7XQ4M' } },
    ]);
    expect(model.task.error.value).toMatchObject({
      message: 'This Recovery Kit does not match the account.',
      field: RECOVERY_USE_FIELDS.recoveryCode,
    });
  });

  test('tells the user when the uploaded file is the Authentication Kit, not the Recovery Kit', async () => {
    const { deps } = await startPopup(SIGNED_OUT);
    const model = new RecoveryUseModel(deps);
    await model.readFile(await png(await kitPayload(), 'kit.png'));
    expect(model.task.error.value).toEqual({
      code: 'file',
      message: AUTHENTICATION_KIT_UPLOADED,
      field: RECOVERY_USE_FIELDS.file,
    });
    expect(model.hasFile.value).toBe(false);
    await model.readFile(await png('https://example.com/not-a-kit', 'other.png'));
    expect(model.task.error.value?.message).toBe('This is not a Latchkey Recovery Kit.');
    expect(model.hasFile.value).toBe(false);
  });

  test('refuses a weak or mismatched new password before sending', async () => {
    const { deps, background } = await startPopup(SIGNED_OUT);
    const model = new RecoveryUseModel(deps);
    model.setEmail(EMAIL);
    await model.readFile(await png(RECOVERY_PAYLOAD, 'recovery.png'));
    model.setNewPassword('password1234');
    model.confirm.value = 'password1234';
    await model.submit();
    expect(model.task.error.value?.field).toBe(RECOVERY_USE_FIELDS.password);
    model.setNewPassword(STRONG_PASSWORD);
    await model.submit();
    expect(model.task.error.value?.message).toBe("Passwords don't match");
    expect(background.callsOf('recovery.use')).toHaveLength(0);
  });
});

describe('ResetModel', () => {
  test('emails a code, then resets only with the code AND the acknowledgement', async () => {
    const { deps, background } = await startPopup(SIGNED_OUT, {
      'reset.start': () => ok({}),
      'reset.finish': () => ok(SIGNED_OUT),
    });
    const model = new ResetModel(deps, 'forgot-password');
    model.email.value = EMAIL;
    await model.requestCode();
    expect(background.callsOf('reset.start')).toEqual([{ serverUrl: 'http://127.0.0.1:8787', email: EMAIL }]);
    expect(model.stage.value).toBe('confirm');
    expect(model.canReset.value).toBe(false);
    model.code.value = ' 123456 ';
    expect(model.canReset.value).toBe(false);
    await model.reset();
    expect(background.callsOf('reset.finish')).toHaveLength(0);
    model.understood.value = true;
    expect(model.canReset.value).toBe(true);
    await model.reset();
    expect(background.callsOf('reset.finish')).toEqual([
      { serverUrl: 'http://127.0.0.1:8787', email: EMAIL, code: '123456' },
    ]);
    expect(deps.app.route.value.screen).toBe('welcome');
    expect(deps.app.notice.value).toBe(RESET_DONE);
  });

  test('a wrong code is said on the code field; nothing is reset', async () => {
    const { deps } = await startPopup(SIGNED_OUT, {
      'reset.start': () => ok({}),
      'reset.finish': () => fail('invalid-reset-code', 'This code is wrong or expired. Ask for a new one.'),
    });
    const model = new ResetModel(deps, 'forgot-password');
    model.email.value = EMAIL;
    await model.requestCode();
    model.code.value = '000000';
    model.understood.value = true;
    await model.reset();
    expect(model.task.error.value).toEqual({
      code: 'invalid-reset-code',
      message: 'This code is wrong or expired. Ask for a new one.',
      field: 'reset-code',
    });
    expect(deps.app.route.value.screen).toBe('welcome');
    expect(model.stage.value).toBe('confirm');
  });

  test('from settings, resets the signed-in account and shows the background’s notice', async () => {
    const notice = {
      kind: 'account-reset' as const,
      message: 'Your account was reset. Everything in it was deleted.',
    };
    const { deps, background } = await startPopup(UNLOCKED, {
      'reset.start': () => ok({}),
      'reset.finish': () => ok({ ...SIGNED_OUT, notice }),
    });
    const model = new ResetModel(deps, 'settings');
    expect(model.fixedAccount.value).toBe(true);
    expect([model.email.value, model.serverUrl.value]).toEqual([EMAIL, SERVER]);
    await model.requestCode();
    model.code.value = 'ABC123';
    model.understood.value = true;
    await model.reset();
    expect(background.callsOf('reset.finish')).toEqual([{ serverUrl: SERVER, email: EMAIL, code: 'ABC123' }]);
    expect(deps.app.route.value.screen).toBe('welcome');
    expect(deps.app.notice.value).toBe(notice.message);
  });
});
