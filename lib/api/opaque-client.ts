import * as opaque from '@serenity-kit/opaque';
import { OPAQUE_KEY_STRETCHING, opaquePassword } from './opaque-messages';

/**
 * The client half of OPAQUE (RFC 9807) as every Latchkey client runs it, for sign-up, login, password change
 * and the Recovery Kit alike. The caller supplies the 32-byte secret (the login secret or the recovery login
 * secret from lib/account) and the round trip to the server; these functions keep the library's settings
 * (password encoding, key stretching) in one place, since a client that differs cannot log in.
 */

/** Registers `secret`: sends the registration request through `exchange`, returns the record to upload. */
export async function opaqueRegister(
  secret: Uint8Array,
  exchange: (registrationRequest: string) => Promise<{ registrationResponse: string }>,
): Promise<string> {
  await opaque.ready;
  const password = opaquePassword(secret);
  const start = opaque.client.startRegistration({ password });
  const { registrationResponse } = await exchange(start.registrationRequest);
  return opaque.client.finishRegistration({
    clientRegistrationState: start.clientRegistrationState,
    registrationResponse,
    password,
    keyStretching: OPAQUE_KEY_STRETCHING,
  }).registrationRecord;
}

/**
 * The client's part of a login: sends KE1 through `exchange`, checks the server's KE2. Returns the server's
 * answer and the finish request; finishLoginRequest is null when KE2 does not verify: a wrong secret (wrong
 * password or Account Key) or an unknown email (the server's fake answer), deliberately indistinguishable.
 */
export async function opaqueLogin<T extends { loginResponse: string }>(
  secret: Uint8Array,
  exchange: (startLoginRequest: string) => Promise<T>,
): Promise<{ answer: T; finishLoginRequest: string | null }> {
  await opaque.ready;
  const password = opaquePassword(secret);
  const start = opaque.client.startLogin({ password });
  const answer = await exchange(start.startLoginRequest);
  const finish = opaque.client.finishLogin({
    clientLoginState: start.clientLoginState,
    loginResponse: answer.loginResponse,
    password,
    keyStretching: OPAQUE_KEY_STRETCHING,
  });
  return { answer, finishLoginRequest: finish?.finishLoginRequest ?? null };
}
