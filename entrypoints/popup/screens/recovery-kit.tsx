import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { Checkbox } from '../components/checkbox';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { TextField } from '../components/text-field';
import { useFocusOnMount } from '../components/use-focus-on-mount';
import type { PopupDeps } from '../models/popup-deps';
import { RECOVERY_PASSWORD_FIELD, RecoveryKitModel } from '../models/recovery-kit-model';

interface RecoveryKitProps {
  deps: PopupDeps;
  from: 'sign-up' | 'settings';
}

export function RecoveryKit({ deps, from }: RecoveryKitProps) {
  const model = useModel(() => new RecoveryKitModel(deps, from));
  return (
    <Screen title="Recovery Kit">
      {model.stage.value === 'offer' ? <Offer model={model} /> : null}
      {model.stage.value === 'password' ? <PasswordStep model={model} /> : null}
      {model.stage.value === 'result' ? <Result model={model} /> : null}
      {model.stage.value === 'removed' ? (
        <>
          <FocusHeading />
          <Notice text="Your Recovery Kit was removed. The printed one no longer works." tone="success" />
          <div class="actions">
            <button type="button" class="button secondary" onClick={model.skip}>
              Back
            </button>
          </div>
        </>
      ) : null}
    </Screen>
  );
}

function Offer({ model }: { model: RecoveryKitModel }) {
  useFocusOnMount('screen-recovery-kit');
  const fromSignUp = model.from.value === 'sign-up';
  const has = model.hasRecovery.value;
  return (
    <>
      <p class="lead">
        If you forget your password, a Recovery Kit lets you set a new one without losing anything. Latchkey
        cannot do that for you: nobody but you holds your keys.
      </p>
      <p class="caution">
        Print it and lock it away: with this page and access to your email, someone could take over your
        account.
      </p>
      {has ? <p>You have a Recovery Kit. Replacing it makes the old one stop working.</p> : null}
      <div class="actions stacked">
        {has ? (
          <>
            <button type="button" class="button primary" onClick={() => model.askPassword('create')}>
              Replace Recovery Kit
            </button>
            <button type="button" class="button danger" onClick={() => model.askPassword('remove')}>
              Remove Recovery Kit
            </button>
          </>
        ) : (
          <button type="button" class="button primary" onClick={() => model.askPassword('create')}>
            Create Recovery Kit
          </button>
        )}
        <button type="button" class="button secondary" onClick={model.skip}>
          {fromSignUp ? 'Not now' : 'Back'}
        </button>
      </div>
    </>
  );
}

function PasswordStep({ model }: { model: RecoveryKitModel }) {
  const { task } = model;
  const create = model.intent.value === 'create';
  useFocusOnMount(RECOVERY_PASSWORD_FIELD);
  const action = create
    ? model.hasRecovery.value
      ? 'Replace Recovery Kit'
      : 'Create Recovery Kit'
    : 'Remove Recovery Kit';
  return (
    <Form onSubmit={model.confirmPassword} error={task.error}>
      <p>Enter your password to {create ? 'make your Recovery Kit' : 'remove your Recovery Kit'}.</p>
      <TextField
        id={RECOVERY_PASSWORD_FIELD}
        label="Password"
        type="password"
        value={model.password}
        autoComplete="current-password"
        error={task.error}
        autofocus
      />
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        <BusyButton type="submit" variant={create ? 'primary' : 'danger'} busy={task.busy.value}>
          {action}
        </BusyButton>
        <button type="button" class="button link" onClick={model.cancelPassword} disabled={task.busy.value}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

function Result({ model }: { model: RecoveryKitModel }) {
  const kit = model.artifacts.value;
  const { task } = model;
  useFocusOnMount('recovery-kit-result');
  if (kit === null) return null;
  return (
    <>
      <h2 id="recovery-kit-result" tabIndex={-1}>
        Your Recovery Kit
      </h2>
      <p class="lead">Print this or save the PDF somewhere offline. It is shown only now.</p>
      <dl class="codes">
        <dt>Account Key</dt>
        <dd>
          <code>{kit.accountKey}</code>
        </dd>
        <dt>Recovery code</dt>
        <dd>
          <code>{kit.recoveryCode}</code>
        </dd>
      </dl>
      <div class="actions">
        <BusyButton onClick={model.downloadPdf} busy={task.busy.value}>
          Download Recovery Kit PDF
        </BusyButton>
      </div>
      <Checkbox
        id="recovery-kit-saved"
        label="I have saved my Recovery Kit"
        checked={model.saved}
        onChange={model.setSaved}
      />
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        <button
          type="button"
          class="button primary"
          disabled={!model.canContinue.value}
          onClick={model.proceed}
        >
          Continue
        </button>
      </div>
    </>
  );
}

function FocusHeading() {
  useFocusOnMount('screen-recovery-kit');
  return null;
}
