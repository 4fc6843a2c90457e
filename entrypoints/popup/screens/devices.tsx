import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { formatDate } from '../../../lib/account/errors';
import type { DeviceInfo } from '../../../lib/messaging/protocol';
import { BusyButton } from '../components/busy-button';
import { MessageArea } from '../components/message-area';
import { Screen } from '../components/screen';
import { useFocusOnMount } from '../components/use-focus-on-mount';
import { DevicesModel } from '../models/devices-model';
import type { PopupDeps } from '../models/popup-deps';

const KIND: Record<DeviceInfo['kind'], string> = {
  full: 'Browser',
  recovery: 'Recovery Kit sign-in',
};

export function Devices({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new DevicesModel(deps));
  const { task } = model;
  useEffect(() => {
    void model.load();
  }, [model]);
  const confirming = model.confirming.value;
  return (
    <Screen title="Devices">
      {confirming !== null ? (
        <RevokeConfirm model={model} device={confirming} />
      ) : (
        <DeviceList model={model} />
      )}
      <MessageArea error={task.error} progress={task.progress} />
      {confirming === null ? (
        <div class="actions">
          <button type="button" class="button link" onClick={model.back}>
            Back
          </button>
        </div>
      ) : null}
    </Screen>
  );
}

function DeviceList({ model }: { model: DevicesModel }) {
  const devices = model.devices.value;
  if (devices === null) return <p class="placeholder">Loading…</p>;
  return (
    <ul class="devices">
      {devices.map((device) => (
        <li key={device.id}>
          <p class="device-name">
            {device.name}
            {device.current ? <span class="badge">This device</span> : null}
          </p>
          <p class="device-meta">
            {KIND[device.kind]} · added {formatDate(new Date(device.createdAt))} · last seen{' '}
            {formatDate(new Date(device.lastSeenAt))}
          </p>
          {device.current ? null : (
            <button type="button" class="button danger-outline small" onClick={() => model.askRevoke(device)}>
              Revoke {device.name}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function RevokeConfirm({ model, device }: { model: DevicesModel; device: DeviceInfo }) {
  useFocusOnMount('revoke-title');
  const busy = model.task.busy.value;
  return (
    <div class="confirm" role="group" aria-labelledby="revoke-title">
      <p id="revoke-title" tabIndex={-1}>
        <strong>Revoke {device.name}?</strong>
      </p>
      <p>
        It is signed out the next time it contacts the server, and needs your Authentication Kit and password
        to sign in again.
      </p>
      <div class="actions">
        <BusyButton variant="danger" onClick={model.confirmRevoke} busy={busy}>
          Revoke
        </BusyButton>
        <button type="button" class="button link" onClick={model.cancelRevoke} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
