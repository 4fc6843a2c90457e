import * as opaque from '@serenity-kit/opaque';
import { ApiError } from '../../../lib/api/api-error';
import type { SessionGrant } from '../../../lib/api/auth';
import { ApiClient } from '../../../lib/api/client';
import { opaqueLogin, opaqueRegister } from '../../../lib/api/opaque-client';
import { opaquePassword } from '../../../lib/api/opaque-messages';
import {
  deriveRecoveryLoginSecret,
  deriveRecoveryWrapKey,
  generateRecoverySecret,
  wrapVaultKeyForRecovery,
} from '../../../lib/account/recovery-key';
import { generateAccountKey } from '../../../lib/account/account-key';
import {
  deriveDeviceSecret,
  derivePasswordKey,
  deriveLoginSecret,
  deriveUnlockKey,
  generateVaultKey,
  newKdfSpec,
  unwrapAccountKeyForDevices,
  wrapAccountKeyForDevices,
  wrapVaultKey,
  type KdfSpec,
} from '../../../lib/account/key-hierarchy';
import type { Keyset } from '../../../lib/api/fields';
import { ARGON2ID_MIN } from '../../../lib/crypto/argon2id';
import { randomBytes } from '../../../lib/crypto/random';

/**
 * A user as the extension would act for it, over the real API: keys from lib/account's key hierarchy, the real
 * OPAQUE client, the login secret (PWK ‖ AK through HKDF) as OPAQUE's password. Argon2id is the slow part
 * (~0.3 s), so a password is derived once (`derivePassword`) and shared by users, who differ by Account Key —
 * which is enough to make their login secrets, MUKs and wraps differ.
 */
export interface DerivedPassword {
  password: string;
  kdf: KdfSpec;
  pwk: Uint8Array;
}

export async function derivePassword(password: string): Promise<DerivedPassword> {
  await opaque.ready;
  const kdf = newKdfSpec(ARGON2ID_MIN);
  return { password, kdf, pwk: await derivePasswordKey(password, kdf) };
}

export const b64 = (data: Uint8Array): string => Buffer.from(data).toString('base64url');
/** The bytes of a secret in OPAQUE's string encoding (unpadded base64url). */
const bytes = (secret: string): Uint8Array => new Uint8Array(Buffer.from(secret, 'base64url'));

let counter = 0;
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Buffer.from(randomBytes(3)).toString('hex')}@example.com`;
}

export class TestUser {
  readonly accountKey = generateAccountKey();
  readonly vaultKey = generateVaultKey();
  readonly recoverySecret = generateRecoverySecret();
  accountId = '';
  keyEpoch = 1;

  constructor(
    readonly email: string,
    public credentials: DerivedPassword,
  ) {}

  /** OPAQUE's password input: the login secret, encoded as lib/api says (OPAQUE takes a string). */
  loginSecret(credentials = this.credentials): string {
    return opaquePassword(deriveLoginSecret(credentials.pwk, this.accountKey));
  }

  /** The Recovery Kit's login secret (recovery secret AND Account Key, DESIGN §2), encoded as OPAQUE takes it. */
  recoveryLoginSecret(): string {
    return opaquePassword(deriveRecoveryLoginSecret(this.recoverySecret, this.accountKey));
  }

  /** The device secret every device of this user keeps (HKDF of the Account Key; never sent). */
  get deviceSecret(): Uint8Array {
    return deriveDeviceSecret(this.accountKey);
  }

  /** The keyset a client uploads at sign-up and password change, the devices' Account Key box included. */
  async keyset(credentials = this.credentials, keyEpoch = this.keyEpoch): Promise<Keyset> {
    const ctx = { accountId: this.accountId, keyEpoch };
    const muk = deriveUnlockKey(credentials.pwk, this.accountKey);
    const wrapped = await wrapVaultKey(muk, this.vaultKey, ctx);
    const box = await wrapAccountKeyForDevices(credentials.pwk, this.deviceSecret, this.accountKey, ctx);
    return {
      kdf: { ...credentials.kdf.params },
      salt: b64(credentials.kdf.salt),
      wrappedVaultKey: b64(wrapped),
      accountKeyForDevices: b64(box),
    };
  }

  /**
   * What a device told "password changed" does with the box the server hands out: open it with the PWK of the
   * password it was given and the device secret it holds. Throws WrongPasswordError when it does not open.
   */
  openDeviceBox(box: string, credentials: DerivedPassword, keyEpoch: number): Promise<Uint8Array> {
    return unwrapAccountKeyForDevices(credentials.pwk, this.deviceSecret, bytes(box), {
      accountId: this.accountId,
      keyEpoch,
    });
  }

  /** Sign-up's first round trip and the client's OPAQUE finish; signupFinish is left to the caller. */
  async startSignUp(api: ApiClient): Promise<{ signupId: string; registrationRecord: string }> {
    let signupId = '';
    const registrationRecord = await opaqueRegister(
      bytes(this.loginSecret()),
      async (registrationRequest) => {
        const start = await api.call('signupStart', { body: { email: this.email, registrationRequest } });
        this.accountId = start.accountId;
        signupId = start.signupId;
        return start;
      },
    );
    return { signupId, registrationRecord };
  }

  async signUp(
    api: ApiClient,
    deviceName = 'Chromium on test',
  ): Promise<{ session: ApiClient; grant: SessionGrant }> {
    const { signupId, registrationRecord } = await this.startSignUp(api);
    const grant = await api.call('signupFinish', {
      body: { signupId, registrationRecord, keyset: await this.keyset(), deviceName },
    });
    return { session: api.withToken(grant.token), grant };
  }

  /** Login's first round trip and the client's OPAQUE finish (undefined when the client rejects KE2). */
  async startLogIn(
    api: ApiClient,
    options: { secret?: string; email?: string } = {},
  ): Promise<{ loginId: string; loginResponse: string; finishLoginRequest: string | undefined }> {
    const { answer, finishLoginRequest } = await opaqueLogin(
      bytes(options.secret ?? this.loginSecret()),
      (startLoginRequest) =>
        api.call('loginStart', { body: { email: options.email ?? this.email, startLoginRequest } }),
    );
    return { ...answer, finishLoginRequest: finishLoginRequest ?? undefined };
  }

  /** A login; null when the OPAQUE client itself rejects the server's answer (wrong secret, unknown email). */
  async logIn(
    api: ApiClient,
    options: { deviceName?: string; secret?: string; email?: string } = {},
  ): Promise<{ session: ApiClient; grant: SessionGrant } | null> {
    const { loginId, finishLoginRequest } = await this.startLogIn(api, options);
    if (finishLoginRequest === undefined) return null;
    const grant = await api.call('loginFinish', {
      body: { loginId, finishLoginRequest, deviceName: options.deviceName ?? 'Firefox on test' },
    });
    return { session: api.withToken(grant.token), grant };
  }

  /** Password change with `session` (fresh); returns the answer and switches this user to the new password. */
  async changePassword(session: ApiClient, next: DerivedPassword, expectedEpoch = this.keyEpoch) {
    const registrationRecord = await opaqueRegister(bytes(this.loginSecret(next)), (registrationRequest) =>
      session.call('passwordStart', { body: { registrationRequest } }),
    );
    const answer = await session.call('passwordFinish', {
      body: { registrationRecord, keyset: await this.keyset(next, expectedEpoch + 1), expectedEpoch },
    });
    this.credentials = next;
    this.keyEpoch = answer.keyEpoch;
    return answer;
  }

  async registerRecovery(session: ApiClient): Promise<void> {
    const registrationRecord = await opaqueRegister(
      bytes(this.recoveryLoginSecret()),
      (registrationRequest) => session.call('recoveryRegisterStart', { body: { registrationRequest } }),
    );
    const recoveryKey = deriveRecoveryWrapKey(this.recoverySecret, this.accountKey);
    const wrap = await wrapVaultKeyForRecovery(recoveryKey, this.vaultKey, this.accountId);
    await session.call('recoveryRegisterFinish', {
      body: { registrationRecord, recoveryWrappedVaultKey: b64(wrap) },
    });
  }

  async recoveryLogIn(api: ApiClient, email = this.email) {
    const { answer, finishLoginRequest } = await opaqueLogin(
      bytes(this.recoveryLoginSecret()),
      (startLoginRequest) => api.call('recoveryLoginStart', { body: { email, startLoginRequest } }),
    );
    if (finishLoginRequest === null) return null;
    const grant = await api.call('recoveryLoginFinish', {
      body: { loginId: answer.loginId, finishLoginRequest, deviceName: 'Recovery browser' },
    });
    return { session: api.withToken(grant.token), grant };
  }
}

/** Runs `call` and returns the ApiError it throws (fails the test if it does not throw one). */
export async function apiError(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an ApiError');
}
