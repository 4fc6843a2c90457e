import type { ReadonlySignal } from '@preact/signals';
import type { UserError } from '../models/user-error';

interface MessageAreaProps {
  error: ReadonlySignal<UserError | null>;
  progress?: ReadonlySignal<string | null>;
}

/**
 * Where a form says what is happening (role="status") or what went wrong (role="alert", DESIGN §6 wording).
 * Its height is reserved so a message appearing never pushes the buttons away from under the pointer.
 */
export function MessageArea({ error, progress }: MessageAreaProps) {
  const failure = error.value;
  const working = progress?.value ?? null;
  return (
    <div class="message-area">
      <p class="progress" role="status">
        {failure === null && working !== null ? (
          <>
            <span class="spinner" aria-hidden="true" />
            {working}
          </>
        ) : null}
      </p>
      {failure !== null ? (
        <div class="error" role="alert">
          <p>{failure.message}</p>
          {failure.hint !== undefined ? <p class="hint">{failure.hint}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
