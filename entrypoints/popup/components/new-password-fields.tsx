import type { ReadonlySignal, Signal } from '@preact/signals';
import type { PasswordMeterModel } from '../models/password-meter-model';
import type { UserError } from '../models/user-error';
import { PasswordMeter } from './password-meter';
import { TextField } from './text-field';

interface NewPasswordFieldsProps {
  /** Input ids, as the screen's model names them (its errors point at them). */
  ids: { password: string; confirm: string; meter: string };
  /** "Password" at sign-up; "New password" when one is being replaced ("Confirm …" follows). */
  label: 'Password' | 'New password';
  password: Signal<string>;
  /** Writes the password and updates the meter. */
  onPassword: (value: string) => void;
  confirm: Signal<string>;
  meter: PasswordMeterModel;
  error: ReadonlySignal<UserError | null>;
}

/** A new password, its strength meter and its confirmation: sign-up, password change and recovery. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { ids, label, error } = props;
  return (
    <>
      <TextField
        id={ids.password}
        label={label}
        type="password"
        value={props.password}
        onValue={props.onPassword}
        autoComplete="new-password"
        error={error}
        describedBy={ids.meter}
      />
      <PasswordMeter id={ids.meter} meter={props.meter} />
      <TextField
        id={ids.confirm}
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        value={props.confirm}
        autoComplete="new-password"
        error={error}
      />
    </>
  );
}
