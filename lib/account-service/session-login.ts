import { ApiError } from '../api/api-error';
import type { SessionGrant } from '../api/auth';
import type { ApiClient } from '../api/client';
import { opaqueLogin } from '../api/opaque-client';
import type { AccountServiceDeps } from './deps';
import { withSession, type DeviceState } from './device-state';
import { prelogin } from './prelogin';

/**
 * An OPAQUE login with a 32-byte login secret (lib/api/README.md). When the OPAQUE client itself rejects the
 * server's answer (wrong secret, or an unknown email's fake answer), this throws the same ApiError
 * 'invalid-credentials' the server would, so callers handle one failure, not two.
 */
export async function logIn(
  serverUrl: string,
  email: string,
  loginSecret: Uint8Array,
  deps: Pick<AccountServiceDeps, 'api' | 'deviceName'>,
): Promise<SessionGrant> {
  const api = deps.api(serverUrl);
  const { answer, finishLoginRequest } = await opaqueLogin(loginSecret, (startLoginRequest) =>
    api.call('loginStart', { body: { email, startLoginRequest } }),
  );
  if (finishLoginRequest === null) {
    throw new ApiError(401, 'invalid-credentials', 'The server’s login answer did not verify');
  }
  return api.call('loginFinish', {
    body: { loginId: answer.loginId, finishLoginRequest, deviceName: deps.deviceName },
  });
}

/**
 * A new session for a signed-in device, from the login secret it already has (after the password opened the
 * Account Key, or kept while unlocked). If the login is refused although the secret opened this device's keys,
 * the account moved on: a newer key epoch means the password was changed elsewhere ('password-changed': ask for
 * the new one); otherwise the device is simply no longer signed in ('unauthorized').
 */
export async function logInAgain(
  state: DeviceState,
  loginSecret: Uint8Array,
  deps: Pick<AccountServiceDeps, 'api' | 'deviceName'>,
): Promise<{ state: DeviceState; grant: SessionGrant }> {
  let grant: SessionGrant;
  try {
    grant = await logIn(state.serverUrl, state.email, loginSecret, deps);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'invalid-credentials')) throw error;
    const now = await prelogin(state.serverUrl, state.email, deps);
    if (now.keyEpoch > state.keyEpoch) {
      throw new ApiError(401, 'password-changed', 'The password was changed on another device');
    }
    throw new ApiError(401, 'unauthorized', 'This device can no longer sign in to the account');
  }
  if (grant.accountId !== state.accountId) {
    throw new ApiError(401, 'unauthorized', 'The account under this email is not this device’s account');
  }
  if (grant.keyEpoch !== state.keyEpoch) {
    throw new ApiError(401, 'password-changed', 'The password was changed on another device');
  }
  return { state: withSession(state, grant), grant };
}

/**
 * Runs an action that needs a recent login (the server's reauth-required: password change, Recovery Kit) or a
 * live session. On reauth-required or session-expired it logs in again with `loginSecret` and retries once;
 * the superseded session is logged out (best effort) so the devices list does not show this browser twice.
 */
export async function withRecentSession<T>(
  state: DeviceState,
  loginSecret: Uint8Array,
  deps: Pick<AccountServiceDeps, 'api' | 'deviceName'>,
  action: (session: ApiClient) => Promise<T>,
): Promise<{ state: DeviceState; value: T }> {
  try {
    return { state, value: await action(deps.api(state.serverUrl, state.token)) };
  } catch (error) {
    if (!(
      error instanceof ApiError &&
      (error.code === 'reauth-required' || error.code === 'session-expired')
    )) {
      throw error;
    }
  }
  const fresh = await logInAgain(state, loginSecret, deps);
  await deps
    .api(state.serverUrl, state.token)
    .call('logout')
    .catch(() => undefined);
  return { state: fresh.state, value: await action(deps.api(state.serverUrl, fresh.state.token)) };
}
