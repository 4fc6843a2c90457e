import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { Checkbox } from '../components/checkbox';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { NewPasswordFields } from '../components/new-password-fields';
import { Screen } from '../components/screen';
import { TextField } from '../components/text-field';
import { CHANGE_PASSWORD_FIELDS as F, ChangePasswordModel } from '../models/change-password-model';
import type { PopupDeps } from '../models/popup-deps';

export function ChangePassword({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new ChangePasswordModel(deps));
  const { task } = model;
  return (
    <Screen title="Change password" focus="field">
      <Form onSubmit={model.submit} error={task.error}>
        <TextField
          id={F.current}
          label="Current password"
          type="password"
          value={model.current}
          autoComplete="current-password"
          error={task.error}
          autofocus
        />
        <NewPasswordFields
          ids={{ password: F.next, confirm: F.confirm, meter: 'change-meter' }}
          label="New password"
          password={model.next}
          onPassword={model.setNext}
          confirm={model.confirm}
          meter={model.meter}
          error={task.error}
        />
        <Checkbox
          id="change-email-kit"
          label="Email me my new kit"
          checked={model.emailKit}
          description="Your other browsers will ask for the new password. Old QR codes stop working."
        />
        <MessageArea error={task.error} progress={task.progress} />
        <div class="actions">
          <BusyButton type="submit" variant="primary" busy={task.busy.value}>
            Change password
          </BusyButton>
          <button type="button" class="button link" onClick={model.cancel} disabled={task.busy.value}>
            Cancel
          </button>
        </div>
      </Form>
    </Screen>
  );
}
