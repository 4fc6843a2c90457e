import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { Screen } from '../components/screen';
import { TextField } from '../components/text-field';
import type { PopupDeps } from '../models/popup-deps';
import { REAUTH_PASSWORD_FIELD, ReauthModel } from '../models/reauth-model';

const COPY = {
  'show-qr': {
    title: 'Show my QR code',
    text: 'Enter your password to see your Authentication Kit and download it again.',
  },
  'email-kit': {
    title: 'Email me my kit',
    text: 'Enter your password to get your Authentication Kit by email. Anyone who reads that email and knows your password could sign in as you.',
  },
} as const;

export function Reauth({ deps, purpose }: { deps: PopupDeps; purpose: 'show-qr' | 'email-kit' }) {
  const model = useModel(() => new ReauthModel(deps, purpose));
  const { task } = model;
  const copy = COPY[purpose];
  return (
    <Screen title={copy.title} focus="field">
      <Form onSubmit={model.submit} error={task.error}>
        <p class="lead">{copy.text}</p>
        <TextField
          id={REAUTH_PASSWORD_FIELD}
          label="Password"
          type="password"
          value={model.password}
          autoComplete="current-password"
          error={task.error}
          autofocus
        />
        <MessageArea error={task.error} progress={task.progress} />
        <div class="actions">
          <BusyButton type="submit" variant="primary" busy={task.busy.value}>
            {copy.title}
          </BusyButton>
          <button type="button" class="button link" onClick={model.cancel} disabled={task.busy.value}>
            Cancel
          </button>
        </div>
      </Form>
    </Screen>
  );
}
