import * as v from 'valibot';
import type { AccountResponse } from '../api/account';
import { ApiError } from '../api/api-error';
import type { AccountServiceDeps } from './deps';
import { DeviceStateSchema, type DeviceState } from './device-state';
import { logInAgain } from './session-login';
import type { UnlockedKeys } from './unlocked-keys';

/**
 * Asks the server where the account stands (after unlock, on a sync error, periodically) and returns the
 * refreshed state. An expired session is renewed silently with the kept login secret (no password prompt);
 * every other failure propagates as the ApiError the background turns into a notice: 'session-revoked'
 * (signed out from another device), 'password-changed' (ask for the NEW password), 'unauthorized' (signed out
 * or the account was reset), 'network', 'rate-limited'…
 */
export async function checkAccount(
  state: DeviceState,
  keys: UnlockedKeys,
  deps: Pick<AccountServiceDeps, 'api' | 'deviceName'>,
): Promise<DeviceState> {
  let account: AccountResponse;
  try {
    account = await deps.api(state.serverUrl, state.token).call('account');
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'session-expired')) throw error;
    // The login grant carries what GET /v1/account would have said (epoch, recovery).
    return (await logInAgain(state, keys.loginSecret, deps)).state;
  }
  if (account.accountId !== state.accountId) {
    throw new ApiError(401, 'unauthorized', 'The session belongs to another account');
  }
  // Our session survived, yet the epoch moved: a change this device made whose answer was lost. The keys on
  // disk are the old epoch's, so the device needs the new password, exactly as after a change elsewhere.
  if (account.keyEpoch !== state.keyEpoch) {
    throw new ApiError(401, 'password-changed', 'The password was changed');
  }
  return v.parse(DeviceStateSchema, { ...state, hasRecovery: account.hasRecovery });
}
