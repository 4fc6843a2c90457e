import { createKit, parseKit } from '../account/kit-payload';
import { newKdfSpec, QR_KDF_DEFAULT } from '../account/key-hierarchy';
import { ApiError } from '../api/api-error';
import type { KitArtifacts } from '../messaging/protocol';
import { nowOf, type AccountServiceDeps } from './deps';

/**
 * Makes an Authentication Kit of the account's current epoch (one run of the QR KDF) and, when asked, has the
 * server email it. The email is a convenience on top of a kit the user is shown anyway, so a failure to send
 * it (mail down, rate limit, network) never fails the operation that made the kit: that operation may already
 * have changed the account (sign-up, password change). It comes back as `emailed: false` and the popup offers
 * to download the kit or try again.
 */
export async function issueKit(
  input: {
    serverUrl: string;
    token: string;
    accountId: string;
    email: string;
    keyEpoch: number;
    password: string;
    accountKey: Uint8Array;
    sendEmail: boolean;
  },
  deps: Pick<AccountServiceDeps, 'api' | 'now' | 'kdfParams'>,
): Promise<KitArtifacts> {
  const payloadText = await createKit({
    accountId: input.accountId,
    email: input.email,
    keyEpoch: input.keyEpoch,
    password: input.password,
    accountKey: input.accountKey,
    createdAt: nowOf(deps),
    qrKdf: newKdfSpec(deps.kdfParams?.qr ?? QR_KDF_DEFAULT),
  });
  const kit = parseKit(payloadText);
  let emailed: boolean | null = null;
  if (input.sendEmail) {
    try {
      await deps.api(input.serverUrl, input.token).call('kitEmail', { body: { payloadText } });
      emailed = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      emailed = false;
    }
  }
  return { payloadText, email: kit.email, createdAt: kit.createdAt.toISOString(), emailed };
}
