import * as v from 'valibot';
import { LoginFinishRequestSchema, LoginStartRequestSchema, LoginStartResponseSchema } from './auth';
import { Email, KeyEpoch, KeysetRead, Timestamp, Token, Uuid, WrappedKey } from './fields';
import { RegistrationRecord, RegistrationRequest, RegistrationResponse } from './opaque-messages';

/**
 * The Recovery Kit (DESIGN §2): a second OPAQUE registration whose secret derives from the recovery secret AND
 * the Account Key, plus the vault key wrapped under a key derived from both. Logging in with it yields a
 * short-lived recovery session that can only set a new password.
 */

export const RecoveryRegisterStartRequestSchema = v.strictObject({
  registrationRequest: RegistrationRequest,
});

export const RecoveryRegisterStartResponseSchema = v.strictObject({
  registrationResponse: RegistrationResponse,
});

export const RecoveryRegisterFinishRequestSchema = v.strictObject({
  registrationRecord: RegistrationRecord,
  recoveryWrappedVaultKey: WrappedKey,
});

// A Recovery Kit login is an OPAQUE login like any other: the same messages, against the second registration.
export const RecoveryLoginStartRequestSchema = LoginStartRequestSchema;
export const RecoveryLoginStartResponseSchema = LoginStartResponseSchema;
export const RecoveryLoginFinishRequestSchema = LoginFinishRequestSchema;

/** A recovery session (minutes long) and the keys needed to set a new password without losing data. */
export const RecoverySessionGrantSchema = v.strictObject({
  token: Token,
  expiresAt: Timestamp,
  accountId: Uuid,
  email: Email,
  keyset: KeysetRead,
  recoveryWrappedVaultKey: WrappedKey,
  keyEpoch: KeyEpoch,
  keyEpochSince: Timestamp,
});

export type RecoveryRegisterStartRequest = v.InferOutput<typeof RecoveryRegisterStartRequestSchema>;
export type RecoveryRegisterStartResponse = v.InferOutput<typeof RecoveryRegisterStartResponseSchema>;
export type RecoveryRegisterFinishRequest = v.InferOutput<typeof RecoveryRegisterFinishRequestSchema>;
export type RecoveryLoginStartRequest = v.InferOutput<typeof RecoveryLoginStartRequestSchema>;
export type RecoveryLoginStartResponse = v.InferOutput<typeof RecoveryLoginStartResponseSchema>;
export type RecoveryLoginFinishRequest = v.InferOutput<typeof RecoveryLoginFinishRequestSchema>;
export type RecoverySessionGrant = v.InferOutput<typeof RecoverySessionGrantSchema>;
