import type { PasswordMeterModel } from '../models/password-meter-model';

interface PasswordMeterProps {
  id: string;
  meter: PasswordMeterModel;
}

/**
 * zxcvbn's estimate as a meter (role="meter", 0–4) with words ("Strong · centuries to crack") and, when the
 * password would be refused, why. Both lines keep their height while empty, so typing never moves the form.
 */
export function PasswordMeter({ id, meter }: PasswordMeterProps) {
  const text = meter.text.value;
  const score = meter.score.value;
  const reason = meter.reason.value;
  const filled = text === '' ? 0 : score + 1;
  return (
    <div class="meter" id={id}>
      <div
        role="meter"
        aria-label="Password strength"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score}
        aria-valuetext={text === '' ? 'No password yet' : text}
        class={`meter-bar score-${text === '' ? 'none' : score}`}
      >
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} class={i < filled ? 'on' : ''} />
        ))}
      </div>
      <p class="meter-text">{text}</p>
      <p class="meter-reason">{reason}</p>
    </div>
  );
}
