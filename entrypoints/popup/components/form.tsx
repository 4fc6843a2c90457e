import type { ComponentChildren } from 'preact';
import { useSignalEffect, type ReadonlySignal } from '@preact/signals';
import type { UserError } from '../models/user-error';

interface FormProps {
  onSubmit: () => void;
  /** When an error names a field, focus moves there so the user can fix it straight away. */
  error: ReadonlySignal<UserError | null>;
  children: ComponentChildren;
  label?: string;
}

export function Form({ onSubmit, error, children, label }: FormProps) {
  useSignalEffect(() => {
    const field = error.value?.field;
    if (field === undefined) return;
    const input = document.getElementById(field);
    input?.focus();
    if (input instanceof HTMLInputElement && input.type !== 'checkbox' && input.type !== 'file')
      input.select();
  });
  return (
    <form
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
