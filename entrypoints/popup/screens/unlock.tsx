import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { TextField } from '../components/text-field';
import type { PopupDeps } from '../models/popup-deps';
import { UNLOCK_PASSWORD_FIELD, UnlockModel } from '../models/unlock-model';

export function Unlock({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new UnlockModel(deps));
  const { task } = model;
  return (
    <Screen title="Unlock" focus="field">
      <p class="account">{model.email.value}</p>
      <Notice text={model.notice.value} tone={model.passwordChanged.value ? 'warning' : 'info'} />
      <Form onSubmit={model.submit} error={task.error}>
        <TextField
          id={UNLOCK_PASSWORD_FIELD}
          label={model.label.value}
          type="password"
          value={model.password}
          autoComplete="current-password"
          error={task.error}
          autofocus
        />
        <MessageArea error={task.error} progress={task.progress} />
        <div class="actions">
          <BusyButton type="submit" variant="primary" busy={task.busy.value}>
            Unlock
          </BusyButton>
          <button type="button" class="button link" onClick={model.forgot} disabled={task.busy.value}>
            Forgot password?
          </button>
        </div>
      </Form>
    </Screen>
  );
}
