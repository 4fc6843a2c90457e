import * as v from 'valibot';
import {
  DeviceName,
  Email,
  KdfParams,
  KdfSalt,
  KeyEpoch,
  Keyset,
  KeysetRead,
  Timestamp,
  Token,
  Uuid,
  WrappedKey,
} from './fields';
import {
  FinishLoginRequest,
  LoginResponse,
  RegistrationRecord,
  RegistrationRequest,
  RegistrationResponse,
  StartLoginRequest,
} from './opaque-messages';

/**
 * Pre-login, sign-up and login (DESIGN §2 "Login"). Sign-up and login are two OPAQUE round trips each; the
 * server keeps its state between them in storage, named by signupId / loginId.
 */

export const PreloginRequestSchema = v.strictObject({ email: Email });

/**
 * For an unknown email the server answers stable, plausible fakes (no account enumeration), a fake
 * `accountKeyForDevices` box of the real length included.
 */
export const PreloginResponseSchema = v.strictObject({
  kdf: KdfParams,
  salt: KdfSalt,
  keyEpoch: KeyEpoch,
  keyEpochSince: Timestamp,
  /**
   * The devices' Account Key box of the current epoch: what a device told "password changed" opens with the new
   * password's PWK and its device secret. Safe to hand out unauthenticated: opening it needs the device secret,
   * derived from the Account Key, so it lets no one test password guesses. Never null, even for an account from
   * before the box existed (it gets a fake, so the answer cannot tell it from an unknown email; its devices
   * never need the box, as every password change stores a real one); a box that does not open means "wrong
   * password" or "not this account", as for any AEAD box.
   */
  accountKeyForDevices: WrappedKey,
});

export const SignupStartRequestSchema = v.strictObject({
  email: Email,
  registrationRequest: RegistrationRequest,
});

/** accountId is the OPAQUE user identifier; the client binds its keys (associated data) to it. */
export const SignupStartResponseSchema = v.strictObject({
  signupId: Uuid,
  accountId: Uuid,
  registrationResponse: RegistrationResponse,
});

export const SignupFinishRequestSchema = v.strictObject({
  signupId: Uuid,
  registrationRecord: RegistrationRecord,
  keyset: Keyset,
  deviceName: DeviceName,
});

export const LoginStartRequestSchema = v.strictObject({ email: Email, startLoginRequest: StartLoginRequest });

export const LoginStartResponseSchema = v.strictObject({ loginId: Uuid, loginResponse: LoginResponse });

export const LoginFinishRequestSchema = v.strictObject({
  loginId: Uuid,
  finishLoginRequest: FinishLoginRequest,
  deviceName: DeviceName,
});

/** A new full session (sign-up or login) and what the device needs to unlock. */
export const SessionGrantSchema = v.strictObject({
  token: Token,
  expiresAt: Timestamp,
  accountId: Uuid,
  email: Email,
  keyset: KeysetRead,
  keyEpoch: KeyEpoch,
  keyEpochSince: Timestamp,
  hasRecovery: v.boolean(),
});

export type PreloginRequest = v.InferOutput<typeof PreloginRequestSchema>;
export type PreloginResponse = v.InferOutput<typeof PreloginResponseSchema>;
export type SignupStartRequest = v.InferOutput<typeof SignupStartRequestSchema>;
export type SignupStartResponse = v.InferOutput<typeof SignupStartResponseSchema>;
export type SignupFinishRequest = v.InferOutput<typeof SignupFinishRequestSchema>;
export type LoginStartRequest = v.InferOutput<typeof LoginStartRequestSchema>;
export type LoginStartResponse = v.InferOutput<typeof LoginStartResponseSchema>;
export type LoginFinishRequest = v.InferOutput<typeof LoginFinishRequestSchema>;
export type SessionGrant = v.InferOutput<typeof SessionGrantSchema>;
