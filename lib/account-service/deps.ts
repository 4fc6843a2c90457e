import type { ApiClient } from '../api/client';
import type { Argon2idParams } from '../crypto/argon2id';

/**
 * What the account operations need from their host (the background, or a test): a way to reach a server, this
 * device's name for the devices list, and a clock. Passed as a parameter, never looked up (CONVENTIONS.md).
 */
export interface AccountServiceDeps {
  /** A client for `serverUrl`, with the session `token` when given. */
  api(serverUrl: string, token?: string | null): ApiClient;
  /** Shown in the devices list of the account's other devices, e.g. "Chrome on Linux". */
  deviceName: string;
  /** Defaults to the system clock; dates kits and recovery kits. */
  now?: () => Date;
  /**
   * KDF parameters for NEW keys (sign-up, password change, new kits). Defaults: ARGON2ID_DEFAULT for the
   * account KDF and QR_KDF_DEFAULT for the kit. lib/crypto refuses anything below its floor either way.
   */
  kdfParams?: { account?: Argon2idParams; qr?: Argon2idParams };
}

export function nowOf(deps: Pick<AccountServiceDeps, 'now'>): Date {
  return deps.now?.() ?? new Date();
}
