import { labelInSentence } from '../models/item-fields';
import { CopyButton } from './copy-button';
import { RevealButton } from './reveal-button';

/** What a masked value shows: a fixed number of dots, so the mask does not tell the secret's length. */
export const MASK = '••••••••';

interface SecretFieldProps {
  id: string;
  label: string;
  value: string;
  /** Masked until shown; `shown` and `onToggle` come from the screen's model. */
  secret?: boolean;
  shown?: boolean;
  onToggle?: () => void;
  onCopy: () => void;
  /** How to show the value in clear (e.g. a card number in groups of four). */
  format?: (value: string) => string;
  monospace?: boolean;
}

/**
 * One field of the item view: its label, its value (masked when secret, with "Show <label>"), and
 * "Copy <label>". Copying never needs the value on screen. Rendered inside a <dl>.
 */
export function SecretField(props: SecretFieldProps) {
  const { id, label, value, secret = false, shown = false, onToggle, onCopy, format } = props;
  const what = labelInSentence(label);
  const visible = !secret || shown;
  const valueId = `${id}-value`;
  return (
    <div class="item-field">
      <dt id={`${id}-label`}>{label}</dt>
      <dd>
        <span
          id={valueId}
          class={`item-value${props.monospace === true || secret ? ' mono' : ''}${visible ? '' : ' masked'}`}
          aria-label={visible ? undefined : `${label} hidden`}
        >
          {visible ? (format ? format(value) : value) : MASK}
        </span>
        <span class="item-field-actions">
          {secret && onToggle ? (
            <RevealButton what={what} shown={shown} onToggle={onToggle} controls={valueId} />
          ) : null}
          <CopyButton what={what} onCopy={onCopy} />
        </span>
      </dd>
    </div>
  );
}
