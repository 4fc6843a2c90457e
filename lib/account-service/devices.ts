import { ApiError } from '../api/api-error';
import type { Device } from '../api/account';
import type { DeviceInfo } from '../messaging/protocol';
import type { AccountServiceDeps } from './deps';
import type { DeviceState } from './device-state';

/** The account's signed-in browsers (one per session), for the settings screen. */
export async function listDevices(
  state: DeviceState,
  deps: Pick<AccountServiceDeps, 'api'>,
): Promise<DeviceInfo[]> {
  const { devices } = await deps.api(state.serverUrl, state.token).call('devices');
  return devices.map(toDeviceInfo);
}

/**
 * Signs another browser out; its next request gets session-revoked and it says so (DESIGN §6). A device that
 * is already gone (not-found) is what the user wanted, so that is not an error. Answers the list afterwards.
 */
export async function revokeDevice(
  state: DeviceState,
  id: string,
  deps: Pick<AccountServiceDeps, 'api'>,
): Promise<DeviceInfo[]> {
  try {
    await deps.api(state.serverUrl, state.token).call('revokeDevice', { params: { id } });
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'not-found')) throw error;
  }
  return listDevices(state, deps);
}

function toDeviceInfo(device: Device): DeviceInfo {
  return {
    id: device.id,
    name: device.name,
    kind: device.kind,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt.toISOString(),
    current: device.current,
  };
}
