import { useModel } from '@preact/signals';
import { maskEmail } from '../../../lib/account/email';
import { BusyButton } from '../components/busy-button';
import { Checkbox } from '../components/checkbox';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { Screen } from '../components/screen';
import { ServerField } from '../components/server-field';
import { TextField } from '../components/text-field';
import { useFocusOnMount } from '../components/use-focus-on-mount';
import type { PopupDeps } from '../models/popup-deps';
import { RESET_FIELDS as F, RESET_WARNING, ResetModel } from '../models/reset-model';

interface ResetAccountProps {
  deps: PopupDeps;
  from: 'forgot-password' | 'settings';
}

export function ResetAccount({ deps, from }: ResetAccountProps) {
  const model = useModel(() => new ResetModel(deps, from));
  return (
    <Screen title="Reset account" focus="field">
      {model.stage.value === 'request' ? <RequestCode model={model} /> : <ConfirmReset model={model} />}
    </Screen>
  );
}

function RequestCode({ model }: { model: ResetModel }) {
  const { task } = model;
  return (
    <Form onSubmit={model.requestCode} error={task.error}>
      <p class="lead">
        Without your password or a Recovery Kit, nobody can open your data, not even Latchkey. A reset deletes
        it and lets you start over with the same email.
      </p>
      {model.fixedAccount.value ? (
        <p class="account">{model.email.value}</p>
      ) : (
        <>
          <TextField
            id={F.email}
            label="Email"
            type="email"
            value={model.email}
            autoComplete="username"
            error={task.error}
            autofocus
          />
          <ServerField id={F.server} value={model.serverUrl} error={task.error} />
        </>
      )}
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        <BusyButton type="submit" variant="primary" busy={task.busy.value}>
          Email me a reset code
        </BusyButton>
        <button type="button" class="button link" onClick={model.back}>
          Back
        </button>
      </div>
    </Form>
  );
}

function ConfirmReset({ model }: { model: ResetModel }) {
  const { task } = model;
  useFocusOnMount(F.code);
  return (
    <Form onSubmit={model.reset} error={task.error}>
      <p>
        {model.fixedAccount.value
          ? `We emailed a code to ${model.email.value}. Enter it below.`
          : `If an account exists for ${maskEmail(model.email.value)}, we emailed it a code. Enter it below.`}
      </p>
      <TextField
        id={F.code}
        label="Reset code"
        value={model.code}
        autoComplete="one-time-code"
        error={task.error}
        inputMode="text"
      />
      <div class="danger-warning" role="alert">
        <strong>{RESET_WARNING}</strong>
      </div>
      <Checkbox
        id="reset-understood"
        label="I understand that everything in this account will be deleted"
        checked={model.understood}
      />
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        <BusyButton type="submit" variant="danger" busy={task.busy.value} disabled={!model.canReset.value}>
          Delete everything and reset
        </BusyButton>
        <button type="button" class="button link" onClick={model.back} disabled={task.busy.value}>
          Back
        </button>
      </div>
    </Form>
  );
}
