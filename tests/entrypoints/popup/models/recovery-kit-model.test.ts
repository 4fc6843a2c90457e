import { describe, expect, test } from 'vitest';
import type { RecoveryKitArtifacts } from '../../../../lib/messaging/protocol';
import {
  RECOVERY_PASSWORD_FIELD,
  RecoveryKitModel,
} from '../../../../entrypoints/popup/models/recovery-kit-model';
import { fail, ok } from '../support/scripted-background';
import { EMAIL, startPopup, STRONG_PASSWORD, UNLOCKED } from '../support/popup-harness';

const RECOVERY: RecoveryKitArtifacts = {
  payloadText: 'LATCHKEY-RECOVERY:0K1QRA8XPM2VH4D7NC9TQ2WB5RJ6KEYS3M',
  recoveryCode: 'R1-7XQ4M-2KD9P-HV3TW-8NB6C',
  accountKey: 'LK1-0K1QRA-8XPM2V-H4D7NC-9TQ2WB-5RJ6KE-YS3M',
  email: EMAIL,
  createdAt: '2026-11-21T09:30:00.000Z',
};

describe('RecoveryKitModel', () => {
  test('after sign-up: makes the kit with the password, shows the codes once, downloads the PDF', async () => {
    const harness = await startPopup(UNLOCKED, { 'recovery.create': () => ok(RECOVERY) });
    harness.background.script['status.get'] = () => ok({ ...UNLOCKED, hasRecovery: true });
    harness.deps.app.go({ screen: 'recovery-kit', from: 'sign-up' });
    const model = new RecoveryKitModel(harness.deps, 'sign-up');
    expect(model.stage.value).toBe('offer');
    model.askPassword('create');
    await model.confirmPassword();
    expect(model.task.error.value).toEqual({
      code: 'input',
      message: 'Enter your password',
      field: RECOVERY_PASSWORD_FIELD,
    });
    model.password.value = STRONG_PASSWORD;
    await model.confirmPassword();
    expect(harness.background.callsOf('recovery.create')).toEqual([{ password: STRONG_PASSWORD }]);
    expect(model.stage.value).toBe('result');
    expect(model.password.value).toBe('');
    expect(model.artifacts.value).toEqual(RECOVERY);
    expect(harness.deps.app.status.value).toMatchObject({ hasRecovery: true });

    await model.downloadPdf();
    expect(harness.downloads.map((d) => [d.fileName, d.mimeType])).toEqual([
      ['latchkey-recovery-kit-2026-11-21.pdf', 'application/pdf'],
    ]);
    model.proceed();
    expect(harness.deps.app.route.value.screen).toBe('recovery-kit');
    model.setSaved(true);
    model.proceed();
    expect(harness.deps.app.route.value.screen).toBe('home');
    expect(model.artifacts.value).toBeNull();
  });

  test('"Not now" after sign-up goes home; in settings "Back" returns to settings', async () => {
    const { deps } = await startPopup(UNLOCKED);
    new RecoveryKitModel(deps, 'sign-up').skip();
    expect(deps.app.route.value.screen).toBe('home');
    new RecoveryKitModel(deps, 'settings').skip();
    expect(deps.app.route.value.screen).toBe('settings');
  });

  test('in settings with a kit: removing it asks the password and reports a wrong one', async () => {
    const { deps, background } = await startPopup(
      { ...UNLOCKED, hasRecovery: true },
      {
        'recovery.remove': () => fail('wrong-password', 'Incorrect password'),
      },
    );
    const model = new RecoveryKitModel(deps, 'settings');
    expect(model.hasRecovery.value).toBe(true);
    model.askPassword('remove');
    model.password.value = 'wrong';
    await model.confirmPassword();
    expect(model.task.error.value?.message).toBe('Incorrect password');
    expect(model.stage.value).toBe('password');
    background.script['recovery.remove'] = () => ok({ ...UNLOCKED, hasRecovery: false });
    model.password.value = STRONG_PASSWORD;
    await model.confirmPassword();
    expect(model.stage.value).toBe('removed');
    expect(model.hasRecovery.value).toBe(false);
  });
});
