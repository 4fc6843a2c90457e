import { useModel } from '@preact/signals';
import { MessageArea } from '../components/message-area';
import { NeverSites } from '../components/never-sites';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { useFocusOnMount } from '../components/use-focus-on-mount';
import type { PopupDeps } from '../models/popup-deps';
import {
  CLIPBOARD_CLEAR_LIMIT,
  CLIPBOARD_CLEAR_OPTIONS,
  LOCK_TIMEOUT_OPTIONS,
  NEVER_LOCK_RISK,
  NEVER_LOCKS_WARNING,
  SettingsModel,
} from '../models/settings-model';

export function Settings({ deps, flash }: { deps: PopupDeps; flash: string | null }) {
  const model = useModel(() => new SettingsModel(deps, flash));
  const { task } = model;
  const busy = task.busy.value;
  return (
    <Screen title="Settings">
      <p class="account">{model.email.value}</p>
      <Notice text={model.message.value} tone="success" />
      <div class="field">
        <label for="lock-timeout">Lock timeout</label>
        <select
          id="lock-timeout"
          value={String(model.lockTimeout.value)}
          aria-busy={busy ? 'true' : undefined}
          onChange={(event) => {
            const select = event.currentTarget;
            const value = select.value;
            // The select shows the saved choice until the background (or the Never confirmation) agrees.
            select.value = String(model.lockTimeout.value);
            void model.chooseLockTimeout(value);
          }}
        >
          {LOCK_TIMEOUT_OPTIONS.map((option) => (
            <option key={String(option.value)} value={String(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {model.lockTimeout.value === 'never' ? <p class="caution">{NEVER_LOCKS_WARNING}</p> : null}
      {model.confirmingNever.value ? <NeverConfirm model={model} /> : null}
      <ClipboardClear model={model} busy={busy} />
      <MessageArea error={task.error} progress={task.progress} />
      <NeverSites deps={deps} />
      <nav class="settings-list" aria-label="Account">
        <button type="button" class="button secondary" onClick={model.showQr}>
          Show my QR code
        </button>
        <button type="button" class="button secondary" onClick={model.emailKit}>
          Email me my kit
        </button>
        <button type="button" class="button secondary" onClick={() => model.open('change-password')}>
          Change password
        </button>
        <button type="button" class="button secondary" onClick={() => model.open('devices')}>
          Devices
        </button>
        <button type="button" class="button secondary" onClick={model.recoveryKit}>
          Recovery Kit
        </button>
        <button type="button" class="button secondary" onClick={() => model.open('sign-out')}>
          Sign out
        </button>
        <button type="button" class="button danger-outline" onClick={model.resetAccount}>
          Reset account
        </button>
      </nav>
      <div class="actions">
        <button type="button" class="button link" onClick={model.back}>
          Back
        </button>
      </div>
    </Screen>
  );
}

function ClipboardClear({ model, busy }: { model: SettingsModel; busy: boolean }) {
  const seconds = model.clipboardClearSeconds.value;
  return (
    <div class="field">
      <label for="clipboard-clear">Clear clipboard after</label>
      <select
        id="clipboard-clear"
        value={seconds === null ? '' : String(seconds)}
        aria-busy={busy || seconds === null ? 'true' : undefined}
        aria-describedby="clipboard-clear-description"
        onChange={(event) => void model.chooseClipboardClear(event.currentTarget.value)}
      >
        {CLIPBOARD_CLEAR_OPTIONS.map((option) => (
          <option key={option.value} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
      <p id="clipboard-clear-description" class="description">
        {CLIPBOARD_CLEAR_LIMIT}
      </p>
    </div>
  );
}

function NeverConfirm({ model }: { model: SettingsModel }) {
  useFocusOnMount('never-lock-title');
  return (
    <div class="confirm" role="group" aria-labelledby="never-lock-title">
      <p id="never-lock-title" tabIndex={-1}>
        <strong>Never lock?</strong>
      </p>
      <p>{NEVER_LOCK_RISK}</p>
      <div class="actions">
        <button type="button" class="button danger" onClick={model.confirmNever}>
          Never lock
        </button>
        <button type="button" class="button link" onClick={model.cancelNever}>
          Keep locking
        </button>
      </div>
    </div>
  );
}
