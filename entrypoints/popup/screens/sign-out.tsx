import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { BusyButton } from '../components/busy-button';
import { MessageArea } from '../components/message-area';
import { Screen } from '../components/screen';
import type { PopupDeps } from '../models/popup-deps';
import { SignOutModel } from '../models/sign-out-model';

export function SignOut({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new SignOutModel(deps));
  const { task } = model;
  useEffect(() => {
    void model.load();
  }, [model]);
  const unsynced = model.unsynced.value;
  const busy = task.busy.value;
  return (
    <Screen title="Sign out">
      {unsynced === null ? null : unsynced.length === 0 ? (
        <p class="lead">
          Sign out of Latchkey on this browser? Your data stays on the server. To sign in again you need your
          password and your Authentication Kit.
        </p>
      ) : (
        <>
          <p class="caution">
            These changes have not reached the server yet. Signing out now deletes them for good:
          </p>
          <ul class="unsynced">
            {unsynced.map((change) => (
              <li key={change.id}>{change.title}</li>
            ))}
          </ul>
        </>
      )}
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        {unsynced === null && task.error.value !== null ? (
          <BusyButton variant="secondary" onClick={model.load} busy={busy}>
            Try again
          </BusyButton>
        ) : null}
        {unsynced === null ? null : (
          <BusyButton variant="danger" onClick={model.confirm} busy={busy}>
            {unsynced.length === 0 ? 'Sign out' : 'Sign out and discard'}
          </BusyButton>
        )}
        <button type="button" class="button link" onClick={model.cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </Screen>
  );
}
