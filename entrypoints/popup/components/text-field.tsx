import type { ReadonlySignal, Signal } from '@preact/signals';
import type { UserError } from '../models/user-error';

interface TextFieldProps {
  id: string;
  label: string;
  value: Signal<string>;
  /** Instead of writing `value` directly (e.g. to also update a strength meter). */
  onValue?: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url';
  autoComplete?: string;
  /** The form's error: the field is marked invalid and described by it when the error names this field. */
  error?: ReadonlySignal<UserError | null>;
  autofocus?: boolean;
  disabled?: boolean;
  spellcheck?: boolean;
  /** Ids of elements that explain the field (the strength meter, a hint). */
  describedBy?: string;
  inputMode?: 'text' | 'email' | 'url' | 'numeric';
}

/** A labelled input bound to a signal: what the user typed is never lost when something goes wrong. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, error } = props;
  const invalid = error?.value?.field === id;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // Preact's input typing discriminates on a literal `type`; any of ours is a text-like input.
        type={(props.type ?? 'text') as 'text'}
        value={value.value}
        onInput={(event) => {
          const next = event.currentTarget.value;
          if (props.onValue) props.onValue(next);
          else value.value = next;
        }}
        autoComplete={props.autoComplete}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={props.describedBy}
        data-autofocus={props.autofocus ? '' : undefined}
        disabled={props.disabled}
        spellcheck={props.spellcheck ?? false}
        inputMode={props.inputMode}
        autoCapitalize="off"
      />
    </div>
  );
}
