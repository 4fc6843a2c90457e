import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { Checkbox } from '../components/checkbox';
import { FileButton } from '../components/file-button';
import { Form } from '../components/form';
import { MessageArea } from '../components/message-area';
import { NewPasswordFields } from '../components/new-password-fields';
import { Screen } from '../components/screen';
import { ServerField } from '../components/server-field';
import { TextField } from '../components/text-field';
import type { PopupDeps } from '../models/popup-deps';
import { RECOVERY_USE_FIELDS as F, RecoveryUseModel } from '../models/recovery-use-model';

const KIT_TYPES = 'image/png,image/jpeg,image/webp,application/pdf';

export function RecoveryUse({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new RecoveryUseModel(deps));
  const { task } = model;
  const busy = task.busy.value;
  return (
    <Screen title="Use my Recovery Kit" focus="field">
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
        <ServerField id={F.server} value={model.serverUrl} error={task.error} />
        <fieldset class="kit-source">
          <legend>Your Recovery Kit</legend>
          {model.hasFile.value ? (
            <div class="file-read">
              <p role="status">Read from {model.fileName.value}</p>
              <button type="button" class="button link" onClick={model.clearFile}>
                Type the codes instead
              </button>
            </div>
          ) : (
            <>
              <FileButton
                id={F.file}
                label="Upload Recovery Kit"
                inputLabel="Recovery Kit image or PDF"
                accept={KIT_TYPES}
                onFile={model.readFile}
                blocked={busy}
              />
              <p class="hint">or type the codes printed on it:</p>
              <TextField
                id={F.accountKey}
                label="Account Key"
                value={model.accountKey}
                error={task.error}
                autoComplete="off"
              />
              <TextField
                id={F.recoveryCode}
                label="Recovery code"
                value={model.recoveryCode}
                error={task.error}
                autoComplete="off"
              />
            </>
          )}
        </fieldset>
        <NewPasswordFields
          ids={{ password: F.password, confirm: F.confirm, meter: 'recovery-meter' }}
          label="New password"
          password={model.newPassword}
          onPassword={model.setNewPassword}
          confirm={model.confirm}
          meter={model.meter}
          error={task.error}
        />
        <Checkbox id="recovery-email-kit" label="Email me my new kit" checked={model.emailKit} />
        <MessageArea error={task.error} progress={task.progress} />
        <div class="actions">
          <BusyButton type="submit" variant="primary" busy={busy}>
            Set new password
          </BusyButton>
          <button
            type="button"
            class="button link"
            onClick={() => deps.app.go({ screen: 'forgot-password' })}
          >
            Back
          </button>
        </div>
      </Form>
    </Screen>
  );
}
