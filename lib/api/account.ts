import * as v from 'valibot';
import { Email, KeyEpoch, Keyset, KeysetRead, Revision, Timestamp, Token, Uuid } from './fields';
import { KIT_PAYLOAD_MAX_CHARS } from './limits';
import { RegistrationRecord, RegistrationRequest, RegistrationResponse } from './opaque-messages';

/** The signed-in account: its keyset, devices (sessions), password change and the kit email. */

export const AccountResponseSchema = v.strictObject({
  accountId: Uuid,
  email: Email,
  keyset: KeysetRead,
  keyEpoch: KeyEpoch,
  keyEpochSince: Timestamp,
  hasRecovery: v.boolean(),
  /** The account's item revision counter (what a pull with since=revision would return as head). */
  revision: Revision,
});

export const DeviceSchema = v.strictObject({
  id: Uuid,
  name: v.pipe(v.string(), v.maxLength(256)),
  kind: v.picklist(['full', 'recovery']),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  /** The session making this request. */
  current: v.boolean(),
});

export const DevicesResponseSchema = v.strictObject({ devices: v.array(DeviceSchema) });

export const DeviceParamsSchema = v.strictObject({ id: Uuid });

export const PasswordStartRequestSchema = v.strictObject({ registrationRequest: RegistrationRequest });

export const PasswordStartResponseSchema = v.strictObject({ registrationResponse: RegistrationResponse });

export const PasswordFinishRequestSchema = v.strictObject({
  registrationRecord: RegistrationRecord,
  keyset: Keyset,
  /** The epoch the client re-wrapped under; a concurrent change makes this stale (409 conflict-epoch). */
  expectedEpoch: KeyEpoch,
});

export const PasswordFinishResponseSchema = v.strictObject({
  keyEpoch: KeyEpoch,
  keyEpochSince: Timestamp,
  /**
   * Set when the change was made with a recovery session: that session has ended and this full session
   * replaces it. null after an ordinary change (the current session stays valid).
   */
  newSession: v.nullable(v.strictObject({ token: Token, expiresAt: Timestamp })),
});

export const KitEmailRequestSchema = v.strictObject({
  payloadText: v.pipe(
    v.string('must be a string'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(KIT_PAYLOAD_MAX_CHARS, `must be at most ${KIT_PAYLOAD_MAX_CHARS} characters`),
  ),
});

export type AccountResponse = v.InferOutput<typeof AccountResponseSchema>;
export type Device = v.InferOutput<typeof DeviceSchema>;
export type DevicesResponse = v.InferOutput<typeof DevicesResponseSchema>;
export type PasswordStartRequest = v.InferOutput<typeof PasswordStartRequestSchema>;
export type PasswordStartResponse = v.InferOutput<typeof PasswordStartResponseSchema>;
export type PasswordFinishRequest = v.InferOutput<typeof PasswordFinishRequestSchema>;
export type PasswordFinishResponse = v.InferOutput<typeof PasswordFinishResponseSchema>;
export type KitEmailRequest = v.InferOutput<typeof KitEmailRequestSchema>;
