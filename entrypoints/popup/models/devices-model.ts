import { computed, createModel, signal } from '@preact/signals';
import type { DeviceInfo } from '../../../lib/messaging/protocol';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

/**
 * Devices signed in to the account, with revoke (DESIGN §1): a revoked device is signed out at its next
 * contact with the server. Revoking asks for confirmation, naming the device.
 */
export const DevicesModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const devices = signal<DeviceInfo[] | null>(null);
  const confirming = signal<DeviceInfo | null>(null);
  const task = createTask();

  return {
    devices,
    confirming,
    task,
    others: computed(() => devices.value?.filter((device) => !device.current) ?? []),
    async load() {
      const list = await task.run('Loading devices…', () => send('devices.list', {}), {
        onFailure: app.followFailure,
      });
      if (list !== null) devices.value = list;
    },
    askRevoke(device: DeviceInfo) {
      if (device.current) return;
      task.setError(null);
      confirming.value = device;
    },
    cancelRevoke() {
      confirming.value = null;
    },
    async confirmRevoke() {
      const device = confirming.value;
      if (device === null) return;
      const list = await task.run(
        `Revoking ${device.name}…`,
        () => send('devices.revoke', { id: device.id }),
        {
          onFailure: app.followFailure,
        },
      );
      if (list === null) return;
      devices.value = list;
      confirming.value = null;
    },
    back() {
      app.go({ screen: 'settings' });
    },
  };
});

export type DevicesModel = InstanceType<typeof DevicesModel>;
