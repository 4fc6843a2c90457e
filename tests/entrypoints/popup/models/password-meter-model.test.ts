import { describe, expect, test } from 'vitest';
import type { PasswordAssessment } from '../../../../lib/account/password-strength';
import { assessPassword } from '../../../../lib/account/password-strength';
import { PasswordMeterModel } from '../../../../entrypoints/popup/models/password-meter-model';
import { settle } from '../support/scripted-background';

function assessment(score: PasswordAssessment['score'], crackTimeDisplay: string): PasswordAssessment {
  return {
    score,
    acceptable: score >= 3,
    reason: score >= 3 ? null : 'Too easy to guess: x',
    suggestions: [],
    crackTimeDisplay,
  };
}

describe('PasswordMeterModel', () => {
  test('describes the real estimate in words: "Very strong · centuries to crack"', async () => {
    const meter = new PasswordMeterModel(assessPassword, 0);
    await meter.check('correct horse battery staple', '');
    expect(meter.text.value).toBe('Very strong · centuries to crack');
    expect(meter.score.value).toBe(4);
    expect(meter.reason.value).toBeNull();
    await meter.check('password1234', '');
    expect(meter.text.value).toMatch(/^Weak · .+ to crack$/);
    expect(meter.reason.value).toBe('Too easy to guess: this is similar to a commonly used password');
  });

  test('assesses once typing pauses, not per keystroke', async () => {
    const seen: string[] = [];
    const meter = new PasswordMeterModel(async (password) => {
      seen.push(password);
      return assessment(4, 'centuries');
    }, 20);
    for (const prefix of ['m', 'ma', 'map', 'mapl', 'maple']) meter.update(prefix, '');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(seen).toEqual(['maple']);
  });

  test('never lets a slow answer for older text overwrite the newer one', async () => {
    const pending = new Map<string, (a: PasswordAssessment) => void>();
    const meter = new PasswordMeterModel(
      (password) => new Promise<PasswordAssessment>((resolve) => pending.set(password, resolve)),
      0,
    );
    const first = meter.check('weak', '');
    const second = meter.check('strong one', '');
    pending.get('strong one')?.(assessment(4, 'centuries'));
    await second;
    pending.get('weak')?.(assessment(0, 'less than a second'));
    await first;
    expect(meter.text.value).toBe('Very strong · centuries to crack');
  });

  test('empties when the password is cleared, and stops after dispose', async () => {
    let calls = 0;
    const meter = new PasswordMeterModel(async () => {
      calls++;
      return assessment(2, '3 hours');
    }, 10);
    await meter.check('something', '');
    expect(meter.text.value).toBe('Fair · 3 hours to crack');
    meter.update('', '');
    expect(meter.text.value).toBe('');
    meter.update('pending text', '');
    meter[Symbol.dispose]();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await settle();
    expect(calls).toBe(1);
  });

  test('stays empty (and lets the background decide) when the estimator cannot load', async () => {
    const meter = new PasswordMeterModel(async () => {
      throw new Error('chunk failed to load');
    }, 0);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(await meter.check('anything at all', '')).toBeNull();
    } finally {
      console.error = original;
    }
    expect(meter.text.value).toBe('');
    expect(errors).toHaveLength(1);
  });
});
