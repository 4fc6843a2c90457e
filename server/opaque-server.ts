import * as opaque from '@serenity-kit/opaque';
import { ProblemError } from './problem';

/**
 * The server half of OPAQUE (RFC 9807, @serenity-kit/opaque), with the library's exceptions turned into our
 * answers: a malformed client message is the client's bad request, a failed login is invalid-credentials, never
 * a 500. The caller must have awaited `opaque.ready` (loadServerSecrets does).
 */

export function createRegistrationResponse(
  setup: string,
  userIdentifier: string,
  registrationRequest: string,
): string {
  try {
    return opaque.server.createRegistrationResponse({
      serverSetup: setup,
      userIdentifier,
      registrationRequest,
    }).registrationResponse;
  } catch {
    throw new ProblemError(
      'bad-request',
      'body.registrationRequest: not a valid OPAQUE registration request',
    );
  }
}

/**
 * KE2 for a login. `record` null answers with a fake that the client cannot tell from a wrong password
 * (RFC 9807 §10.9, client enumeration); the fake is stable per userIdentifier because the OPRF key is derived
 * from it and the setup's seed.
 */
export function startLogin(
  setup: string,
  record: string | null,
  userIdentifier: string,
  startLoginRequest: string,
): { serverLoginState: string; loginResponse: string } {
  try {
    return opaque.server.startLogin({
      serverSetup: setup,
      registrationRecord: record,
      userIdentifier,
      startLoginRequest,
    });
  } catch {
    throw new ProblemError('bad-request', 'body.startLoginRequest: not a valid OPAQUE login request');
  }
}

/** True when the client proved knowledge of the registered secret (its KE3 MAC verifies). */
export function finishLogin(serverLoginState: string, finishLoginRequest: string): boolean {
  try {
    opaque.server.finishLogin({ serverLoginState, finishLoginRequest });
    return true;
  } catch {
    return false;
  }
}
