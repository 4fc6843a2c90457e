import type { ReadonlySignal, Signal } from '@preact/signals';
import type { UserError } from '../models/user-error';
import { TextField } from './text-field';

interface ServerFieldProps {
  id: string;
  value: Signal<string>;
  error: ReadonlySignal<UserError | null>;
}

/** The sync server's address (prefilled with the last one used); labelled "Server" on every screen. */
export function ServerField({ id, value, error }: ServerFieldProps) {
  return (
    <TextField
      id={id}
      label="Server"
      type="url"
      value={value}
      error={error}
      autoComplete="url"
      inputMode="url"
    />
  );
}
