import { computed, createModel, effect, signal } from '@preact/signals';
import type { AssessPassword, PasswordAssessment } from '../../../lib/account/password-strength';

export type { AssessPassword };

/** zxcvbn's scores in words (its README: 0 too guessable … 4 very unguessable). */
const SCORE_LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** Long enough to skip the keystrokes of a word being typed, short enough to feel live. */
export const METER_DELAY_MS = 150;

/**
 * The strength meter under a new password: re-assessed shortly after typing stops, and answers only for the
 * latest text (a slow answer for an older text never overwrites a newer one).
 */
export const PasswordMeterModel = createModel((assess: AssessPassword, delayMs: number = METER_DELAY_MS) => {
  const assessment = signal<PasswordAssessment | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  // Disposed with the model: no assessment lands after the screen is gone.
  effect(() => () => {
    clearTimeout(timer);
    latest = Number.NaN;
  });

  async function assessNow(password: string, email: string): Promise<PasswordAssessment | null> {
    clearTimeout(timer);
    const id = ++latest;
    if (password.length === 0) {
      assessment.value = null;
      return null;
    }
    try {
      const result = await assess(password, email.length > 0 ? { email } : {});
      if (id === latest) assessment.value = result;
      return result;
    } catch (error) {
      // The estimator failed to load: the meter stays empty and the background still refuses weak passwords.
      console.error('password strength unavailable', error);
      return null;
    }
  }

  return {
    assessment,
    /** "Strong · centuries to crack" (empty before the first assessment). */
    text: computed(() => {
      const a = assessment.value;
      if (a === null) return '';
      const label = SCORE_LABELS[a.score];
      return `${label} · ${a.crackTimeDisplay} to crack`;
    }),
    score: computed(() => assessment.value?.score ?? 0),
    /** Why the password would be refused, shown under the meter as the user types. */
    reason: computed(() => assessment.value?.reason ?? null),
    /** Call on every keystroke (of the password or the email, which the rules depend on). */
    update(password: string, email: string) {
      clearTimeout(timer);
      if (password.length === 0) {
        latest++;
        assessment.value = null;
        return;
      }
      timer = setTimeout(() => void assessNow(password, email), delayMs);
    },
    /** Assesses at once (on submit), so the decision never rests on a stale meter. */
    check: assessNow,
  };
});

export type PasswordMeterModel = InstanceType<typeof PasswordMeterModel>;
