import { groupTotpCode, type TotpReading } from '../models/item-totp';
import { CopyButton } from './copy-button';

interface TotpCodeProps {
  reading: TotpReading;
  onCopy: () => void;
}

/**
 * The current one-time code, grouped in halves, with the seconds it has left. The countdown is not a live
 * region: announcing every second would drown a screen reader; the value is read when focus reaches it.
 */
export function TotpCode({ reading, onCopy }: TotpCodeProps) {
  if (!reading.ok) {
    return (
      <div class="item-field">
        <dt>One-time code</dt>
        <dd>
          <span class="item-value caution-text">{reading.message}</span>
        </dd>
      </div>
    );
  }
  const { code, remainingSeconds, period } = reading;
  const low = remainingSeconds <= 5;
  return (
    <div class="item-field">
      <dt id="item-totp-label">One-time code</dt>
      <dd>
        <span class="item-value mono totp-code" aria-labelledby="item-totp-label">
          {groupTotpCode(code)}
        </span>
        <span
          class={`totp-countdown${low ? ' low' : ''}`}
          role="timer"
          aria-live="off"
          aria-label={`${remainingSeconds} seconds left`}
          style={{ '--totp-left': String(remainingSeconds / period) }}
        >
          {remainingSeconds} s
        </span>
        <span class="item-field-actions">
          <CopyButton what="one-time code" onCopy={onCopy} />
        </span>
      </dd>
    </div>
  );
}
