import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { Screen } from '../components/screen';
import { ServerField } from '../components/server-field';
import { TextField } from '../components/text-field';
import type { PopupDeps } from '../models/popup-deps';
import type { SignInRetry } from '../models/route';
import { SIGN_IN_FIELDS as F, SignInModel } from '../models/sign-in-model';

export function SignIn({ deps, retry }: { deps: PopupDeps; retry?: SignInRetry }) {
  const model = useModel(() => new SignInModel(deps, retry));
  const { task } = model;
  return (
    <Screen title="Sign in" focus="field">
      <Form onSubmit={model.submit} error={task.error}>
        <TextField
          id={F.email}
          label="Email"
          type="email"
          value={model.email}
          autoComplete="username"
          error={task.error}
          autofocus
        />
        <TextField
          id={F.password}
          label="Password"
          type="password"
          value={model.password}
          autoComplete="current-password"
          error={task.error}
        />
        <ServerField id={F.server} value={model.serverUrl} error={task.error} />
        <p class="hint">Next, you will show Latchkey your Authentication Kit: its QR code or key file.</p>
        <MessageArea error={task.error} progress={task.progress} />
        <div class="actions">
          <BusyButton type="submit" variant="primary" busy={task.busy.value}>
            Continue
          </BusyButton>
          <button type="button" class="button link" onClick={() => deps.app.go({ screen: 'welcome' })}>
            Back
          </button>
          <button
            type="button"
            class="button link push-end"
            onClick={() => deps.app.go({ screen: 'forgot-password' })}
          >
            Forgot password?
          </button>
        </div>
      </Form>
    </Screen>
  );
}
