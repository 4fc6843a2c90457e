import type { ComponentChildren } from 'preact';
import type { Signal } from '@preact/signals';

interface CheckboxProps {
  id: string;
  label: string;
  checked: Signal<boolean>;
  onChange?: (checked: boolean) => void;
  /** One line under the label saying what the choice means. */
  description?: ComponentChildren;
  disabled?: boolean;
}

export function Checkbox({ id, label, checked, onChange, description, disabled }: CheckboxProps) {
  const descriptionId = description === undefined ? undefined : `${id}-description`;
  return (
    <div class="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked.value}
        disabled={disabled}
        aria-describedby={descriptionId}
        onChange={(event) => {
          const next = event.currentTarget.checked;
          if (onChange) onChange(next);
          else checked.value = next;
        }}
      />
      <label for={id}>{label}</label>
      {description !== undefined ? (
        <p id={descriptionId} class="description">
          {description}
        </p>
      ) : null}
    </div>
  );
}
