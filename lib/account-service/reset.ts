import type { AccountServiceDeps } from './deps';

/**
 * Account reset (DESIGN §1 "Forgot password", no Recovery Kit): the server emails a one-time code, and the code
 * wipes the account so the email can sign up again. The start answers the same whether the account exists.
 */
export async function startReset(
  serverUrl: string,
  email: string,
  deps: Pick<AccountServiceDeps, 'api'>,
): Promise<void> {
  await deps.api(serverUrl).call('resetStart', { body: { email } });
}

/** Throws ApiError 'invalid-reset-code' for a wrong or expired code (five wrong tries void it). */
export async function finishReset(
  serverUrl: string,
  email: string,
  code: string,
  deps: Pick<AccountServiceDeps, 'api'>,
): Promise<void> {
  await deps.api(serverUrl).call('resetFinish', { body: { email, code } });
}
