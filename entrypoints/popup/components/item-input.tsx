import { labelInSentence } from '../models/item-fields';
import type { ComponentChildren } from 'preact';
import { RevealButton } from './reveal-button';

interface ItemInputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** The schema's message for this input, shown under it (the form's alert repeats the first one). */
  error?: string | undefined;
  multiline?: boolean;
  /** Masked, with "Show <label>" beside it. */
  secret?: boolean;
  shown?: boolean;
  onToggle?: () => void;
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text' | 'url';
  autofocus?: boolean;
  /** Ids of elements that explain the input (a meter, a warning, a description). */
  describedBy?: string;
  /** Buttons after the input ("Generate"). */
  children?: ComponentChildren;
}

/** One input of the item editor: labelled, its own error under it, never losing what was typed. */
export function ItemInput(props: ItemInputProps) {
  const { id, label, value, onValue, error, secret = false, shown = false } = props;
  const errorId = `${id}-error`;
  const describedBy = [error === undefined ? null : errorId, props.describedBy ?? null]
    .filter((part) => part !== null)
    .join(' ');
  const common = {
    id,
    value,
    'aria-invalid': error === undefined ? undefined : ('true' as const),
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    'data-autofocus': props.autofocus === true ? '' : undefined,
    spellcheck: false,
    autoCapitalize: 'off' as const,
  };
  return (
    <div class="field item-input">
      <label for={id}>{label}</label>
      <div class="item-input-row">
        {props.multiline === true ? (
          <textarea {...common} rows={4} onInput={(event) => onValue(event.currentTarget.value)} />
        ) : (
          <input
            {...common}
            // Preact's input typing discriminates on a literal `type`; both of ours are text-like inputs.
            type={(secret && !shown ? 'password' : 'text') as 'text'}
            class={secret ? 'mono' : undefined}
            autoComplete={props.autoComplete ?? 'off'}
            inputMode={props.inputMode}
            onInput={(event) => onValue(event.currentTarget.value)}
          />
        )}
        {secret && props.onToggle ? (
          <RevealButton what={labelInSentence(label)} shown={shown} onToggle={props.onToggle} controls={id} />
        ) : null}
        {props.children}
      </div>
      {error !== undefined ? (
        <p id={errorId} class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
