import type { AccountServiceDeps } from './deps';
import type { DeviceState } from './device-state';

/** How long a sign-out waits for the server before giving up on telling it. */
export const SIGN_OUT_TIMEOUT_MS = 5_000;

/**
 * Ends this device's session on the server, best effort: the device forgets its state whatever happens here,
 * so an unreachable, slow or refusing server (already revoked, password changed) must neither fail nor hold up
 * a sign-out. Answers whether the server confirmed it.
 */
export async function signOut(state: DeviceState, deps: Pick<AccountServiceDeps, 'api'>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), SIGN_OUT_TIMEOUT_MS);
  });
  const logout = deps
    .api(state.serverUrl, state.token)
    .call('logout')
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([logout, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
