import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { Checkbox } from '../components/checkbox';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { NewPasswordFields } from '../components/new-password-fields';
import { Screen } from '../components/screen';
import { ServerField } from '../components/server-field';
import { TextField } from '../components/text-field';
import type { PopupDeps } from '../models/popup-deps';
import { SIGN_UP_FIELDS as F, SignUpModel } from '../models/sign-up-model';

export function SignUp({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new SignUpModel(deps));
  const { task } = model;
  return (
    <Screen title="Create account" focus="field">
      <Form onSubmit={model.submit} error={task.error}>
        <TextField
          id={F.email}
          label="Email"
          type="email"
          value={model.email}
          onValue={model.setEmail}
          autoComplete="username"
          error={task.error}
          autofocus
        />
        <NewPasswordFields
          ids={{ password: F.password, confirm: F.confirm, meter: 'sign-up-meter' }}
          label="Password"
          password={model.password}
          onPassword={model.setPassword}
          confirm={model.confirm}
          meter={model.meter}
          error={task.error}
        />
        <ServerField id={F.server} value={model.serverUrl} error={task.error} />
        <Checkbox
          id="sign-up-email-kit"
          label="Email me my kit"
          checked={model.emailKit}
          description="Whoever can read that email and also knows your password could sign in as you."
        />
        <MessageArea error={task.error} progress={task.progress} />
        <div class="actions">
          <BusyButton type="submit" variant="primary" busy={task.busy.value}>
            Create account
          </BusyButton>
          <button type="button" class="button link" onClick={() => deps.app.go({ screen: 'welcome' })}>
            Back
          </button>
        </div>
      </Form>
    </Screen>
  );
}
