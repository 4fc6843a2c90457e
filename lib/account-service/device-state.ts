import * as v from 'valibot';
import type { KdfSpec, KeyContext } from '../account/key-hierarchy';
import { base64url, Email, KdfParams, KdfSalt, KeyEpoch, Token, Uuid, WrappedKey } from '../api/fields';
import { fromBase64url, toBase64url } from '../encoding/base64url';

/**
 * What a signed-in device keeps on disk (storage.local) about its account, as plain JSON: bytes as base64url,
 * dates as ISO strings. Nothing in it opens the vault without the password: the vault key is wrapped under MUK,
 * the Account Key under PWK ‖ DS (lib/account/README.md). The background validates what it reads back with
 * DeviceStateSchema, so a damaged or older entry is refused at the boundary instead of failing deep inside.
 */
export const DEVICE_STATE_VERSION = 1;

const IsoTimestamp = v.pipe(v.string('must be a string'), v.isoTimestamp('must be an ISO 8601 timestamp'));

export const DeviceStateSchema = v.strictObject({
  version: v.literal(DEVICE_STATE_VERSION),
  serverUrl: v.pipe(v.string(), v.maxLength(2048), v.url('must be a URL')),
  email: Email,
  accountId: Uuid,
  keyEpoch: KeyEpoch,
  /** When the current key epoch began: sign-up or the last password change. */
  keyEpochSince: IsoTimestamp,
  /** The account KDF: the one Argon2id an unlock runs. */
  kdf: v.strictObject({ params: KdfParams, salt: KdfSalt }),
  /** The vault key under MUK (as the server's keyset holds it). */
  wrappedVaultKey: WrappedKey,
  /** The Account Key under HKDF(PWK ‖ DS): the same box as the server's keyset `accountKeyForDevices`. */
  accountKeyForDevices: WrappedKey,
  /** DS = HKDF(AK), in the clear: without the password it opens nothing. */
  deviceSecret: base64url(32),
  token: Token,
  tokenExpiresAt: IsoTimestamp,
  hasRecovery: v.boolean(),
});

export type DeviceState = v.InferOutput<typeof DeviceStateSchema>;

/** The state's fields in their working types (bytes, Dates, KdfSpec). */
export interface DeviceStateFields {
  serverUrl: string;
  email: string;
  accountId: string;
  keyEpoch: number;
  keyEpochSince: Date;
  kdf: KdfSpec;
  wrappedVaultKey: Uint8Array;
  accountKeyForDevices: Uint8Array;
  deviceSecret: Uint8Array;
  token: string;
  tokenExpiresAt: Date;
  hasRecovery: boolean;
}

/** Encodes and validates: a state that would not read back is a bug here, not a failure later. */
export function buildDeviceState(fields: DeviceStateFields): DeviceState {
  return v.parse(DeviceStateSchema, {
    version: DEVICE_STATE_VERSION,
    serverUrl: fields.serverUrl,
    email: fields.email,
    accountId: fields.accountId,
    keyEpoch: fields.keyEpoch,
    keyEpochSince: fields.keyEpochSince.toISOString(),
    kdf: { params: { ...fields.kdf.params }, salt: toBase64url(fields.kdf.salt) },
    wrappedVaultKey: toBase64url(fields.wrappedVaultKey),
    accountKeyForDevices: toBase64url(fields.accountKeyForDevices),
    deviceSecret: toBase64url(fields.deviceSecret),
    token: fields.token,
    tokenExpiresAt: fields.tokenExpiresAt.toISOString(),
    hasRecovery: fields.hasRecovery,
  });
}

export function kdfOf(state: DeviceState): KdfSpec {
  return { params: { ...state.kdf.params }, salt: fromBase64url(state.kdf.salt) };
}

export function keyContextOf(state: Pick<DeviceState, 'accountId' | 'keyEpoch'>): KeyContext {
  return { accountId: state.accountId, keyEpoch: state.keyEpoch };
}

/** A new session (login or re-login) on an unchanged account. */
export function withSession(
  state: DeviceState,
  session: { token: string; expiresAt: Date; hasRecovery?: boolean },
): DeviceState {
  return v.parse(DeviceStateSchema, {
    ...state,
    token: session.token,
    tokenExpiresAt: session.expiresAt.toISOString(),
    hasRecovery: session.hasRecovery ?? state.hasRecovery,
  });
}
