import type { KitArtifacts } from '../messaging/protocol';
import type { AccountServiceDeps } from './deps';
import type { DeviceState } from './device-state';
import { issueKit } from './kit-artifacts';
import { openAccount } from './open-account-key';

/**
 * "Show my QR code", "Download the kit", "Re-send the kit email": a fresh kit of the current epoch. The
 * password is asked again (WrongPasswordError otherwise): it opens the Account Key, and it is what the kit is
 * wrapped under.
 */
export async function makeKit(
  state: DeviceState,
  password: string,
  sendEmail: boolean,
  deps: Pick<AccountServiceDeps, 'api' | 'now' | 'kdfParams'>,
): Promise<KitArtifacts> {
  const { accountKey } = await openAccount(state, password);
  return issueKit(
    {
      serverUrl: state.serverUrl,
      token: state.token,
      accountId: state.accountId,
      email: state.email,
      keyEpoch: state.keyEpoch,
      password,
      accountKey,
      sendEmail,
    },
    deps,
  );
}
